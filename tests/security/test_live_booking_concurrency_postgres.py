"""Live booking under real concurrency (PostgreSQL): two accepts racing for the last table
or the last online room of a slot; one books it, the other is told and stays pending.

Built like test_concurrency_postgres.py: the attempts start in threads released
together; each guarded case proves the attempts overlapped (`FirstCallerHolds`), and
each has a control with the slot's row lock bypassed that shows the race is real.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from matchforum.forums.models import Slot
from matchforum.meetings import notices
from matchforum.meetings import services as meeting_services
from matchforum.meetings.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from matchforum.meetings.services import DoubleBooking, meeting_request_accept
from tests.factories import DelegateFactory, MeetingRequestFactory, OrganisationFactory, forum_build
from tests.security.races import AllCallersMeet, FirstCallerHolds, race

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            "needs PostgreSQL: SQLite serialises every writer, so no race can happen there; "
            "this runs on the PostgreSQL leg of `make test`"
        ),
    ),
]


@pytest.fixture
def forum(transactional_db, fast_hashing):
    """One table and one online room per slot: whoever books first takes the last one."""
    forum = forum_build(tables=1, online_capacity_per_slot=1)
    forum.live_booking = True
    forum.save(update_fields=["live_booking"])
    return forum


def _delegate(forum, **fields):
    return DelegateFactory(organisation=OrganisationFactory(forum=forum), **fields)


def _two_requests(forum, attendance: str) -> list[tuple[MeetingRequest, object]]:
    pairs = []
    for _ in range(2):
        responder = _delegate(forum, attendance=attendance)
        request = MeetingRequestFactory(
            sender=_delegate(forum), recipient_organisation=responder.organisation
        )
        pairs.append((request, responder))
    return pairs


def _first_slot(forum) -> Slot:
    return Slot.objects.filter(session__day__forum=forum).order_by("starts_at").first()


def _accepts(pairs, slot, refusals: list[str]) -> list:
    """Each accept books `slot`; a refusal is recorded as "constraint" when only the
    database's unique index stopped it, "checked" when the free-place check did."""

    def accept(request, responder):
        try:
            meeting_request_accept(meeting_request=request, responder=responder, slot=slot)
        except ValidationError as exc:
            refusals.append("constraint" if isinstance(exc.__cause__, DoubleBooking) else "checked")
            raise

    return [(lambda r=r, d=d: accept(r, d)) for r, d in pairs]


def _statuses(pairs) -> Counter:
    return Counter(
        MeetingRequest.objects.get(pk=request.pk).status for request, _responder in pairs
    )


def _booked_in(slot) -> int:
    return Meeting.objects.filter(slot=slot, status=MeetingStatus.SCHEDULED).count()


@pytest.mark.parametrize("attendance", ["onsite", "online"])
def test_two_accepts_for_the_last_place_book_it_once(forum, attendance, monkeypatch):
    pairs, slot = _two_requests(forum, attendance), _first_slot(forum)
    holder = FirstCallerHolds(notices.meeting_booked_notify)
    monkeypatch.setattr(notices, "meeting_booked_notify", holder)
    refusals: list[str] = []
    outcomes = race(_accepts(pairs, slot, refusals))
    assert outcomes == Counter({"success": 1, "refused": 1}), outcomes
    assert holder.blocked >= 1, "the accepts did not overlap"
    # The slot's lock ordered them: the second saw the place taken, with the reason.
    assert refusals == ["checked"]
    assert _booked_in(slot) == 1
    assert _statuses(pairs) == Counter({RequestStatus.ACCEPTED: 1, RequestStatus.PENDING: 1})
    assert Meeting.objects.count() == 1


def test_control_without_the_slot_lock_both_pass_the_check_for_the_last_table(forum, monkeypatch):
    pairs, slot = _two_requests(forum, "onsite"), _first_slot(forum)
    monkeypatch.setattr(meeting_services, "_slot_lock", lambda slot: None)
    monkeypatch.setattr(
        notices, "meeting_booked_notify", FirstCallerHolds(notices.meeting_booked_notify)
    )
    refusals: list[str] = []
    outcomes = race(_accepts(pairs, slot, refusals))
    # Both saw the table free; only the one-meeting-per-table index kept the second out.
    assert outcomes == Counter({"success": 1, "refused": 1}), outcomes
    assert refusals == ["constraint"]
    assert _booked_in(slot) == 1


def test_control_without_the_slot_lock_the_last_online_room_is_booked_twice(forum, monkeypatch):
    pairs, slot = _two_requests(forum, "online"), _first_slot(forum)
    monkeypatch.setattr(meeting_services, "_slot_lock", lambda slot: None)
    # Nobody commits before both have checked: each sees the one room still free.
    monkeypatch.setattr(
        notices, "meeting_booked_notify", AllCallersMeet(notices.meeting_booked_notify, 2)
    )
    outcomes = race(_accepts(pairs, slot, []))
    assert outcomes == Counter({"success": 2}), outcomes
    assert _booked_in(slot) == 2 > forum.online_capacity_per_slot
