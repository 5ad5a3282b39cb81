"""Token authentication reads, with the token, whether its user sits on a committee team:
a delegate's committee seats then cost no query, and a committee member keeps every power
of their seat from the next request on, whenever it was given or taken."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from matchforum.forums.models import CommitteeMembership, CommitteeRole
from tests.factories import ApiTokenFactory, committee_seat

PENDING = "/api/v1/organisations/{pk}/"


def _client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {ApiTokenFactory(user=user).raw}")


def test_a_vetting_officers_token_sees_the_organisation_awaiting_vetting(world):
    client = _client(world.users["vetting"])
    assert client.get(PENDING.format(pk=world.pending_org.pk)).status_code == 200


def test_a_delegates_token_does_not(world):
    client = _client(world.users["other"])
    assert client.get(PENDING.format(pk=world.pending_org.pk)).status_code == 404


def test_a_seat_given_after_the_token_counts_from_the_next_request(world):
    user = world.users["other"]
    client = _client(user)
    url = PENDING.format(pk=world.pending_org.pk)
    assert client.get(url).status_code == 404
    committee_seat(user, role=CommitteeRole.VETTING_OFFICER)
    assert client.get(url).status_code == 200
    CommitteeMembership.objects.filter(user=user).delete()
    assert client.get(url).status_code == 404


def test_a_delegates_request_does_not_read_committee_seats(world):
    client = _client(world.users["other"])
    client.get("/api/v1/agenda/")  # the token's last use noted once
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/agenda/").status_code == 200
    separate = [
        q["sql"] for q in captured if q["sql"].lstrip().startswith('SELECT "forums_committeeteam"')
    ]
    assert separate == []
    assert any("forums_committeemembership" in q["sql"] for q in captured)  # inside the token's
