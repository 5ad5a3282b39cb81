"""A hand-made request for a meeting with one's own organisation gets a clear 400."""

from __future__ import annotations

import pytest

from matchforum.meetings.models import MeetingRequest
from tests.factories import DelegateFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_requesting_a_meeting_with_ones_own_organisation_is_a_bad_request(client, forum, htmx):
    delegate = DelegateFactory(organisation__forum=forum)
    client.force_login(delegate.user)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(
        f"/meetings/request/{delegate.organisation.pk}/", {"session_wish": "any"}, **headers
    )
    assert response.status_code == 400
    assert "You cannot request a meeting with your own organisation." in response.content.decode()
    assert not MeetingRequest.objects.exists()


def test_an_unknown_organisation_is_still_not_found(client, forum):
    delegate = DelegateFactory(organisation__forum=forum)
    client.force_login(delegate.user)
    assert client.post("/meetings/request/999999/", {"session_wish": "any"}).status_code == 404


def test_marking_ones_own_organisation_not_interesting_is_a_bad_request(client, forum):
    from matchforum.recommendations.models import Dismissal

    delegate = DelegateFactory(organisation__forum=forum)
    client.force_login(delegate.user)
    response = client.post(f"/recommendations/{delegate.organisation.pk}/not-interested/")
    assert response.status_code == 400
    assert "You cannot dismiss your own organisation." in response.content.decode()
    assert not Dismissal.objects.exists()
