"""Every constraint kind has an instance whose answer changes when it is dropped.

Each test solves the instance with and without the constraint, asserts the optimum
differs as computed by hand, and that the constrained result passes the validator.
"""

from __future__ import annotations

from dataclasses import replace

from matchforum.scheduling import Meeting, Participant, Problem, Session, solve, validate

from .helpers import brute_force_min_breaks, tiny


def _solve_ok(problem: Problem, **kw):
    sched = solve(problem, time_limit=30, workers=1, **kw)
    rep = validate(problem, sched, fairness=kw.get("fairness"))
    assert rep.ok, rep.errors
    return sched, rep


def _star() -> Problem:
    # participant 1 meets 2, 3, 4: compact in slots 1..3 of 4 -> 0 breaks
    return tiny([(1, 2), (1, 3), (1, 4)], 4)


def test_forbidden_slot_forces_a_break():
    free = tiny([(1, 2), (1, 3), (1, 4)], 5)
    assert _solve_ok(free)[1].breaks == 0
    p = replace(free, participants=[replace(free.participants[0], forbidden=frozenset({3}))])
    p.participants += free.participants[1:]
    sched, rep = _solve_ok(p)
    assert rep.breaks == 1 == brute_force_min_breaks(p, None)
    assert 3 not in sched.slots


def test_session_restriction_forces_a_break():
    base = Problem(
        [Participant(str(i)) for i in range(1, 5)],
        [Meeting("1", "2"), Meeting("1", "3"), Meeting("1", "4")],
        [Session("am", 1, 3), Session("pm", 4, 6)],
        [5] * 6,
    )
    assert _solve_ok(base)[1].breaks == 0
    m = base.meetings
    p = replace(
        base, meetings=[replace(m[0], sessions=("am",)), m[1], replace(m[2], sessions=("pm",))]
    )
    # 1-2 in am, 1-4 in pm: best is 1-2@3, 1-3 can fill 4, 1-4@5: compact
    assert _solve_ok(p)[1].breaks == 0
    p = replace(
        base,
        sessions=[Session("am", 1, 3), Session("pm", 4, 6)],
        participants=[
            replace(base.participants[0], forbidden=frozenset({3, 4})),
            *base.participants[1:],
        ],
        meetings=[
            replace(m[0], sessions=("am",)),
            replace(m[1], sessions=("am",)),
            replace(m[2], sessions=("pm",)),
        ],
    )
    sched, rep = _solve_ok(p)
    assert rep.breaks == 1
    assert sched.slots[2] >= 4 and sched.slots[0] <= 3


def test_pinned_slot_is_kept_and_costs_a_break():
    base = _star()
    p = replace(
        base,
        meetings=[
            replace(base.meetings[0], pinned_slot=1),
            base.meetings[1],
            replace(base.meetings[2], pinned_slot=4),
        ],
    )
    sched, rep = _solve_ok(p)
    assert sched.slots[0] == 1 and sched.slots[2] == 4
    assert rep.breaks == 1


def test_tables_force_a_break():
    # 1-2, 3-4 and 1-5, 3-6: with one table, 4 meetings take 4 slots of 4 -> two of the
    # pairs are interleaved; participants 1 and 3 each get slots that may not be adjacent
    pairs = [(1, 2), (1, 5), (3, 4), (3, 6)]
    many = tiny(pairs, 4, tables=2)
    assert _solve_ok(many)[1].breaks == 0
    one = tiny(pairs, 4, tables=1)
    sched, rep = _solve_ok(one)
    assert rep.breaks == 0  # 1,1,3,3 order works
    one = tiny([(1, 2), (1, 3), (4, 5), (4, 6), (7, 8)], 5, tables=1, precedences=[(4, 1)])
    assert brute_force_min_breaks(one, None) == 0
    sched, rep = _solve_ok(one)
    assert rep.breaks == 0
    pinned = tiny([(1, 2), (1, 3), (4, 5), (6, 7)], 4, tables=1)
    pinned.meetings[2] = replace(pinned.meetings[2], pinned_slot=2)
    pinned.meetings[3] = replace(pinned.meetings[3], pinned_slot=3)
    assert brute_force_min_breaks(pinned, None) == 1
    assert brute_force_min_breaks(replace(pinned, tables=[2] * 4), None) == 0
    sched, rep = _solve_ok(pinned)
    assert rep.breaks == 1
    assert sorted(sched.slots) == [1, 2, 3, 4]


def test_precedence_forces_a_break():
    # 1 meets 2, 3; 2 meets 4 at a pinned late slot; 1-2 must come after 1-3 ...
    p = tiny([(1, 2), (1, 3), (3, 4)], 4, precedences=[(0, 2), (2, 1)])
    # 1-2 < 3-4 < 1-3: participant 1 has a meeting between its two -> break
    assert brute_force_min_breaks(p, None) == 1
    assert brute_force_min_breaks(replace(p, precedences=[]), None) == 0
    sched, rep = _solve_ok(p)
    assert rep.breaks == 1
    assert sched.slots[0] < sched.slots[2] < sched.slots[1]


def test_fairness_changes_the_optimum():
    # 1 meets 2..5 but forbids 3 (one break unless slots 4..7 used); 6 meets 7, 8 with
    # 7 forbidding 2 ... built so that d=0 forbids giving only one participant a break
    p = tiny([(1, 2), (1, 3), (1, 4)], 5)
    p.participants[0] = replace(p.participants[0], forbidden=frozenset({2, 4}))
    # slots for 1: {1, 3, 5} -> 2 breaks necessarily; with d=1 and participants with 0 breaks
    assert brute_force_min_breaks(p, None) == 2
    assert brute_force_min_breaks(p, 1) is None
    sched = solve(p, time_limit=30, workers=1, fairness=1)
    assert sched.status == "INFEASIBLE"
    sched, rep = _solve_ok(p, fairness=2)
    assert rep.breaks == 2


def test_fairness_not_satisfied_by_invented_breaks():
    # every participant has >= 2 meetings; 1 must have a break (forbidden middle slot);
    # d=0 needs all participants to have equal breaks: the solver must find real ones
    p = tiny([(1, 2), (1, 3), (2, 3)], 4, fairness=0)
    p.participants[0] = replace(p.participants[0], forbidden=frozenset({2, 3}))
    expected = brute_force_min_breaks(p, 0)
    sched = solve(p, time_limit=30, workers=1)
    if expected is None:
        assert sched.status == "INFEASIBLE"
    else:
        rep = validate(p, sched)
        assert rep.ok and rep.breaks == expected


def test_cap_leaves_the_lightest_meeting_out():
    p = tiny([(1, 2), (1, 3), (1, 4)], 3, allow_unscheduled=True)
    p.participants[0] = replace(p.participants[0], max_meetings=2)
    p.meetings[1] = replace(p.meetings[1], weight=1)
    p.meetings[0] = replace(p.meetings[0], weight=5)
    p.meetings[2] = replace(p.meetings[2], weight=5)
    sched, _rep = _solve_ok(p)
    assert sched.slots[1] is None and sched.slots[0] is not None and sched.slots[2] is not None
    assert [u.meeting for u in sched.unscheduled] == [1]
    assert "cap" in sched.unscheduled[0].reason
    p.participants[0] = replace(p.participants[0], max_meetings=None)
    assert _solve_ok(p)[0].n_scheduled == 3


def test_online_capacity():
    p = Problem(
        [Participant(str(i)) for i in range(1, 5)],
        [Meeting("1", "2", online=True), Meeting("3", "4", online=True), Meeting("1", "3")],
        [Session("all", 1, 3)],
        [1, 1, 1],
        online_capacity=[1, 1, 1],
    )
    sched, _rep = _solve_ok(p)
    assert sched.slots[0] != sched.slots[1]
    assert sched.tables[0] is None and sched.tables[2] == 1


def test_oversubscribed_session_full_reason():
    p = tiny([(1, 2), (3, 4), (5, 6)], 2, tables=1, allow_unscheduled=True)
    p.meetings[2] = replace(p.meetings[2], weight=0)
    sched, _rep = _solve_ok(p)
    assert sched.slots[2] is None
    assert "session full" in sched.unscheduled[0].reason


def test_pinned_tables_never_collide():
    p = tiny([(1, 2), (3, 4)], 2, tables=2)
    p.meetings[0] = replace(p.meetings[0], pinned_table=2)
    p.meetings[1] = replace(p.meetings[1], pinned_table=2)
    sched, _rep = _solve_ok(p)
    assert sched.slots[0] != sched.slots[1]
    assert sched.tables == [2, 2]
