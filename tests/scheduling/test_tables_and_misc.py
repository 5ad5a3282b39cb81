"""Table assignment, progress callback, multi-day breaks, and the large-forum path."""

from __future__ import annotations

import sys
from pathlib import Path

from matchforum.scheduling import (
    Meeting,
    Participant,
    Problem,
    Session,
    assign_tables,
    solve,
    validate,
)
from matchforum.scheduling.heuristic import greedy_schedule, simple_lower_bound

from .helpers import tiny

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def test_host_keeps_table_across_consecutive_meetings():
    parts = [Participant("H", host=True), *[Participant(str(i)) for i in range(1, 6)]]
    meetings = [Meeting("1", "2"), Meeting("3", "4"), Meeting("H", "5"), Meeting("H", "1")]
    p = Problem(parts, meetings, [Session("all", 1, 3)], [3, 3, 3])
    # slot 1: 1-2, 3-4, H-5 ; slot 2: H-1 -> the host should keep its slot-1 table
    tables = assign_tables(p, [1, 1, 1, 2])
    assert tables[3] == tables[2]
    assert tables[2] == 3  # lowest free after 1-2 and 3-4
    # without the host flag the meeting takes the lowest table
    p2 = Problem([Participant("H"), *parts[1:]], meetings, p.sessions, p.tables)
    assert assign_tables(p2, [1, 1, 1, 2])[3] == 1


def test_previous_tables_are_kept():
    p = tiny([(1, 2), (3, 4)], 2, tables=3)
    assert assign_tables(p, [1, 1], previous=[3, 2]) == [3, 2]
    assert assign_tables(p, [1, 1], previous=[2, 2]) == [2, 1]


def test_a_meeting_that_stayed_keeps_its_table_before_a_moved_one_asks_for_it():
    p = tiny([(1, 2), (3, 4)], 3, tables=2)
    # meeting 0 moved from slot 3 (table 1) into slot 1, where meeting 1 stayed at table 1
    tables = assign_tables(p, [1, 1], previous=[1, 1], previous_slots=[3, 1])
    assert tables == [2, 1]
    # without the slots, the first to ask gets it (the published order)
    assert assign_tables(p, [1, 1], previous=[1, 1]) == [1, 2]


def test_callback_reports_and_can_cancel():
    p = tiny([(1, 2), (1, 3), (2, 3), (3, 4)], 5, tables=2)
    seen = []

    def cb(progress):
        seen.append(progress)
        return False

    sched = solve(p, time_limit=20, workers=1, callback=cb)
    assert sched.proven_optimal
    assert seen and seen[-1].best == sched.breaks
    assert all(pr.elapsed >= 0 for pr in seen)
    cancelled = solve(p, time_limit=20, workers=1, callback=lambda pr: True)
    assert cancelled.stats.get("cancelled") is True
    assert validate(p, cancelled).ok


def test_multi_day_breaks_do_not_span_the_night():
    sessions = [Session("d1", 1, 3, 1), Session("d2", 4, 6, 2)]
    parts = [Participant(str(i)) for i in range(1, 5)]
    meetings = [
        Meeting("1", "2", sessions=("d1",)),
        Meeting("1", "3", sessions=("d2",)),
        Meeting("1", "4"),
    ]
    p = Problem(parts, meetings, sessions, [2] * 6)
    sched = solve(p, time_limit=20, workers=1)
    rep = validate(p, sched)
    assert rep.ok and rep.breaks == 0 and sched.proven_optimal
    # day 1: pinned at 1 and 3 -> one break; the day-2 meeting adds none across the night
    meetings = [
        Meeting("1", "2", pinned_slot=1),
        Meeting("1", "3", pinned_slot=3),
        Meeting("1", "4", sessions=("d2",)),
    ]
    p = Problem(parts, meetings, sessions, [2] * 6, fairness=None)
    rep = validate(p, solve(p, time_limit=20, workers=1))
    assert rep.ok and rep.breaks == 1


def test_large_forum_heuristic_is_valid():
    from bench.schedule_gen import generate_forum

    p = generate_forum(60, 400, seed=3)
    slots = greedy_schedule(p)
    assert all(s is not None for s in slots)
    sched = solve(p, time_limit=5, method="heuristic")
    rep = validate(p, sched)
    assert rep.ok, rep.errors[:3]
    assert sched.bound == simple_lower_bound(p) <= rep.breaks
    assert rep.breaks <= sched.stats["greedy_breaks"]
