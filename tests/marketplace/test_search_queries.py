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


#: The statements of a marketplace page: the session, the user, the second factor, the
#: delegate, the viewer's organisations, the committee roles, the countries present, the
#: tracks (the filter form), the delegate bar, the unread notices, the page with its count
#: (one statement: a window count), the organisations' tracks and their listed items.
PAGE_STATEMENTS = 13


@pytest.mark.parametrize(
    "url",
    [
        "/marketplace/",
        "/marketplace/?q=drone+detection",
        "/marketplace/?q=drone&track=demining&side=offer&country=UA",
    ],
)
def test_the_page_and_its_count_are_one_statement(client, forum, url):
    client.force_login(DelegateFactory(organisation__forum=forum).user)
    _organisations(forum, 0, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    statements = [query["sql"] for query in captured.captured_queries]
    counts = [sql for sql in statements if "COUNT(*) AS" in sql and "organisations_organ" in sql]
    assert counts == []  # Django's paginator would COUNT the organisations found apart
    assert sum("COUNT(*) OVER ()" in sql for sql in statements) == 1
    assert len(statements) == PAGE_STATEMENTS
