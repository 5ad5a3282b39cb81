"""Repair keeps untouched meetings in place; the waiting list never moves anyone."""

from __future__ import annotations

from matchforum.scheduling import (
    AddMeeting,
    CancelMeeting,
    ForbidSlots,
    Meeting,
    SetTables,
    fill_from_waiting_list,
    repair,
    solve,
    validate,
)

from .helpers import tiny


def _published():
    p = tiny([(1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (5, 6), (7, 8)], 6, tables=3)
    s = solve(p, time_limit=20, workers=1)
    assert validate(p, s).ok
    return p, s


def test_forbidden_slot_moves_only_the_affected_meeting():
    p, s = _published()
    k = 0  # meeting 1-2
    res = repair(p, s, [ForbidSlots("1", frozenset({s.slots[k]}))], time_limit=10, workers=1)
    rep = validate(res.problem, res.schedule)
    assert rep.ok, rep.errors
    assert res.schedule.slots[k] != s.slots[k]
    assert res.moved >= 1
    # meetings of other participants stay exactly where they were
    for j in range(3, 7):
        assert res.schedule.slots[j] == s.slots[j]
    # and the tables of untouched meetings stay too when free
    assert res.schedule.tables[6] == s.tables[6]


def test_cancel_and_add_keep_everything_in_place():
    p, s = _published()
    changes = [CancelMeeting(6), AddMeeting(Meeting("7", "1"))]
    res = repair(p, s, changes, time_limit=10, workers=1)
    rep = validate(res.problem, res.schedule)
    assert rep.ok, rep.errors
    assert res.moved == 0
    assert res.old_index == [0, 1, 2, 3, 4, 5, None]
    assert res.schedule.slots[:6] == s.slots[:6]
    assert res.schedule.slots[6] is not None


def test_fewer_tables():
    p, s = _published()
    res = repair(p, s, [SetTables(1)], time_limit=10, workers=1)
    rep = validate(res.problem, res.schedule)
    assert rep.ok, rep.errors
    assert res.schedule.n_scheduled == 6  # 7 meetings, 6 slots x 1 table
    assert len(res.schedule.unscheduled) == 1
    assert all(res.schedule.slots.count(t) <= 1 for t in range(1, 7))


def test_waiting_list_moves_nobody():
    p, s = _published()
    res = fill_from_waiting_list(p, s, [Meeting("7", "2", weight=3), Meeting("8", "3")], workers=1)
    rep = validate(res.problem, res.schedule)
    assert rep.ok, rep.errors
    assert res.moved == 0
    assert res.schedule.slots[:7] == s.slots
    assert res.schedule.tables[:7] == s.tables
    assert res.schedule.slots[7] is not None and res.schedule.slots[8] is not None
