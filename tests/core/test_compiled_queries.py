"""A query compiled once gives, for every later value, exactly what the ORM gives: the
same rows in the same order, the same fields, its select_related objects and annotations,
counted as a query like any other; a queryset that transforms its value is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, connections
from django.db.models import Exists, OuterRef
from django.test.utils import CaptureQueriesContext

from matchforum.api.models import ApiToken
from matchforum.core.compiled_queries import CompiledQuery
from matchforum.forums.models import CommitteeMembership, CommitteeRole
from matchforum.organisations.models import Delegate
from tests.factories import (
    ApiTokenFactory,
    DelegateFactory,
    OrganisationFactory,
    UserFactory,
    committee_seat,
    forum_build,
)

pytestmark = pytest.mark.django_db

SEATS = CompiledQuery(
    lambda user_id, forum_id: (
        Delegate.objects.filter(user_id=user_id, organisation__forum_id=forum_id)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    ),
    user_id=-1,
    forum_id=-2,
)

TOKENS = CompiledQuery(
    lambda key_hash: (
        ApiToken.objects.select_related("user")
        .annotate(on_committee=Exists(CommitteeMembership.objects.filter(user=OuterRef("user_id"))))
        .filter(key_hash=key_hash)
    ),
    key_hash="sample-not-a-hash",
)


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_the_rows_are_the_orms_for_each_value_given():
    forum, other_forum = forum_build(), forum_build(slug="other")
    user, someone = UserFactory(), UserFactory()
    for name in ["Zeta", "Alpha", "Mu"]:
        DelegateFactory(user=user, organisation=OrganisationFactory(forum=forum, name=name))
    DelegateFactory(user=user, organisation=OrganisationFactory(forum=other_forum))
    DelegateFactory(user=someone, organisation=OrganisationFactory(forum=forum))

    for who, where in [
        (user, forum),
        (user, other_forum),
        (someone, forum),
        (someone, other_forum),
    ]:
        expected = list(SEATS.build(user_id=who.pk, forum_id=where.pk))
        got = SEATS.objects(user_id=who.pk, forum_id=where.pk)
        assert [_fields(d) for d in got] == [_fields(d) for d in expected]
        assert [_fields(d.organisation) for d in got] == [_fields(d.organisation) for d in expected]
    assert [d.organisation.name for d in SEATS.objects(user_id=user.pk, forum_id=forum.pk)] == [
        "Alpha",
        "Mu",
        "Zeta",
    ]
    assert SEATS.objects(user_id=someone.pk, forum_id=other_forum.pk) == []


def test_annotations_related_rows_and_converted_values_come_as_the_orm_gives_them():
    member, plain = UserFactory(), UserFactory()
    committee_seat(member, role=CommitteeRole.VETTING_OFFICER)
    for user, on_committee in [(member, True), (plain, False)]:
        token = ApiTokenFactory(user=user)
        [found] = TOKENS.objects(key_hash=token.key_hash)
        assert found.pk == token.pk and found.on_committee is on_committee
        assert isinstance(found.expires_at, dt.datetime) and found.expires_at.tzinfo is not None
        assert found.expires_at == ApiToken.objects.get(pk=token.pk).expires_at
        with CaptureQueriesContext(connection) as captured:
            assert found.user.email == user.email  # came with the token's row
        assert len(captured) == 0
    assert TOKENS.objects(key_hash="no such hash") == []


def test_each_run_is_one_query_and_the_sql_is_compiled_once():
    forum, user = forum_build(), UserFactory()
    SEATS.objects(user_id=user.pk, forum_id=forum.pk)
    with CaptureQueriesContext(connection) as captured:
        SEATS.objects(user_id=user.pk, forum_id=forum.pk)
        SEATS.objects(user_id=user.pk + 1, forum_id=forum.pk)
    assert len(captured) == 2
    compiled = connections["default"].__dict__["_matchforum_compiled_queries"][SEATS]
    SEATS.objects(user_id=user.pk, forum_id=forum.pk + 1)
    assert connections["default"].__dict__["_matchforum_compiled_queries"][SEATS] is compiled


def test_a_queryset_that_transforms_its_value_is_refused():
    contains = CompiledQuery(
        lambda name: Delegate.objects.filter(organisation__name__icontains=name), name="sample"
    )
    with pytest.raises(ValueError, match="not among the SQL's parameters"):
        contains.objects(name="drone")


def test_missing_or_unknown_values_are_refused():
    with pytest.raises(TypeError, match="expected the values"):
        SEATS.objects(user_id=1)
