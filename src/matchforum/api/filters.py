"""Query filters of the API list endpoints.

A parameter that is given must be valid: `?kind=` (empty) is a 400, not "any kind", and
an id out of the database's integer range is a 400, not a server error.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from matchforum.marketplace.models import CooperationProfile, ProfileKind, Side
from matchforum.meetings.models import MeetingRequest, MeetingStatus, RequestStatus
from matchforum.organisations.models import Organisation, OrganisationKind

MAX_ID = 2**63 - 1  # the largest integer SQLite and PostgreSQL (bigint) store


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An object id: a whole number in the database's range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class StrictFilterSet(django_filters.FilterSet):
    """Refuse an empty value for a choice or id parameter instead of ignoring it."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, declared in self.filters.items():
            if isinstance(declared, (django_filters.ChoiceFilter, IdFilter)) and (
                name in self.data and self.data.get(name) == ""
            ):
                self.form.add_error(name, _("Give a value or leave the parameter out."))
                valid = False
        return valid


class OrganisationFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    country = django_filters.CharFilter(max_length=2)
    track = django_filters.CharFilter(field_name="tracks__slug", max_length=50, distinct=True)

    class Meta:
        model = Organisation
        fields = ["kind", "country", "track"]


class ProfileFilter(StrictFilterSet):
    side = django_filters.ChoiceFilter(choices=Side.choices)
    kind = django_filters.ChoiceFilter(choices=ProfileKind.choices)
    organisation = IdFilter(field_name="organisation_id")
    track = django_filters.CharFilter(field_name="tracks__slug", max_length=50, distinct=True)

    class Meta:
        model = CooperationProfile
        fields = ["side", "kind", "organisation", "track"]


class MeetingRequestFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices)
    box = django_filters.ChoiceFilter(
        choices=[("sent", "sent"), ("received", "received")], method="filter_box"
    )

    class Meta:
        model = MeetingRequest
        fields = ["status", "box"]

    def filter_box(self, queryset, name, value):
        from matchforum.core.own_organisations import own_organisation_ids
        from matchforum.core.shortcuts import request_forum

        own = own_organisation_ids(self.request.user, request_forum(self.request))
        if value == "sent":
            return queryset.filter(sender_organisation_id__in=own)
        return queryset.filter(recipient_organisation_id__in=own)


class MeetingFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)
