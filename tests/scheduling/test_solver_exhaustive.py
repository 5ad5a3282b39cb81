"""The solver's optimum equals exhaustive search on small random instances."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchforum.scheduling import Meeting, Problem, Session, solve, validate

from .helpers import brute_force_min_breaks, small_problems, upward_search


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(small_problems())
def test_optimum_matches_brute_force(problem):
    from matchforum.scheduling import ProblemError

    expected = brute_force_min_breaks(problem, problem.fairness)
    try:
        sched = solve(problem, time_limit=30, workers=1)
    except ProblemError:
        # the checker may only refuse problems that truly have no schedule
        assert expected is None
        return
    if expected is None:
        assert sched.status == "INFEASIBLE"
        return
    assert sched.status == "OPTIMAL"
    assert sched.proven_optimal
    rep = validate(problem, sched)
    assert rep.ok, rep.errors
    assert rep.breaks == expected


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_cpsat_method_agrees(problem):
    from matchforum.scheduling import ProblemError

    expected = brute_force_min_breaks(problem, problem.fairness)
    if expected is None:
        return
    try:
        sched = solve(problem, time_limit=30, workers=1, method="cpsat")
    except ProblemError:
        raise AssertionError("a feasible problem was refused") from None
    rep = validate(problem, sched)
    assert rep.ok, rep.errors
    assert sched.proven_optimal and rep.breaks == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(), st.booleans(), st.booleans(), st.booleans())
def test_each_sat_encoding_alone_matches_brute_force(problem, span, starts, meeting_capacity):
    """Every encoding (exact / monotone, with or without span clauses, block starts and
    the tables constraint over meetings) is right."""
    from matchforum.scheduling import ProblemError

    try:
        problem.check()
    except ProblemError:
        return
    expected = brute_force_min_breaks(problem, problem.fairness)
    for exact in (True, None):
        found = _encoding_optimum(
            problem, span=span, exact=exact, starts=starts, meeting_capacity=meeting_capacity
        )
        assert found == expected, (exact, span, starts, meeting_capacity)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(small_problems())
def test_every_portfolio_encoding_alone_finds_the_optimum(problem):
    """Each worker of the race must be right on its own, whichever one wins."""
    from matchforum.scheduling import ProblemError
    from matchforum.scheduling.breaks import breaks_per_participant
    from matchforum.scheduling.satsearch import portfolio, search

    expected = brute_force_min_breaks(problem, problem.fairness)
    try:
        problem.check()
    except ProblemError:
        assert expected is None
        return
    modes = portfolio(problem, problem.fairness, workers=2)
    assert len(modes) == 2
    for mode in modes:
        result = search(problem, problem.fairness, time_limit=30, workers=1, modes=[mode])
        if expected is None:
            assert result.infeasible, mode
            continue
        assert result.optimal, mode
        assert result.best == expected, mode
        assert sum(breaks_per_participant(problem, result.slots)) == expected, mode


def _encoding_optimum(problem, **options) -> int | None:
    """The real breaks of the schedule found by an upward search on one encoding alone."""
    from matchforum.scheduling.breaks import breaks_per_participant

    found = upward_search(problem, **options)
    if found is None:
        return None
    slots, bound = found
    breaks = sum(breaks_per_participant(problem, slots))
    assert breaks <= bound
    return breaks


def test_block_starts_leave_a_participant_on_two_days_free():
    """Without breaks, a participant meeting on two days has a block on each: the block
    starts (one window of n slots) must not apply to it."""
    from matchforum.scheduling import Participant

    sessions = [Session("day1", 1, 3, 1), Session("day2", 4, 6, 2)]
    meetings = [
        Meeting("1", "2", pinned_slot=1),  # first slot of day 1
        Meeting("1", "3", pinned_slot=6),  # last slot of day 2
        Meeting("2", "3"),
    ]
    problem = Problem(
        [Participant(str(i)) for i in (1, 2, 3)], meetings, sessions, [2] * 6, fairness=2
    )
    assert brute_force_min_breaks(problem, 2) == 0
    for exact in (True, False):
        assert _encoding_optimum(problem, starts=True, exact=exact) == 0
