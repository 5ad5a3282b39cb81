"""Reminders before each meeting: once per meeting and attendee, at each person's lead,
with the same lead as an alarm in the calendar feed. Times are fixed (`now`)."""

import datetime as dt

import pytest
from icalendar import Calendar

from matchforum.agenda.services import agenda_ical, meeting_reminders_send
from matchforum.forums.models import Slot, Table
from matchforum.meetings.services import meeting_place, meeting_request_accept, meeting_request_send
from matchforum.notifications.models import Notification, NotificationKind
from matchforum.notifications.services import notification_preference_set
from matchforum.operations.schedule import JOBS
from tests.factories import DelegateFactory, schedule_publish_live

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(forum):
    a = DelegateFactory(organisation__forum=forum, organisation__name="Vilnius Optics")
    b = DelegateFactory(organisation__forum=forum, organisation__name="Київ Дрони")
    request = meeting_request_send(sender=a, recipient_organisation=b.organisation)
    meeting = meeting_request_accept(meeting_request=request, responder=b)
    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at").first()
    table = Table.objects.get(forum=forum, number=2)
    return meeting_place(meeting=meeting, slot=slot, table=table)


def _reminders():
    return Notification.objects.filter(kind=NotificationKind.REMINDER)


def test_nothing_before_the_schedule_is_published(meeting):
    starts = meeting.slot.starts_at
    assert meeting_reminders_send(now=starts - dt.timedelta(minutes=10)) == 0


def test_each_attendee_is_reminded_once_within_the_default_quarter_hour(meeting, forum):
    schedule_publish_live(forum=forum)
    starts = meeting.slot.starts_at
    assert meeting_reminders_send(now=starts - dt.timedelta(minutes=16)) == 0
    assert meeting_reminders_send(now=starts - dt.timedelta(minutes=14)) == 2
    assert meeting_reminders_send(now=starts - dt.timedelta(minutes=5)) == 0  # told already
    told = _reminders()
    assert {n.user_id for n in told} == {meeting.delegate_a.user_id, meeting.delegate_b.user_id}
    to_a = told.get(user=meeting.delegate_a.user)
    assert "Київ Дрони" in to_a.subject and "09:00" in to_a.subject
    assert "Table 2" in to_a.body
    assert to_a.link == "/agenda/"


def test_own_lead_and_off(meeting, forum):
    schedule_publish_live(forum=forum)
    notification_preference_set(
        user=meeting.delegate_a.user, delivery="immediate", reminder_minutes=60
    )
    notification_preference_set(
        user=meeting.delegate_b.user, delivery="immediate", reminder_minutes=0
    )
    starts = meeting.slot.starts_at
    assert meeting_reminders_send(now=starts - dt.timedelta(minutes=50)) == 1
    assert meeting_reminders_send(now=starts - dt.timedelta(minutes=1)) == 0
    assert [n.user_id for n in _reminders()] == [meeting.delegate_a.user_id]


def test_no_reminder_once_the_meeting_started_or_was_cancelled(meeting, forum):
    from matchforum.meetings.services import meeting_cancel

    schedule_publish_live(forum=forum)
    starts = meeting.slot.starts_at
    assert meeting_reminders_send(now=starts) == 0
    meeting_cancel(meeting=meeting, by=meeting.delegate_a.user, reason="Plans changed.")
    assert meeting_reminders_send(now=starts - dt.timedelta(minutes=5)) == 0


def test_calendar_events_carry_an_alarm_with_the_same_lead(meeting, forum):
    schedule_publish_live(forum=forum)
    delegate = meeting.delegate_a
    notification_preference_set(user=delegate.user, delivery="immediate", reminder_minutes=30)
    event = Calendar.from_ical(agenda_ical(delegate=delegate, host="test")).walk("VEVENT")[0]
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert alarms[0].decoded("TRIGGER") == -dt.timedelta(minutes=30)
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    notification_preference_set(user=delegate.user, delivery="immediate", reminder_minutes=0)
    event = Calendar.from_ical(agenda_ical(delegate=delegate, host="test")).walk("VEVENT")[0]
    assert event.walk("VALARM") == []


def test_the_scheduler_runs_reminders_every_five_minutes():
    job = {j.name: j for j in JOBS}["send_meeting_reminders"]
    assert job.every == dt.timedelta(minutes=5)
