"""The recommendations and agenda lists and an organisation's page, written by plain
functions, are byte for byte what their serializers wrote: every field, every language,
hidden pairs, online meetings and unplaced ones, pagination included."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone, translation
from rest_framework import mixins
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate

from matchforum.api.serializers import OrganisationSerializer
from matchforum.api.views import AgendaViewSet, OrganisationViewSet, RecommendationViewSet
from matchforum.forums.models import CapabilityTrack, Slot, Table
from matchforum.meetings.models import Meeting, MeetingMode, MeetingStatus
from matchforum.organisations.models import Delegate, Organisation
from tests.factories import (
    CooperationProfileFactory,
    DismissalFactory,
    RecommendationFactory,
    realistic_forum_build,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "uk", "lt", "lv", "et", "pl"]


class RecommendationsBySerializer(RecommendationViewSet):
    def list(self, request, *args, **kwargs):
        return mixins.ListModelMixin.list(self, request, *args, **kwargs)


class OrganisationBySerializer(OrganisationViewSet):
    def retrieve(self, request, *args, **kwargs):
        return Response(OrganisationSerializer(self.get_object()).data)


class AgendaBySerializer(AgendaViewSet):
    def list(self, request, *args, **kwargs):
        return mixins.ListModelMixin.list(self, request, *args, **kwargs)


def _bytes(viewset, user, query: str, language: str, pk: int | None = None) -> bytes:
    request = APIRequestFactory().get(f"/api/v1/x/{query}", HTTP_ACCEPT_LANGUAGE=language)
    force_authenticate(request, user=user)
    action = {"get": "list"} if pk is None else {"get": "retrieve"}
    with translation.override(language):
        response = viewset.as_view(action)(request, **({} if pk is None else {"pk": pk}))
        response.render()
    assert response.status_code == 200
    return response.content


@pytest.fixture
def seeded():
    """A forum of 40 organisations with tracks, offers and needs (some hidden), and for
    the first, recommendations of every kind of explanation the matcher stores."""
    forum = realistic_forum_build(organisations=40, meetings=90, seed=3)
    rng = random.Random(5)
    tracks = [
        CapabilityTrack.objects.create(slug=f"track-{n}", name=name, position=n)
        for n, name in enumerate(["Demining", "Drones", "Air defence", "Training"])
    ]
    delegates = list(Delegate.objects.filter(organisation__forum=forum).order_by("pk"))
    organisations = [d.organisation for d in delegates]
    for organisation in organisations:
        organisation.tracks.set(rng.sample(tracks, k=rng.randint(0, 3)))
    own = organisations[0]
    for n, other in enumerate(organisations[1:25], start=1):
        offer = CooperationProfileFactory(organisation=other, side="offer", title=f"Radar {n}")
        need = CooperationProfileFactory(
            organisation=own, side="need", title=f"Sensors “{n}”", is_active=n % 5 != 0
        )
        explanation: dict = {
            "text": f"**{other.name}** offers Radar {n}." if n % 3 else "",
            "shared_tracks": rng.sample(["Demining", "Drones", "Unknown track"], k=n % 3),
        }
        if n % 4 != 3:
            explanation["they_answer_you"] = {
                "offer_id": offer.pk,
                "need_id": need.pk,
                "offer_title": offer.title,
                "need_title": need.title,
                "score": 0.5 + n / 100,
            }
        if n % 2:
            explanation["you_answer_them"] = {
                "offer_id": "not-a-number",
                "need_id": 10**9,
                "offer_title": "Training",
                "need_title": "Courses",
                "score": 1,
            }
        if n % 6:
            explanation["facts"] = {
                "profile_similarity": rng.random(),
                "cross_border": n % 2 == 0,
                "kind_pairing": n % 3 == 0,
            }
        RecommendationFactory(
            forum=forum,
            organisation=own,
            counterpart=other,
            rank=n,
            score=rng.random(),
            score_ab=rng.random(),
            score_ba=1.0,
            explanation=explanation,
            computed_at=timezone.now() - dt.timedelta(minutes=n, microseconds=n),
        )
    DismissalFactory(organisation=own, counterpart=organisations[7])
    # The first delegate's meetings: placed at a table, online, and one not placed (the
    # agenda leaves it out: a scheduled or held meeting always has its slot).
    slots = list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))
    table = Table.objects.filter(forum=forum).first()
    mine = Meeting.objects.filter(organisation_a=own) | Meeting.objects.filter(organisation_b=own)
    for n, meeting in enumerate(mine.order_by("pk")):
        if n == 2:
            continue
        meeting.status = MeetingStatus.SCHEDULED if n % 4 else MeetingStatus.HELD
        meeting.slot = slots[n % len(slots)]
        meeting.table = table if n % 2 else None
        meeting.mode = MeetingMode.ONSITE if n % 2 else MeetingMode.ONLINE
        meeting.is_walk_in = n == 1
        meeting.save()
    return delegates[0].user


@pytest.mark.parametrize("query", ["", "?page_size=7&page=2", "?page_size=200"])
def test_the_recommendations_are_the_serializers_bytes(seeded, query):
    for language in LANGUAGES:
        expected = _bytes(RecommendationsBySerializer, seeded, query, language)
        assert _bytes(RecommendationViewSet, seeded, query, language) == expected
    assert b"Radar 1" in expected and b'"they_answer_you":null' in expected


@pytest.mark.parametrize("query", ["", "?page_size=2&page=2"])
def test_the_agenda_is_the_serializers_bytes(seeded, query):
    for language in ["en", "uk"]:
        expected = _bytes(AgendaBySerializer, seeded, query, language)
        assert _bytes(AgendaViewSet, seeded, query, language) == expected
    assert b'"slot_starts_at":"' in expected and b'"table_number":null' in expected


def test_an_organisations_page_is_the_serializers_bytes(seeded):
    own = Delegate.objects.get(user=seeded).organisation
    own.website, own.size, own.description = "https://example.org/", "sme", "Ünïcode “quoted”"
    own.save()
    others = Organisation.objects.filter(forum=own.forum).exclude(pk=own.pk).order_by("pk")[:6]
    for organisation in [own, *others]:
        for language in ["en", "uk"]:
            expected = _bytes(OrganisationBySerializer, seeded, "", language, pk=organisation.pk)
            assert _bytes(OrganisationViewSet, seeded, "", language, pk=organisation.pk) == expected
    assert b'"website":"https://example.org/"' in _bytes(
        OrganisationViewSet, seeded, "", "en", pk=own.pk
    )


def test_a_filter_in_the_query_string_still_applies_to_one_organisation(seeded):
    own = Delegate.objects.get(user=seeded).organisation
    other_kind = "investor" if own.kind != "investor" else "buyer"
    request = APIRequestFactory().get(f"/api/v1/x/?kind={other_kind}")
    force_authenticate(request, user=seeded)
    response = OrganisationViewSet.as_view({"get": "retrieve"})(request, pk=own.pk)
    assert response.status_code == 404
    request = APIRequestFactory().get(f"/api/v1/x/?kind={own.kind}")
    force_authenticate(request, user=seeded)
    assert OrganisationViewSet.as_view({"get": "retrieve"})(request, pk=own.pk).status_code == 200
