"""Check-in, held and no-show only on the forum's days (its time zone), or with a reason."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from matchforum.audit.models import AuditEntry
from matchforum.forums.models import ForumDay, Slot
from matchforum.forums.selectors import forum_is_on, forum_local_date
from matchforum.meetings.models import MeetingStatus
from matchforum.meetings.services import meeting_mark, meeting_place
from matchforum.organisations.services import delegate_check_in
from tests.factories import meeting_build

pytestmark = pytest.mark.django_db


def _overrides():
    return AuditEntry.objects.filter(action=AuditEntry.Action.DATE_RULE_OVERRIDDEN)


def _today_is_a_forum_day(forum):
    ForumDay.objects.create(forum=forum, date=forum_local_date(forum=forum))


def _placed_meeting(forum, make_delegate):
    meeting = meeting_build(make_delegate(), make_delegate())
    slot = Slot.objects.filter(session__day__forum=forum).first()
    return meeting_place(meeting=meeting, slot=slot, table=forum.tables.first())


def test_the_forum_days_are_read_in_the_forums_time_zone(forum):
    assert forum.time_zone == "Europe/Kyiv"  # UTC+2 in March
    # 22:30 UTC on the 15th is 00:30 on the 16th in Kyiv: the first day.
    assert forum_is_on(forum=forum, now=dt.datetime(2027, 3, 15, 22, 30, tzinfo=dt.UTC))
    assert not forum_is_on(forum=forum, now=dt.datetime(2027, 3, 15, 21, 30, tzinfo=dt.UTC))
    # 22:30 UTC on the 17th is already the 18th in Kyiv: over.
    assert forum_is_on(forum=forum, now=dt.datetime(2027, 3, 17, 21, 30, tzinfo=dt.UTC))
    assert not forum_is_on(forum=forum, now=dt.datetime(2027, 3, 17, 22, 30, tzinfo=dt.UTC))


def test_check_in_before_the_forum_is_refused_without_a_reason(forum, make_delegate, organiser):
    delegate = make_delegate()
    with pytest.raises(ValidationError, match="only on the forum's days"):
        delegate_check_in(delegate=delegate, user=organiser)
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None
    assert not _overrides().exists()


def test_an_organiser_checks_in_outside_the_forum_days_with_a_recorded_reason(
    forum, make_delegate, organiser
):
    delegate = make_delegate()
    delegate_check_in(delegate=delegate, user=organiser, override_reason="  Rehearsal desk  ")
    delegate.refresh_from_db()
    assert delegate.checked_in_at is not None
    entry = _overrides().get()
    assert entry.actor == organiser
    assert entry.organisation == delegate.organisation
    assert entry.data["what"] == "check_in"
    assert entry.data["reason"] == "Rehearsal desk"
    assert entry.data["local_date"] == forum_local_date(forum=forum).isoformat()


def test_a_reason_over_its_limit_is_refused_not_cut(forum, make_delegate, organiser):
    delegate = make_delegate()
    with pytest.raises(ValidationError, match="501 characters"):
        delegate_check_in(delegate=delegate, user=organiser, override_reason="x" * 501)
    assert not _overrides().exists()


def test_on_a_forum_day_check_in_needs_no_reason_and_writes_no_override(
    forum, make_delegate, organiser
):
    _today_is_a_forum_day(forum)
    delegate = make_delegate()
    delegate_check_in(delegate=delegate, user=organiser)
    delegate.refresh_from_db()
    assert delegate.checked_in_at is not None
    assert not _overrides().exists()


def test_undoing_a_check_in_is_always_allowed(forum, make_delegate, organiser):
    delegate = make_delegate()
    delegate_check_in(delegate=delegate, user=organiser, override_reason="Test of the desk")
    delegate_check_in(delegate=delegate, user=organiser, undo=True)
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None


@pytest.mark.parametrize("status", [MeetingStatus.HELD, MeetingStatus.NO_SHOW])
def test_held_and_no_show_before_the_forum_need_a_reason(forum, make_delegate, organiser, status):
    meeting = _placed_meeting(forum, make_delegate)
    with pytest.raises(ValidationError, match="only on the forum's days"):
        meeting_mark(meeting=meeting, user=organiser, status=status)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED

    meeting_mark(meeting=meeting, user=organiser, status=status, override_reason="Paper list")
    meeting.refresh_from_db()
    assert meeting.status == status
    entry = _overrides().get()
    assert (entry.data["what"], entry.target_id) == (status, str(meeting.pk))
    # Taking the mark back needs no reason.
    meeting_mark(meeting=meeting, user=organiser, status=MeetingStatus.SCHEDULED)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_on_a_forum_day_held_needs_no_reason(forum, make_delegate, organiser):
    _today_is_a_forum_day(forum)
    meeting = _placed_meeting(forum, make_delegate)
    meeting_mark(meeting=meeting, user=organiser, status=MeetingStatus.HELD)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert not _overrides().exists()


def test_the_console_says_why_and_takes_the_reason(client, forum, make_delegate, organiser):
    delegate = make_delegate(name="Baltic Drones")
    meeting = _placed_meeting(forum, make_delegate)
    client.force_login(organiser)
    page = client.get(reverse("console:checkin"), {"q": "baltic"}).content.decode()
    assert 'id="off-days"' in page and 'name="override_reason"' in page

    toggle = reverse("console:checkin_toggle", args=[delegate.pk])
    refused = client.post(toggle, HTTP_HX_REQUEST="true")
    assert "only on the forum&#x27;s days" in refused.content.decode()
    client.post(toggle, {"override_reason": "Badge pick-up the day before"})
    delegate.refresh_from_db()
    assert delegate.checked_in_at is not None

    action = reverse("console:meeting_action", args=[meeting.pk])
    client.post(action, {"action": "held"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
    client.post(action, {"action": "held", "override_reason": "Met at the reception"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert _overrides().count() == 2
