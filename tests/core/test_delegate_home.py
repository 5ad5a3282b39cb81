"""The home page of a signed-in delegate: requests to answer in place, next meetings, counts."""

from __future__ import annotations

import pytest

from matchforum.forums.models import Slot, Table
from matchforum.meetings.models import MeetingRequest, RequestStatus
from matchforum.meetings.services import meeting_place, meeting_request_accept, meeting_request_send
from tests.factories import (
    DelegateFactory,
    OrganisationFactory,
    RecommendationFactory,
    schedule_publish_live,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(forum):
    return DelegateFactory(organisation__forum=forum, organisation__name="Riga Robotics")


def test_a_request_received_is_answered_in_place_on_the_home_page(client, forum, me):
    sender = DelegateFactory(organisation__forum=forum, organisation__name="Kyiv Sky Watch")
    request = meeting_request_send(sender=sender, recipient_organisation=me.organisation)
    client.force_login(me.user)
    body = client.get("/").content.decode()
    assert 'id="my-home"' in body and f'id="request-{request.pk}"' in body
    assert "Kyiv Sky Watch" in body and f"/meetings/requests/{request.pk}/accept/" in body
    assert client.get("/").context["mine"].pending_count == 1

    row = client.post(f"/meetings/requests/{request.pk}/accept/", HTTP_HX_REQUEST="true")
    assert MeetingRequest.objects.get(pk=request.pk).status == RequestStatus.ACCEPTED
    assert "<html" not in row.content.decode()
    mine = client.get("/").context["mine"]
    assert (mine.pending_count, mine.unplaced_count) == (0, 1)
    assert "No request is waiting for your answer." in client.get("/").content.decode()


def test_the_next_meeting_shows_its_hall_and_table(client, forum, me):
    other = DelegateFactory(organisation__forum=forum, organisation__name="Tallinn Capital")
    meeting = meeting_request_accept(
        meeting_request=meeting_request_send(sender=other, recipient_organisation=me.organisation),
        responder=me,
    )
    table = Table.objects.get(forum=forum, number=3)
    table.area = "Hall A"
    table.save()
    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at").first()
    meeting_place(meeting=meeting, slot=slot, table=table)
    client.force_login(me.user)
    assert client.get("/").context["mine"].next_meetings == []  # not published yet
    schedule_publish_live(forum=forum)
    response = client.get("/")
    assert [e.meeting for e in response.context["mine"].next_meetings] == [meeting]
    body = response.content.decode()
    assert 'Table 3</span> <span class="table-area">(Hall A)' in body
    assert "Tallinn Capital" in body


def test_the_recommendation_count_leaves_out_unlisted_counterparts(client, forum, me):
    RecommendationFactory(organisation=me.organisation, counterpart__forum=forum, rank=1)
    RecommendationFactory(organisation=me.organisation, counterpart__forum=forum, rank=2)
    hidden = OrganisationFactory(forum=forum, visibility="unlisted")
    RecommendationFactory(organisation=me.organisation, counterpart=hidden, rank=3)
    client.force_login(me.user)
    assert client.get("/").context["mine"].recommendation_count == 2


def test_a_delegate_awaiting_vetting_is_told_so(client, forum):
    waiting = DelegateFactory(organisation__forum=forum, organisation__accreditation="pending")
    client.force_login(waiting.user)
    response = client.get("/")
    assert response.context["mine"] is None
    assert 'id="awaiting-approval"' in response.content.decode()


def test_visitors_and_organisers_see_the_public_page_only(client, organiser, me):
    assert 'id="my-home"' not in client.get("/").content.decode()
    client.force_login(organiser)
    assert 'id="my-home"' not in client.get("/").content.decode()


def test_the_home_speaks_the_delegates_language(client, me):
    me.user.preferred_language = "uk"
    me.user.save()
    client.force_login(me.user)
    body = client.get("/").content.decode()
    assert "Мій форум" in body and "Жоден запит не чекає вашої відповіді." in body
