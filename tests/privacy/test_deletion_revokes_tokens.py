"""Deleting an account revokes every secret it had: feed, API tokens, sessions, links."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from matchforum.agenda.models import CalendarToken
from matchforum.api.models import ApiToken
from matchforum.organisations.models import Invitation
from tests.factories import ApiTokenFactory, CalendarTokenFactory, InvitationFactory

PASSWORD = "correct horse battery staple"

pytestmark = pytest.mark.usefixtures("fast_hashing")


def _delete_account(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.post(reverse("privacy:my-data"), {"password": PASSWORD}).status_code == 302
    return client


def test_the_calendar_feed_stops_answering_when_the_account_is_deleted(world):
    feed = reverse("agenda:calendar_feed", kwargs={"token": world.calendar_token.token})
    assert Client().get(feed).status_code == 200
    _delete_account(world.users["own"])
    assert Client().get(feed).status_code in (404, 410)
    assert not CalendarToken.objects.filter(delegate=world.own_delegate).exists()


def test_a_feed_token_of_an_inactive_account_opens_nothing(world):
    # Even a token left over (e.g. from before this rule) answers nothing once inactive.
    user = world.users["own"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    feed = reverse("agenda:calendar_feed", kwargs={"token": world.calendar_token.token})
    assert Client().get(feed).status_code == 404


def test_every_api_token_and_session_ends_with_the_account(world):
    phone = ApiTokenFactory(user=world.users["own"], name="phone")
    other = ApiTokenFactory(user=world.users["other"])
    second_browser = Client()
    second_browser.force_login(world.users["own"])
    assert second_browser.get(reverse("agenda:agenda")).status_code == 200
    _delete_account(world.users["own"])
    for raw in (world.own_token.raw, phone.raw):
        api = Client(HTTP_AUTHORIZATION=f"Token {raw}")
        assert api.get("/api/v1/agenda/").status_code == 401
    assert not ApiToken.objects.filter(user=world.users["own"]).exists()
    assert ApiToken.objects.filter(pk=other.pk).exists()
    assert second_browser.get(reverse("agenda:agenda")).status_code == 302


def test_survey_links_and_open_invitations_stop_working(world):
    survey_url = reverse("outcomes:survey", args=[world.survey.token])
    assert Client().get(survey_url).status_code == 200
    invited = InvitationFactory(organisation=world.other_org, email="own@example.org")
    invitation_url = reverse("accounts:invitation", kwargs={"token": invited.token})
    assert Client().get(invitation_url).status_code == 200
    _delete_account(world.users["own"])
    assert Client().get(survey_url).status_code == 404
    assert Client().get(invitation_url).status_code == 404
    assert Invitation.objects.get(pk=invited.pk).revoked_at is not None


def test_another_delegates_feed_survives(world):
    other_feed = CalendarTokenFactory(delegate=world.other_delegate)
    _delete_account(world.users["own"])
    url = reverse("agenda:calendar_feed", kwargs={"token": other_feed.token})
    assert Client().get(url).status_code == 200
