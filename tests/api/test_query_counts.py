"""The hot endpoints of the load scenario read a bounded number of queries, whatever the
page size: an N+1 (a query per listed row) or a lost memo fails here."""

from __future__ import annotations

import pytest
from django.test import Client

from matchforum.forums.models import CapabilityTrack
from tests.factories import (
    ApiTokenFactory,
    CooperationProfileFactory,
    DelegateFactory,
    MeetingRequestFactory,
    OrganisationFactory,
    RecommendationFactory,
)

ROWS = 25  # more than one of anything, so that a per-row query would add up


@pytest.fixture
def busy_world(db):
    from tests.security.world import build_world

    world = build_world()
    tracks = [
        CapabilityTrack.objects.create(slug=f"track-{n}", name=f"Track {n}") for n in range(3)
    ]
    for n in range(ROWS):
        organisation = OrganisationFactory(forum=world.forum, name=f"Drone maker {n}")
        organisation.tracks.set(tracks)
        profile = CooperationProfileFactory(organisation=organisation, title=f"Drone {n}")
        profile.tracks.set(tracks)
        sender = DelegateFactory(organisation=organisation)
        MeetingRequestFactory(sender=sender, recipient_organisation=world.own_org)
        RecommendationFactory(
            organisation=world.own_org,
            counterpart=organisation,
            rank=n + 2,
            explanation={"shared_tracks": ["Track 0"], "they_answer_you": None},
        )
    world.client = Client(
        HTTP_AUTHORIZATION=f"Token {ApiTokenFactory(user=world.users['own']).raw}"
    )
    # Warm up as a running server is: the token's last use noted (once a minute) and the
    # current forum read (once per few seconds).
    assert world.client.get("/api/v1/agenda/").status_code == 200
    return world


# Queries per request: the token (which also says whether the caller sits on a committee
# team, so a delegate's committee seats cost no query of their own), the caller's own
# organisations (or their delegate seats, which give the own organisations too), then the
# endpoint's own reads: count, page,
# prefetched tracks. The directory lists (organisations, profiles) are built once and then
# shared by callers who see the public directory (api/directory.py): these are the first
# builds; the search also asks whether the caller has unpublished profiles of their own.
CASES = {
    "/api/v1/organisations/?page_size=20": 5,
    "/api/v1/profiles/?search=drone&page_size=20": 6,
    # count, page, the counterparts' tracks, and the quoted items the reader may see
    # (one query for the page: explanations_prepare)
    "/api/v1/recommendations/": 6,
    "/api/v1/meeting-requests/?box=received&status=pending&page_size=20": 4,
    "/api/v1/agenda/": 4,
}


@pytest.mark.parametrize("path", CASES)
def test_list_endpoints_read_a_bounded_number_of_queries(
    busy_world, path, django_assert_max_num_queries
):
    with django_assert_max_num_queries(CASES[path]):
        response = busy_world.client.get(path)
    assert response.status_code == 200
    if "page_size=20" in path:
        assert len(response.json()["results"]) == 20


def test_recommendations_list_all_rows_within_the_bound(busy_world, django_assert_max_num_queries):
    with django_assert_max_num_queries(CASES["/api/v1/recommendations/"]):
        response = busy_world.client.get("/api/v1/recommendations/")
    assert response.json()["count"] == ROWS + 1


def test_organisation_detail_with_its_audit_entry(busy_world, django_assert_max_num_queries):
    # token (with "on a committee team?"), the delegate seats (own organisations with them),
    # the organisation, its tracks, the audit entry
    with django_assert_max_num_queries(5):
        response = busy_world.client.get(f"/api/v1/organisations/{busy_world.partner_org.pk}/")
    assert response.status_code == 200


def test_home_page_reads_the_tracks_only_once_cached(busy_world, django_assert_max_num_queries):
    client = Client()
    client.get("/")
    with django_assert_max_num_queries(1):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/v1/organisations/?page_size=20", "/api/v1/profiles/?search=drone&page_size=20"]
)
def test_a_shared_directory_answer_reads_only_who_the_caller_is(
    busy_world, path, django_assert_max_num_queries
):
    # `own` keeps an unpublished profile, so never shares the search; `other` does.
    client = Client(
        HTTP_AUTHORIZATION=f"Token {ApiTokenFactory(user=busy_world.users['other']).raw}"
    )
    first = client.get(path)
    # token, delegate seats, and for profiles whether the caller has unpublished ones
    with django_assert_max_num_queries(3):
        again = client.get(path)
    assert again.json() == first.json()
