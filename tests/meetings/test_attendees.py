"""Bringing a colleague to a meeting: who may, when the colleague is free, what everyone
sees and is told, and how the scheduler counts them."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from matchforum.agenda.selectors import agenda_for
from matchforum.agenda.services import agenda_ical
from matchforum.audit.models import AuditEntry
from matchforum.forums.models import Slot
from matchforum.meetings.models import MeetingAttendee, MeetingSeat
from matchforum.meetings.services import (
    meeting_attendee_add,
    meeting_attendee_remove,
    meeting_cancel,
    meeting_place,
)
from matchforum.notifications.models import NotificationKind
from matchforum.organisations.models import Accreditation, Delegate
from matchforum.schedules.mapping import forum_problem_build, participant_key
from tests.factories import DelegateFactory, meeting_build, schedule_publish_live

pytestmark = pytest.mark.django_db


def _slots(forum):
    return list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))


@pytest.fixture
def meeting(make_delegate):
    return meeting_build(make_delegate(), make_delegate())


@pytest.fixture
def colleague(meeting):
    return DelegateFactory(organisation=meeting.organisation_a)


@pytest.fixture
def placed(forum, meeting):
    return meeting_place(meeting=meeting, slot=_slots(forum)[0], table=forum.tables.get(number=1))


def test_a_side_brings_a_colleague_to_an_accepted_meeting(meeting, colleague):
    attendee = meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=colleague)
    assert attendee.added_by == meeting.delegate_a.user
    assert list(meeting.attendees.values_list("delegate", flat=True)) == [colleague.pk]
    assert not MeetingSeat.objects.filter(delegate=colleague).exists()  # not placed yet
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MEETING_ATTENDEE_ADDED)
    assert entry.data["delegate"] == colleague.pk


def test_the_colleague_and_the_other_side_are_told_and_the_adder_is_not(meeting, colleague):
    meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=colleague)
    kind = NotificationKind.MEETING_ATTENDEE
    assert colleague.user.notifications.filter(kind=kind).count() == 1
    told = meeting.delegate_b.user.notifications.get(kind=kind)
    assert str(colleague.user) in told.subject
    assert not meeting.delegate_a.user.notifications.filter(kind=kind).exists()


def test_a_colleague_of_another_organisation_is_refused(meeting, make_delegate):
    stranger = make_delegate()
    with pytest.raises(ValidationError, match="your own organisation"):
        meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=stranger)
    # the other side's colleague cannot be brought by side a either
    theirs = DelegateFactory(organisation=meeting.organisation_b)
    with pytest.raises(ValidationError, match="your own organisation"):
        meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=theirs)
    assert not MeetingAttendee.objects.exists()


def test_someone_outside_both_sides_cannot_add(meeting, make_delegate):
    outsider = make_delegate()
    mate = DelegateFactory(organisation=outsider.organisation)
    with pytest.raises(PermissionDenied):
        meeting_attendee_add(meeting=meeting, by=outsider, colleague=mate)


def test_a_side_not_approved_cannot_add(meeting, colleague):
    meeting.organisation_b.accreditation = Accreditation.PENDING
    meeting.organisation_b.save(update_fields=["accreditation"])
    with pytest.raises(PermissionDenied):
        meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=colleague)


def test_twice_or_a_side_itself_is_refused(meeting, colleague):
    meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=colleague)
    with pytest.raises(ValidationError, match="already"):
        meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=colleague)
    with pytest.raises(ValidationError, match="already"):
        meeting_attendee_add(meeting=meeting, by=colleague, colleague=meeting.delegate_a)


def test_a_cancelled_meeting_takes_no_colleague(meeting, colleague):
    meeting_cancel(meeting=meeting, by=meeting.delegate_a.user, reason="Plans changed")
    with pytest.raises(ValidationError, match="accepted or scheduled"):
        meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=colleague)


def test_on_a_scheduled_meeting_the_colleague_gets_a_seat(placed, colleague):
    meeting_attendee_add(meeting=placed, by=placed.delegate_a, colleague=colleague)
    assert MeetingSeat.objects.filter(delegate=colleague, slot=placed.slot).exists()


def test_a_colleague_busy_in_the_slot_is_refused_with_the_reason(forum, placed, make_delegate):
    colleague = DelegateFactory(organisation=placed.organisation_a)
    other = meeting_build(colleague, make_delegate())
    meeting_place(meeting=other, slot=placed.slot, table=forum.tables.get(number=2))
    with pytest.raises(ValidationError, match="another meeting at that time"):
        meeting_attendee_add(meeting=placed, by=placed.delegate_a, colleague=colleague)
    assert not placed.attendees.exists()


def test_a_colleague_unavailable_in_the_slot_is_refused(placed, colleague):
    Delegate.unavailable_slots.through.objects.create(delegate=colleague, slot=placed.slot)
    with pytest.raises(ValidationError, match="cannot attend at that time"):
        meeting_attendee_add(meeting=placed, by=placed.delegate_a, colleague=colleague)


def test_a_colleague_at_the_cap_is_refused(forum, meeting, colleague, make_delegate):
    forum.max_meetings_per_delegate = 1
    forum.save(update_fields=["max_meetings_per_delegate"])
    meeting_build(colleague, make_delegate())
    with pytest.raises(ValidationError, match="already has the 1 meetings"):
        meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=colleague)


def test_an_attendance_blocks_the_colleagues_slot(forum, placed, colleague, make_delegate):
    meeting_attendee_add(meeting=placed, by=placed.delegate_a, colleague=colleague)
    # a placement of another meeting of the colleague into the same slot is refused
    from matchforum.meetings.services import DoubleBooking

    other = meeting_build(colleague, make_delegate())
    with pytest.raises(DoubleBooking):
        meeting_place(meeting=other, slot=placed.slot, table=forum.tables.get(number=2))


def test_removing_frees_the_seat_tells_and_audits(placed, colleague):
    meeting_attendee_add(meeting=placed, by=placed.delegate_a, colleague=colleague)
    mate = DelegateFactory(organisation=placed.organisation_a)
    meeting_attendee_remove(meeting=placed, by=mate, colleague=colleague)
    assert not placed.attendees.exists()
    assert not MeetingSeat.objects.filter(delegate=colleague).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.MEETING_ATTENDEE_REMOVED).exists()
    assert (
        placed.delegate_b.user.notifications.filter(kind=NotificationKind.MEETING_ATTENDEE).count()
        == 2
    )


def test_the_other_side_cannot_take_a_colleague_off(placed, colleague):
    meeting_attendee_add(meeting=placed, by=placed.delegate_a, colleague=colleague)
    with pytest.raises(PermissionDenied):
        meeting_attendee_remove(meeting=placed, by=placed.delegate_b, colleague=colleague)
    assert placed.attendees.exists()


def test_both_agendas_the_colleagues_agenda_and_the_feed_show_it(forum, placed, colleague):
    meeting_attendee_add(meeting=placed, by=placed.delegate_a, colleague=colleague)
    schedule_publish_live(forum=forum)
    for delegate in (placed.delegate_a, placed.delegate_b):
        _version, entries = agenda_for(delegate=delegate)
        assert [d.pk for d in entries[0].attendees] == [colleague.pk]
    _version, entries = agenda_for(delegate=colleague)
    assert [e.meeting.pk for e in entries] == [placed.pk]
    assert entries[0].counterpart == placed.organisation_b
    feed = agenda_ical(delegate=placed.delegate_b, host="example.org").decode()
    assert str(colleague.user) in feed.replace("\r\n ", "")
    assert f"meeting-{placed.pk}@" in agenda_ical(delegate=colleague, host="x").decode()


def test_the_agenda_page_adds_and_removes_a_colleague(client, placed, colleague):
    client.force_login(placed.delegate_a.user)
    page = client.get(reverse("agenda:agenda"))
    assert f'value="{colleague.pk}"' in page.content.decode()
    client.post(reverse("meetings:attendee_add", args=[placed.pk]), {"colleague": colleague.pk})
    assert placed.attendees.filter(delegate=colleague).exists()
    client.post(reverse("meetings:attendee_remove", args=[placed.pk]), {"colleague": colleague.pk})
    assert not placed.attendees.exists()


def test_a_colleague_of_another_organisation_is_not_found_on_the_web(client, placed, make_delegate):
    stranger = make_delegate()
    client.force_login(placed.delegate_a.user)
    response = client.post(
        reverse("meetings:attendee_add", args=[placed.pk]), {"colleague": stranger.pk}
    )
    assert response.status_code == 404
    assert not placed.attendees.exists()


def test_the_busy_colleague_gets_a_clear_message_on_the_web(client, forum, placed, make_delegate):
    colleague = DelegateFactory(organisation=placed.organisation_a)
    meeting_place(
        meeting=meeting_build(colleague, make_delegate()),
        slot=placed.slot,
        table=forum.tables.get(number=2),
    )
    client.force_login(placed.delegate_a.user)
    response = client.post(
        reverse("meetings:attendee_add", args=[placed.pk]),
        {"colleague": colleague.pk},
        follow=True,
    )
    assert "another meeting at that time" in response.content.decode()


def test_the_attendee_may_open_the_online_room(client, forum, meeting, colleague):
    forum.online_capacity_per_slot = 2
    forum.video_url = "https://meet.example.org"
    forum.save(update_fields=["online_capacity_per_slot", "video_url"])
    online = meeting_place(meeting=meeting, slot=_slots(forum)[0], table=None, online=True)
    client.force_login(colleague.user)
    assert client.get(reverse("meetings:room", args=[online.pk])).status_code == 404
    meeting_attendee_add(meeting=online, by=online.delegate_a, colleague=colleague)
    response = client.get(reverse("meetings:room", args=[online.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("https://meet.example.org/")


def test_the_scheduler_gets_the_attendee(forum, meeting, colleague):
    meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=colleague)
    Delegate.unavailable_slots.through.objects.create(delegate=colleague, slot=_slots(forum)[0])
    mapped = forum_problem_build(forum=forum)
    engine_meeting = mapped.problem.meetings[mapped.meeting_ids.index(meeting.pk)]
    assert engine_meeting.attendees == (participant_key(colleague.pk),)
    assert participant_key(colleague.pk) in mapped.problem.participant_index
    k = mapped.meeting_ids.index(meeting.pk)
    assert 1 not in mapped.problem.allowed_slots[k]  # the colleague cannot attend slot 1


def test_the_agenda_pdf_names_the_colleague(client, forum, placed, colleague):
    meeting_attendee_add(meeting=placed, by=placed.delegate_a, colleague=colleague)
    schedule_publish_live(forum=forum)
    client.force_login(placed.delegate_b.user)
    text = PdfReader(io.BytesIO(client.get("/agenda/agenda.pdf").content)).pages[0].extract_text()
    assert str(colleague.user) in text
