"""No double booking under real concurrency (PostgreSQL).

50 threads, each with its own database connection, are released together by a
barrier and try to take the same delegate-slot or the same table-slot through
`meetings.services.meeting_place` (a walk-in booking), or to accept the same request.
Exactly one must succeed, the 49 others must be refused cleanly (ValidationError or
its subclass DoubleBooking; never an IntegrityError), and the database must hold no
double booking. A control run, a naive check-then-insert against a copy of the seat
table without its unique constraint, shows that the race is real and that the
double-booking query used here does detect it.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.utils import timezone

from matchforum.meetings.models import Meeting, MeetingSeat
from matchforum.meetings.services import DoubleBooking, meeting_place, meeting_request_accept
from tests.factories import DelegateFactory, MeetingRequestFactory, OrganisationFactory, forum_build
from tests.security.races import race

THREADS = 50

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


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def double_bookings(table: str = "meetings_meetingseat") -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT delegate_id, slot_id FROM {table} "
            "GROUP BY delegate_id, slot_id HAVING count(*) > 1) AS twice"
        )
        return cursor.fetchone()[0]


def table_double_bookings() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT slot_id, table_id FROM meetings_meeting "
            "WHERE table_id IS NOT NULL AND status <> 'cancelled' "
            "GROUP BY slot_id, table_id HAVING count(*) > 1) AS twice"
        )
        return cursor.fetchone()[0]


def make_meeting(forum, a, b) -> Meeting:
    low, high = sorted([a.organisation_id, b.organisation_id])
    return Meeting.objects.create(
        forum=forum,
        organisation_a=a.organisation,
        organisation_b=b.organisation,
        delegate_a=a,
        delegate_b=b,
        pair_low=low,
        pair_high=high,
        is_walk_in=True,
        created_at=timezone.now(),
    )


@pytest.fixture
def big_forum(transactional_db):
    return forum_build(tables=THREADS + 2)


def first_slot(forum):
    return forum.days.first().sessions.first().slots.first()


def test_fifty_bookings_of_one_delegate_slot_give_exactly_one(big_forum):
    forum, slot = big_forum, first_slot(big_forum)
    busy = DelegateFactory(organisation=OrganisationFactory(forum=forum))
    tables = list(forum.tables.all()[:THREADS])
    meetings = [
        make_meeting(forum, busy, DelegateFactory(organisation=OrganisationFactory(forum=forum)))
        for _ in range(THREADS)
    ]
    outcomes = race(
        [
            (lambda m=m, t=t: meeting_place(meeting=m, slot=slot, table=t))
            for m, t in zip(meetings, tables, strict=True)
        ]
    )
    assert outcomes == Counter({"success": 1, "refused": THREADS - 1}), outcomes
    assert MeetingSeat.objects.filter(delegate=busy, slot=slot).count() == 1
    assert double_bookings() == 0
    assert Meeting.objects.filter(slot=slot).count() == 1


def test_fifty_bookings_of_one_table_slot_give_exactly_one(big_forum):
    forum, slot = big_forum, first_slot(big_forum)
    table = forum.tables.first()
    meetings = [
        make_meeting(
            forum,
            DelegateFactory(organisation=OrganisationFactory(forum=forum)),
            DelegateFactory(organisation=OrganisationFactory(forum=forum)),
        )
        for _ in range(THREADS)
    ]
    outcomes = race(
        [(lambda m=m: meeting_place(meeting=m, slot=slot, table=table)) for m in meetings]
    )
    assert outcomes == Counter({"success": 1, "refused": THREADS - 1}), outcomes
    assert Meeting.objects.filter(slot=slot, table=table).count() == 1
    assert table_double_bookings() == 0
    assert double_bookings() == 0


def test_fifty_accepts_of_one_request_give_one_meeting(big_forum):
    forum = big_forum
    recipient = DelegateFactory(organisation=OrganisationFactory(forum=forum))
    request = MeetingRequestFactory(
        sender=DelegateFactory(organisation=OrganisationFactory(forum=forum)),
        recipient_organisation=recipient.organisation,
    )
    outcomes = race(
        [
            (lambda: meeting_request_accept(meeting_request=request, responder=recipient))
            for _ in range(THREADS)
        ]
    )
    assert outcomes == Counter({"success": 1, "refused": THREADS - 1}), outcomes
    assert Meeting.objects.filter(request=request).count() == 1


def test_control_a_naive_check_then_insert_without_the_constraint_double_books(big_forum):
    """With the guard disabled the race shows, so the assertions above can fail."""
    forum, slot = big_forum, first_slot(big_forum)
    busy = DelegateFactory(organisation=OrganisationFactory(forum=forum))
    meetings = [
        make_meeting(forum, busy, DelegateFactory(organisation=OrganisationFactory(forum=forum)))
        for _ in range(THREADS)
    ]
    with connection.cursor() as cursor:
        # A copy of the seat table: same columns, no unique constraint.
        cursor.execute("DROP TABLE IF EXISTS race_seat_copy")
        cursor.execute("CREATE TABLE race_seat_copy (LIKE meetings_meetingseat INCLUDING DEFAULTS)")
    checked = threading.Barrier(THREADS)

    def naive_place(meeting: Meeting) -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM race_seat_copy WHERE delegate_id = %s AND slot_id = %s",
                [busy.pk, slot.pk],
            )
            if cursor.fetchone():
                raise DoubleBooking("taken")
            checked.wait(timeout=60)  # everyone has checked; now everyone inserts
            cursor.execute(
                "INSERT INTO race_seat_copy (id, meeting_id, delegate_id, slot_id) "
                "VALUES (%s, %s, %s, %s)",
                [meeting.pk, meeting.pk, busy.pk, slot.pk],
            )

    try:
        outcomes = race([(lambda m=m: naive_place(m)) for m in meetings])
        assert outcomes["success"] > 1, outcomes
        assert double_bookings("race_seat_copy") == 1
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM race_seat_copy")
            assert cursor.fetchone()[0] == THREADS
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS race_seat_copy")
