"""What must never happen is refused by the database itself, not only by services."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from matchforum.forums.models import Slot
from matchforum.meetings.models import Meeting, MeetingSeat, MeetingStatus
from matchforum.meetings.services import (
    DoubleBooking,
    meeting_cancel,
    meeting_place,
    meeting_request_accept,
    meeting_request_send,
)
from tests.factories import DelegateFactory, MeetingRequestFactory

pytestmark = pytest.mark.django_db


def _meeting(make_delegate, a=None, b=None):
    a = a or make_delegate()
    b = b or make_delegate()
    request = meeting_request_send(sender=a, recipient_organisation=b.organisation)
    return meeting_request_accept(meeting_request=request, responder=b)


def _slots(forum):
    return list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))


def test_duplicate_open_request_for_a_pair_is_refused_by_the_database(make_delegate):
    a, b = make_delegate(), make_delegate()
    MeetingRequestFactory(sender=a, recipient_organisation=b.organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        # The reverse direction is the same pair.
        MeetingRequestFactory(sender=b, recipient_organisation=a.organisation)


def test_duplicate_request_through_the_service_gets_a_clear_message(make_delegate):
    a, b = make_delegate(), make_delegate()
    meeting_request_send(sender=a, recipient_organisation=b.organisation)
    with pytest.raises(ValidationError, match="already open"):
        meeting_request_send(sender=b, recipient_organisation=a.organisation)


def test_two_meetings_of_a_delegate_in_one_slot_are_refused_by_the_database(forum, make_delegate):
    a = make_delegate()
    first = _meeting(make_delegate, a=a)
    second = _meeting(make_delegate, a=a)
    slot = _slots(forum)[0]
    MeetingSeat.objects.create(meeting=first, delegate=a, slot=slot)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSeat.objects.create(meeting=second, delegate=a, slot=slot)


def test_two_meetings_at_one_table_in_one_slot_are_refused_by_the_database(forum, make_delegate):
    first, second = _meeting(make_delegate), _meeting(make_delegate)
    slot, table = _slots(forum)[0], forum.tables.get(number=1)
    Meeting.objects.filter(pk=first.pk).update(slot=slot, table=table, status="scheduled")
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=second.pk).update(slot=slot, table=table, status="scheduled")


def test_a_cancelled_meeting_frees_its_table(forum, make_delegate):
    first, second = _meeting(make_delegate), _meeting(make_delegate)
    slot, table = _slots(forum)[0], forum.tables.get(number=1)
    meeting_place(meeting=first, slot=slot, table=table)
    meeting_cancel(meeting=first, by=first.delegate_a.user, reason="Plans changed.")
    placed = meeting_place(meeting=second, slot=slot, table=table)
    assert placed.status == MeetingStatus.SCHEDULED
    assert MeetingSeat.objects.filter(meeting=first).count() == 0


def test_placing_into_a_taken_delegate_slot_is_a_clean_refusal(forum, make_delegate):
    a = make_delegate()
    first, second = _meeting(make_delegate, a=a), _meeting(make_delegate, a=a)
    slot = _slots(forum)[0]
    meeting_place(meeting=first, slot=slot, table=forum.tables.get(number=1))
    with pytest.raises(DoubleBooking):
        meeting_place(meeting=second, slot=slot, table=forum.tables.get(number=2))
    second.refresh_from_db()
    assert second.slot is None and second.status == MeetingStatus.ACCEPTED


def test_placing_at_a_taken_table_is_a_clean_refusal(forum, make_delegate):
    first, second = _meeting(make_delegate), _meeting(make_delegate)
    slot, table = _slots(forum)[0], forum.tables.get(number=1)
    meeting_place(meeting=first, slot=slot, table=table)
    with pytest.raises(DoubleBooking):
        meeting_place(meeting=second, slot=slot, table=table)


def test_online_capacity_per_slot_is_enforced(forum, make_delegate):
    first, second = _meeting(make_delegate), _meeting(make_delegate)
    slot = _slots(forum)[0]
    meeting_place(meeting=first, slot=slot, table=None, online=True)
    with pytest.raises(DoubleBooking, match="online"):
        meeting_place(meeting=second, slot=slot, table=None, online=True)


def test_a_delegate_cannot_be_placed_in_a_slot_they_cannot_attend(forum, make_delegate):
    meeting = _meeting(make_delegate)
    slot = _slots(forum)[0]
    meeting.delegate_b.unavailable_slots.add(slot)
    with pytest.raises(ValidationError, match="cannot attend"):
        meeting_place(meeting=meeting, slot=slot, table=forum.tables.get(number=1))


def test_one_meeting_per_pair_of_organisations(make_delegate):
    a, b = make_delegate(), make_delegate()
    _meeting(make_delegate, a=a, b=b)
    with pytest.raises(ValidationError, match="already have a meeting"):
        meeting_request_send(sender=b, recipient_organisation=a.organisation)


def test_a_meeting_needs_two_delegates(make_delegate):
    meeting = _meeting(make_delegate)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(delegate_b=meeting.delegate_a)


def test_request_limits_give_clear_messages(forum, make_delegate):
    forum.max_requests_per_delegate = 1
    forum.save()
    a = make_delegate()
    meeting_request_send(sender=a, recipient_organisation=make_delegate().organisation)
    with pytest.raises(ValidationError, match="1 requests the forum allows"):
        meeting_request_send(sender=a, recipient_organisation=make_delegate().organisation)


def test_meeting_limit_is_checked_on_accept(forum, make_delegate):
    forum.max_meetings_per_delegate = 1
    forum.save()
    b = make_delegate()
    _meeting(make_delegate, b=b)
    request = meeting_request_send(sender=make_delegate(), recipient_organisation=b.organisation)
    with pytest.raises(ValidationError, match="1 meetings"):
        meeting_request_accept(meeting_request=request, responder=b)


def test_only_the_recipient_organisation_may_accept(make_delegate):
    a, b = make_delegate(), make_delegate()
    request = meeting_request_send(sender=a, recipient_organisation=b.organisation)
    outsider = DelegateFactory(organisation=make_delegate().organisation)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        meeting_request_accept(meeting_request=request, responder=outsider)


def test_a_non_approved_organisation_cannot_send_requests(make_delegate):
    from django.core.exceptions import PermissionDenied

    pending = make_delegate(accreditation="pending")
    with pytest.raises(PermissionDenied):
        meeting_request_send(sender=pending, recipient_organisation=make_delegate().organisation)
