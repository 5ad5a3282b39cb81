"""The SAT encoding of precedences: small random forums with several precedences between
meetings of one participant (as a delegate who must meet one partner before another).

Each option of ``satenc.encode`` that concerns precedences must keep the optimum equal to
brute force, admit every valid schedule at its own break count, and the bound search must
prove a forum infeasible when its rules cannot all hold.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchforum.scheduling import Meeting, Participant, Problem, ProblemError, Session
from matchforum.scheduling.breaks import breaks_per_participant

from .helpers import brute_force_min_breaks, encoded_solver, upward_search, valid_assignments

OPTIONS = [
    {"windows": False},
    {"windows": True},
    {"windows": False, "tight": True},
    {"windows": True, "tight": True},
]


@st.composite
def forums_with_precedences(draw):  # type: ignore[no-untyped-def]
    """3-5 people, 4-6 slots in one or two sessions of one day, 3-6 meetings, and up to
    three precedences, each between two meetings that share a participant."""
    n_p = draw(st.integers(3, 5))
    n_slots = draw(st.integers(4, 6))
    morning = draw(st.integers(2, n_slots))
    sessions = [Session("am", 1, morning, 1)]
    if morning < n_slots:
        sessions.append(Session("pm", morning + 1, n_slots, 1))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(1, n_p), st.integers(1, n_p)).filter(lambda t: t[0] != t[1]),
            min_size=3,
            max_size=6,
        )
    )
    meetings = []
    for a, b in pairs:
        sess = draw(st.sampled_from([None, None, None, ("am",), ("pm",)]))
        if sess == ("pm",) and morning == n_slots:
            sess = None
        meetings.append(Meeting(str(a), str(b), sessions=sess))
    shared = [
        (i, j)
        for i in range(len(pairs))
        for j in range(len(pairs))
        if i != j and set(pairs[i]) & set(pairs[j])
    ]
    prec: list[tuple[int, int]] = []
    for _ in range(draw(st.integers(1, 3))):
        if not shared:
            break
        i, j = draw(st.sampled_from(shared))
        if (j, i) not in prec and (i, j) not in prec:
            prec.append((i, j))
    participants = [
        Participant(str(i + 1), forbidden=draw(st.frozensets(st.integers(1, n_slots), max_size=1)))
        for i in range(n_p)
    ]
    return Problem(
        participants,
        meetings,
        sessions,
        [draw(st.integers(1, 2))] * n_slots,
        precedences=prec,
        fairness=draw(st.sampled_from([None, 0, 1, 2])),
    )


def _checked(problem: Problem) -> bool:
    try:
        problem.check()
    except ProblemError:
        return False
    return True


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(forums_with_precedences(), st.booleans(), st.sampled_from([True, None]))
def test_each_precedence_encoding_finds_the_brute_force_optimum(problem, starts, exact):
    if not _checked(problem):
        return
    expected = brute_force_min_breaks(problem, problem.fairness)
    for options in OPTIONS:
        found = upward_search(problem, span=False, starts=starts, exact=exact, **options)
        if expected is None:
            assert found is None, options
            continue
        assert found is not None, options
        slots, bound = found
        assert all(slots[i] < slots[j] for i, j in problem.precedences), options
        breaks = sum(breaks_per_participant(problem, slots))
        assert breaks <= bound and breaks == expected, (options, breaks, bound, expected)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(forums_with_precedences())
def test_every_valid_schedule_with_precedences_is_admitted(problem):
    """No clause of the precedence options cuts off a valid schedule (nor its count)."""
    if not _checked(problem):
        return
    e, solver = encoded_solver(problem, span=False, starts=True, windows=True, tight=True)
    try:
        for assign, breaks in valid_assignments(problem, problem.fairness):
            assumptions = [e.x[k, s] for k, s in enumerate(assign)]
            if breaks < len(e.totalizer.rhs):
                assumptions.append(-e.totalizer.rhs[breaks])
            assert solver.solve(assumptions=assumptions), (assign, breaks)
    finally:
        solver.delete()


def test_windows_leave_out_the_slots_a_chain_of_precedences_forbids():
    """Three meetings of person 1 in a chain over four slots: the first cannot take the
    last two slots, the last cannot take the first two, so no variable exists there."""
    problem = Problem(
        [Participant(str(i)) for i in range(1, 5)],
        [Meeting("1", "2"), Meeting("1", "3"), Meeting("1", "4")],
        [Session("am", 1, 4, 1)],
        [3] * 4,
        precedences=[(0, 1), (1, 2)],
        fairness=2,
    )
    problem.check()
    e, solver = encoded_solver(problem, windows=True)
    solver.delete()
    assert e.domains == [[1, 2], [2, 3], [3, 4]]
    assert (0, 3) not in e.x and (2, 1) not in e.x


def test_the_search_proves_infeasible_rules_without_trying_every_bound():
    """Three people who all meet each other in the two morning slots (and two others in
    the afternoon): the check passes (no one has more meetings than slots, the tables
    suffice), but the morning's meetings cannot all take place. The search says so as
    soon as a refutation uses no bound (CaDiCaL's failed assumptions are not minimal,
    so that may be the second call), not after trying every bound up to the number of
    break literals."""
    from matchforum.scheduling.satsearch import portfolio, search

    pairs = [("1", "2"), ("1", "3"), ("2", "3")]
    pairs += [(a, b) for a in "123" for b in "45"]
    problem = Problem(
        [Participant(str(i)) for i in range(1, 6)],
        [Meeting(a, b, sessions=("am",) if b in "123" else None) for a, b in pairs],
        [Session("am", 1, 2, 1), Session("pm", 3, 8, 1)],
        [3] * 8,
    )
    problem.check()
    for mode in portfolio(problem, 2, workers=2):
        e, solver = encoded_solver(problem, **mode[1])
        solver.delete()
        result = search(problem, 2, time_limit=30, workers=1, modes=[mode])
        assert result.infeasible and result.slots is None, mode
        bounds = [ev for ev in result.stats["events"] if ev[1] == "bound"]
        assert len(bounds) <= 2 < len(e.break_lits), (mode, bounds, len(e.break_lits))


def test_a_participant_with_as_many_meetings_as_slots_is_busy_in_each_as_a_unit():
    """Person 1 meets three people in three slots: busy in all of them. Without the unit
    clauses that follows only from a pigeonhole argument over the meetings' slots."""
    problem = Problem(
        [Participant(str(i)) for i in range(1, 5)],
        [Meeting("1", "2"), Meeting("1", "3"), Meeting("1", "4")],
        [Session("am", 1, 3, 1)],
        [3] * 3,
        fairness=2,
    )
    problem.check()
    for tight in (False, True):
        e, solver = encoded_solver(problem, tight=tight)
        solver.delete()
        units = {c[0] for c in e.clauses if len(c) == 1}
        busy = [e.busy[0, s] for s in (1, 2, 3)]
        assert all(b in units for b in busy) == tight, tight


def test_the_race_states_full_participants_as_units_only_with_precedences():
    """The units measured faster with precedences and slower on small plain forums, so
    the portfolio asks for them exactly when the forum has precedences."""
    from matchforum.scheduling.satsearch import portfolio

    plain = Problem(
        [Participant(str(i)) for i in range(1, 5)],
        [Meeting("1", "2"), Meeting("1", "3"), Meeting("1", "4")],
        [Session("am", 1, 3, 1)],
        [3] * 3,
    )
    ordered = Problem(
        plain.participants, plain.meetings, plain.sessions, plain.tables, precedences=[(0, 1)]
    )
    for problem, expected in ((plain, False), (ordered, True)):
        modes = portfolio(problem, 2, workers=2)
        assert [opts["tight"] for _, opts in modes] == [expected, expected]
