"""The scoping mechanism: rules per model, and the guard that refuses unscoped queries."""

from __future__ import annotations

import pytest
from django.urls import get_resolver

from matchforum.api.views import ScopedViewMixin
from matchforum.core.tenancy import (
    UnscopedQueryError,
    is_organisation_owned,
    require_scoped,
    scoped,
)
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.organisations.models import Organisation


def test_the_guard_refuses_a_plain_queryset_of_organisation_owned_data(db):
    for model in (Organisation, CooperationProfile, MeetingRequest, Meeting):
        assert is_organisation_owned(model)
        with pytest.raises(UnscopedQueryError):
            require_scoped(model.objects.all())


def test_scoping_survives_chaining_and_cannot_be_widened(world):
    user = world.users["other"]
    visible = scoped(MeetingRequest, user=user, forum=world.forum)
    narrowed = visible.filter(status="pending").order_by("pk")
    assert require_scoped(narrowed) is narrowed
    assert not narrowed.filter(pk=world.request_in.pk).exists()


def test_an_api_view_with_an_unscoped_queryset_raises(world, rf):
    class LeakyView(ScopedViewMixin):
        scoped_model = MeetingRequest

        def narrow(self, queryset):
            return MeetingRequest.objects.all()  # the forgotten filter

    view = LeakyView()
    view.request = rf.get("/")
    view.request.user = world.users["other"]
    with pytest.raises(UnscopedQueryError):
        view.get_queryset()


def test_scopes_per_role(world):
    def ids(model, role, **kw):
        return set(
            scoped(model, user=world.users[role], forum=world.forum, **kw).values_list(
                "pk", flat=True
            )
        )

    assert world.request_in.pk in ids(MeetingRequest, "own")
    assert world.request_in.pk not in ids(MeetingRequest, "other")
    assert world.request_in.pk in ids(MeetingRequest, "organiser")
    assert world.request_in.pk not in ids(MeetingRequest, "organiser", for_write=True)
    assert world.own_hidden_profile.pk in ids(CooperationProfile, "own")
    assert world.own_hidden_profile.pk not in ids(CooperationProfile, "other")
    assert ids(Organisation, "unapproved") == {world.pending_org.pk}
    assert ids(Organisation, "own", for_write=True) == {world.own_org.pk}


def _api_views():
    def walk(patterns):
        for entry in patterns:
            if hasattr(entry, "url_patterns"):
                yield from walk(entry.url_patterns)
            else:
                yield entry.callback

    for callback in walk(get_resolver().url_patterns):
        cls = getattr(callback, "cls", None)
        if cls is not None and cls.__module__.startswith("matchforum."):
            yield cls


def test_every_api_view_over_organisation_owned_data_uses_the_mixin():
    for cls in _api_views():
        model = getattr(getattr(cls, "queryset", None), "model", None)
        serializer = getattr(cls, "serializer_class", None)
        meta_model = getattr(getattr(serializer, "Meta", None), "model", None)
        for candidate in (model, meta_model):
            if candidate is not None and is_organisation_owned(candidate):
                assert issubclass(cls, ScopedViewMixin), f"{cls.__name__} bypasses scoping"
