"""The SAT encoding admits every schedule that keeps the rules, at its own break count.

The optimum tests compare only the best value; these check that no implied clause (block
starts, their compatibility, span clauses) cuts off any valid schedule at all.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchforum.scheduling import Meeting, Participant, Problem, ProblemError, Session

from .helpers import (
    brute_force_min_breaks,
    encoded_solver,
    small_problems,
    upward_search,
    valid_assignments,
)


def _assert_every_valid_schedule_admitted(problem: Problem, e, solver) -> int:  # type: ignore[no-untyped-def]
    """Each valid schedule, its slots assumed, is satisfiable at its own break count.
    Returns how many schedules were checked."""
    checked = 0
    for assign, breaks in valid_assignments(problem, problem.fairness):
        assumptions = [e.x[k, s] for k, s in enumerate(assign)]
        if breaks < len(e.totalizer.rhs):
            assumptions.append(-e.totalizer.rhs[breaks])
        assert solver.solve(assumptions=assumptions), (assign, breaks)
        checked += 1
    return checked


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    small_problems(),
    st.booleans(),
    st.booleans(),
    st.sampled_from([True, None]),
    st.booleans(),
)
def test_every_valid_schedule_is_admitted(problem, span, starts, exact, meeting_capacity):
    try:
        problem.check()
    except ProblemError:
        return
    e, solver = encoded_solver(
        problem, span=span, starts=starts, exact=exact, meeting_capacity=meeting_capacity
    )
    try:
        _assert_every_valid_schedule_admitted(problem, e, solver)
    finally:
        solver.delete()


def _windows_problem() -> Problem:
    """Four people with two meetings each in one morning of six slots."""
    pairs = [("1", "2"), ("1", "4"), ("2", "3"), ("3", "4")]
    return Problem(
        [Participant(str(i)) for i in range(1, 5)],
        [Meeting(a, b) for a, b in pairs],
        [Session("am", 1, 6, 1)],
        [2] * 6,
        fairness=2,
    )


def test_a_window_narrows_the_windows_of_those_it_meets():
    """Person 1 busy in slots 1-2 meets person 2 there, so person 2 (no break, two
    meetings) starts at slot 1 or 2: unit propagation alone must exclude starts 3-5."""
    problem = _windows_problem()
    e, solver = encoded_solver(problem, span=False, starts=True, exact=True)
    one, two = problem.participant_index["1"], problem.participant_index["2"]
    no_break_two = -e.cnt[two][0]
    ok, implied = solver.propagate(assumptions=[e.starts[one][1], no_break_two])
    assert ok
    assert {-e.starts[two][t] for t in (3, 4, 5)} <= set(implied)
    assert e.starts[two][1] not in {-lit for lit in implied}
    assert e.starts[two][2] not in {-lit for lit in implied}
    solver.delete()


def test_the_windows_problem_keeps_all_its_schedules():
    problem = _windows_problem()
    e, solver = encoded_solver(problem, span=False, starts=True, exact=True)
    assert any(breaks == 0 for _, breaks in valid_assignments(problem, problem.fairness))
    assert _assert_every_valid_schedule_admitted(problem, e, solver) > 0
    solver.delete()


@pytest.mark.parametrize("online_meeting", [False, True])
@pytest.mark.parametrize("meeting_capacity", [True, False])
def test_two_onsite_meetings_never_share_one_table(online_meeting, meeting_capacity):
    """Without the tables constraint over meetings, the busy-participants bound alone
    must still keep the tables: it counts the online rooms only when an online meeting
    can use them, and the meeting-level constraint stays where one can."""
    morning = ("am",)
    meetings = [Meeting("1", "2", sessions=morning), Meeting("3", "4", sessions=morning)]
    if online_meeting:  # it may take the morning's online room, or the afternoon's
        meetings.append(Meeting("5", "6", online=True))
    problem = Problem(
        [Participant(str(i)) for i in range(1, 7)],
        meetings,
        [Session("am", 1, 1, 1), Session("pm", 2, 2, 1)],
        [1, 1],
        online_capacity=[1, 1],
    )
    assert brute_force_min_breaks(problem, None) is None
    assert upward_search(problem, meeting_capacity=meeting_capacity) is None
    problem.tables = [2, 1]
    assert upward_search(problem, meeting_capacity=meeting_capacity) is not None


def test_only_windows_the_meetings_can_fill_are_offered():
    """A person with a morning-only and an afternoon-only meeting can be without a break
    only across the lunch boundary; one with a meeting pinned to slot 5 only in windows
    holding slot 5."""
    problem = Problem(
        [Participant(str(i)) for i in range(1, 6)],
        [
            Meeting("1", "2", sessions=("am",)),
            Meeting("1", "3", sessions=("pm",)),
            Meeting("4", "2", pinned_slot=5),
            Meeting("4", "5"),
            Meeting("4", "3"),
        ],
        [Session("am", 1, 3, 1), Session("pm", 4, 6, 1)],
        [2] * 6,
        fairness=2,
    )
    e, solver = encoded_solver(problem, span=False, starts=True, exact=True)
    index = problem.participant_index
    assert set(e.starts[index["1"]]) == {3}
    four = index["4"]
    assert set(e.starts[four]) == {3, 4}  # 3-5 or 4-6
    # slot 4 lies in both windows (and 5, where 4's pinned meeting is anyway): without a
    # break, 4 is busy there by propagation alone
    ok, implied = solver.propagate(assumptions=[-e.cnt[four][0]])
    assert ok
    assert e.busy[four, 4] in implied
    assert e.busy[four, 3] not in implied and e.busy[four, 6] not in implied
    assert _assert_every_valid_schedule_admitted(problem, e, solver) > 0
    solver.delete()
