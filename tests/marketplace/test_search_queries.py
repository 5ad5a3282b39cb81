"""The marketplace page's SQL does not grow with the organisations it shows (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matchforum.forums.models import CapabilityTrack
from tests.factories import CooperationProfileFactory, DelegateFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _organisations(forum, first: int, count: int) -> None:
    demining = CapabilityTrack.objects.get(slug="demining")
    for n in range(first, first + count):
        organisation = OrganisationFactory(forum=forum, name=f"Drone maker {n}")
        organisation.tracks.add(demining)
        for side in ("offer", "need"):
            profile = CooperationProfileFactory(
                organisation=organisation, side=side, description="Drone detection radar."
            )
            profile.tracks.add(demining)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url", ["/marketplace/", "/marketplace/?q=drone+detection&track=demining&side=offer"]
)
def test_a_full_page_runs_as_many_queries_as_a_short_one(client, forum, url):
    client.force_login(DelegateFactory(organisation__forum=forum).user)
    _organisations(forum, 0, 2)
    client.get(url)  # the first request of a session reads what later ones have cached
    short = _queries(client, url)
    _organisations(forum, 2, 18)
    assert _queries(client, url) == short
