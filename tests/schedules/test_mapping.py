"""The bridge maps ORM rows to the engine's Problem faithfully, and results back."""

import pytest

from matchforum import scheduling as engine
from matchforum.forums.selectors import forum_slots
from matchforum.meetings.models import MeetingMode, MeetingStatus, Priority, SessionWish
from matchforum.schedules.mapping import (
    Placement,
    forum_problem_build,
    placements_from_schedule,
    schedule_from_placements,
)
from tests.factories import meeting_build

pytestmark = pytest.mark.django_db


def test_slots_sessions_days_and_capacity_follow_the_forum(forum, make_delegate):
    meeting_build(make_delegate(), make_delegate())
    mapped = forum_problem_build(forum=forum)
    problem = mapped.problem
    slots = list(forum_slots(forum=forum))
    assert mapped.slot_ids == [s.pk for s in slots]
    assert problem.n_slots == 16  # 2 days x 2 sessions x 4 slots of 30 minutes
    assert [(s.first, s.last, s.day) for s in problem.sessions] == [
        (1, 4, 1),
        (5, 8, 1),
        (9, 12, 2),
        (13, 16, 2),
    ]
    assert problem.tables == [3] * 16
    assert problem.online_capacity == [1] * 16
    forum.tables.filter(number=3).update(is_active=False)
    assert forum_problem_build(forum=forum).problem.tables == [2] * 16


def test_meeting_wish_pin_priority_online_and_unavailability(forum, make_delegate):
    a, b, c = make_delegate(), make_delegate(), make_delegate()
    slots = list(forum_slots(forum=forum))
    table2 = forum.tables.get(number=2)
    a.unavailable_slots.add(slots[0], slots[5])
    morning = meeting_build(a, b, session_wish=SessionWish.AFTERNOON, priority=Priority.MUST)
    pinned = meeting_build(a, c, pinned_slot=slots[2], pinned_table=table2)
    online = meeting_build(b, c, mode=MeetingMode.ONLINE)
    meeting_build(make_delegate(), make_delegate(), status=MeetingStatus.CANCELLED)

    mapped = forum_problem_build(forum=forum, fairness=2)
    problem = mapped.problem
    by_id = {m.id: m for m in problem.meetings}
    assert set(by_id) == {str(morning.pk), str(pinned.pk), str(online.pk)}  # cancelled left out
    afternoon_names = {s.name for s in problem.sessions if s.first in (5, 13)}
    assert set(by_id[str(morning.pk)].sessions) == afternoon_names
    assert by_id[str(morning.pk)].weight == engine.MUST_MEET
    assert by_id[str(pinned.pk)].weight == engine.NICE_TO_MEET
    assert (by_id[str(pinned.pk)].pinned_slot, by_id[str(pinned.pk)].pinned_table) == (3, 2)
    assert by_id[str(online.pk)].online is True
    participant = {p.id: p for p in problem.participants}[f"d{a.pk}"]
    assert participant.forbidden == frozenset({1, 6})
    assert participant.max_meetings == forum.max_meetings_per_delegate
    assert problem.fairness == 2
    problem.check()
    # A cap lowered after meetings were agreed never drops them: a has two meetings.
    forum.max_meetings_per_delegate = 1
    forum.save()
    lowered = {p.id: p for p in forum_problem_build(forum=forum).problem.participants}
    assert lowered[f"d{a.pk}"].max_meetings == 2


def test_keep_published_pins_scheduled_meetings_where_they_are(forum, make_delegate):
    slots = list(forum_slots(forum=forum))
    table = forum.tables.get(number=3)
    placed = meeting_build(
        make_delegate(), make_delegate(), slot=slots[7], table=table, status="scheduled"
    )
    free = meeting_build(make_delegate(), make_delegate())
    kept = {m.id: m for m in forum_problem_build(forum=forum, keep_published=True).problem.meetings}
    assert (kept[str(placed.pk)].pinned_slot, kept[str(placed.pk)].pinned_table) == (8, 3)
    assert kept[str(free.pk)].pinned_slot is None
    loose = {m.id: m for m in forum_problem_build(forum=forum).problem.meetings}
    assert loose[str(placed.pk)].pinned_slot is None


def test_results_map_back_to_rows_and_round_trip(forum, make_delegate):
    m1 = meeting_build(make_delegate(), make_delegate())
    m2 = meeting_build(make_delegate(), make_delegate(), mode=MeetingMode.ONLINE)
    mapped = forum_problem_build(forum=forum)
    schedule = engine.Schedule(slots=[2, 5], tables=[3, None])
    placements = placements_from_schedule(mapped=mapped, schedule=schedule)
    slots = list(forum_slots(forum=forum))
    assert placements == [
        Placement(meeting=m1.pk, slot=slots[1].pk, table=forum.tables.get(number=3).pk),
        Placement(meeting=m2.pk, slot=slots[4].pk, table=None, online=True),
    ]
    again = schedule_from_placements(mapped=mapped, placements={p.meeting: p for p in placements})
    assert again == ([2, 5], [3, None])
