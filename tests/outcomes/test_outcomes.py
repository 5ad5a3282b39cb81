"""Outcomes are private to the recording side; surveys go out once, by token link."""

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from matchforum.forums.models import Slot
from matchforum.meetings.models import MeetingStatus
from matchforum.meetings.services import meeting_place
from matchforum.outcomes.models import FollowUpSurvey, MeetingOutcome
from matchforum.outcomes.services import follow_up_surveys_send
from tests.factories import meeting_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(forum, make_delegate):
    a, b = make_delegate(name="Riga Sensors"), make_delegate(name="Tallinn Robotics")
    meeting = meeting_place(
        meeting=meeting_build(a, b),
        slot=Slot.objects.filter(session__day__forum=forum).first(),
        table=forum.tables.first(),
    )
    meeting.status = MeetingStatus.HELD
    meeting.save()
    return meeting


def test_each_side_records_its_own_outcome_and_never_sees_the_other(client, held):
    client.force_login(held.delegate_a.user)
    response = client.post(
        reverse("outcomes:record", args=[held.pk]),
        {"outcome": "letter_of_intent", "rating": "5", "note": "Strong fit"},
    )
    assert response.status_code == 302
    client.force_login(held.delegate_b.user)
    page = client.get(reverse("outcomes:list")).content.decode()
    assert "Letter of intent" not in page
    form = client.get(reverse("outcomes:record", args=[held.pk])).content.decode()
    assert "Strong fit" not in form
    record = MeetingOutcome.objects.get()
    assert (record.organisation_id, record.rating) == (held.organisation_a_id, 5)


def test_other_organisations_get_404(client, held, make_delegate):
    client.force_login(make_delegate().user)
    assert client.get(reverse("outcomes:record", args=[held.pk])).status_code == 404


def test_rating_outside_1_to_5_is_refused_with_input_kept(client, held):
    client.force_login(held.delegate_a.user)
    response = client.post(
        reverse("outcomes:record", args=[held.pk]), {"outcome": "nda", "rating": "9", "note": "x1"}
    )
    assert response.status_code == 200
    assert "x1" in response.content.decode()
    assert not MeetingOutcome.objects.exists()


def test_follow_up_survey_sent_once_when_due_and_answered_by_link(client, forum, held):
    before = dt.datetime(2027, 5, 1, tzinfo=dt.UTC)
    assert follow_up_surveys_send(forum=forum, months=3, now=before) == 0
    due = dt.datetime(2027, 6, 20, tzinfo=dt.UTC)
    assert follow_up_surveys_send(forum=forum, months=3, now=due) == 2
    assert follow_up_surveys_send(forum=forum, months=3, now=due) == 0
    assert len(mail.outbox) == 2
    survey = FollowUpSurvey.objects.get(delegate=held.delegate_a)
    assert survey.token in mail.outbox[0].body + mail.outbox[1].body
    client.post(reverse("outcomes:survey", args=[survey.token]), {"outcome": "contract"})
    survey.refresh_from_db()
    assert survey.outcome == "contract" and survey.answered_at is not None


@override_settings(SITE_URL="https://forum.example.org")
def test_the_survey_is_written_in_the_recipients_language_with_a_link_to_the_site(forum, held):
    ukrainian = held.delegate_a.user
    ukrainian.preferred_language = "uk"
    ukrainian.save(update_fields=["preferred_language"])
    due = dt.datetime(2027, 6, 20, tzinfo=dt.UTC)
    assert follow_up_surveys_send(forum=forum, months=3, now=due) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    survey = FollowUpSurvey.objects.get(delegate=held.delegate_a)
    in_ukrainian = by_address[ukrainian.email]
    assert in_ukrainian.subject == f"{forum.name}: що дала ваша зустріч з Tallinn Robotics?"
    assert "Розкажіть, що з цього вийшло" in in_ukrainian.body
    assert f"https://forum.example.org/outcomes/survey/{survey.token}/" in in_ukrainian.body
    in_english = by_address[held.delegate_b.user.email]
    assert in_english.subject == f"{forum.name}: what came of your meeting with Riga Sensors?"
