"""The optional encodings of ``satenc.encode`` (measured, not in the portfolio) are right.

Slot counters with the slack and parity implied constraints, breaks counted as blocks
minus one
and XOR parity must give the same optimum as exhaustive search, including on forums
whose tables are nearly all taken (where the slack constraint bites), and must not cut
off a known optimal schedule of a tight real instance.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pysat.solvers import Solver

from matchforum.scheduling import (
    Meeting,
    Participant,
    Problem,
    ProblemError,
    Schedule,
    Session,
    assign_tables,
    read_dzn,
    validate,
)
from matchforum.scheduling.breaks import breaks_per_participant
from matchforum.scheduling.satenc import Encoding, attach_totalizer, encode

from .helpers import brute_force_min_breaks, upward_search

OPTIONS = [
    {"slot_slack": True},
    {"parity": True},
    {"slot_slack": True, "parity": True},
    {"block_count": True},
    {"xor_parity": True},
]


def _optimum(problem: Problem, **options) -> int | None:
    found = upward_search(problem, span=False, **options)
    if found is None:
        return None
    slots, bound = found
    # the slot counters replace the capacity constraints: check them anew
    schedule = Schedule(
        slots,
        assign_tables(problem, slots),
        breaks=sum(breaks_per_participant(problem, slots)),
    )
    report = validate(problem, schedule)
    assert report.ok, (options, report.errors)
    assert report.breaks <= bound
    return report.breaks


@st.composite
def tight_problems(draw):
    """Small forums whose tables barely hold the meetings, with sessions and pins."""
    n_p = draw(st.integers(3, 6))
    n_slots = draw(st.integers(3, 5))
    morning = draw(st.integers(1, n_slots))
    sessions = [Session("am", 1, morning, 1)]
    if morning < n_slots:
        sessions.append(Session("pm", morning + 1, n_slots, draw(st.sampled_from([1, 2]))))
    names = [s.name for s in sessions]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(1, n_p), st.integers(1, n_p)).filter(lambda t: t[0] != t[1]),
            min_size=3,
            max_size=7,
        )
    )
    meetings = [
        Meeting(
            str(a),
            str(b),
            sessions=draw(st.sampled_from([None, None, *[(n,) for n in names]])),
            online=draw(st.sampled_from([False] * 5 + [True])),
        )
        for a, b in pairs
    ]
    participants = [
        Participant(str(i + 1), forbidden=draw(st.frozensets(st.integers(1, n_slots), max_size=1)))
        for i in range(n_p)
    ]
    per_slot = -(-len(meetings) // n_slots)
    tables = [max(1, per_slot + draw(st.integers(-1, 1))) for _ in range(n_slots)]
    online = [draw(st.integers(0, 1))] * n_slots
    fairness = draw(st.sampled_from([None, 0, 1, 2]))
    return Problem(
        participants, meetings, sessions, tables, online_capacity=online, fairness=fairness
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(tight_problems())
def test_every_encoding_option_matches_brute_force(problem):
    try:
        problem.check()
    except ProblemError:
        return
    expected = brute_force_min_breaks(problem, problem.fairness)
    for options in OPTIONS:
        assert _optimum(problem, **options) == expected, options


def test_slot_counter_counts_exactly():
    """The two-way totalizer's outputs equal 'at least j true' on every input."""
    for n, cap in itertools.product(range(1, 6), range(0, 6)):
        e = Encoding(problem=None)  # type: ignore[arg-type]
        lits = [e.new() for _ in range(n)]
        out = e.unary_count(lits, cap)
        assert len(out) == min(n, cap + 1)
        solver = Solver(name="cd19", bootstrap_with=e.clauses)
        for bits in itertools.product([False, True], repeat=n):
            assert solver.solve(
                assumptions=[v if b else -v for v, b in zip(lits, bits, strict=True)]
            )
            model = {v for v in solver.get_model() if v > 0}
            assert [o in model for o in out] == [sum(bits) >= j + 1 for j in range(len(out))]
        solver.delete()


BENCH = Path("/work/shared/benchmarks/b2b/instances")


@pytest.mark.skipif(not BENCH.is_dir(), reason="benchmark directory absent")
@pytest.mark.parametrize("options", OPTIONS)
def test_known_optimal_schedule_is_not_cut_off(options):
    """An optimal schedule of a tight real instance (3 free table-slots) stays a model."""
    problem = read_dzn(BENCH / "tic-12crafc.dzn")
    slots, bound = upward_search(problem, span=False)
    assert bound == 0  # the published optimum
    e = encode(problem, 2, span=False, **options)
    attach_totalizer(e, len(e.break_lits))
    pinned = [e.x[k, s] if s == slots[k] else -e.x[k, s] for (k, s) in e.x]
    solver = Solver(name="cd19", bootstrap_with=e.clauses + e.totalizer.cnf.clauses)
    assert solver.solve(assumptions=[*pinned, -e.totalizer.rhs[0]])
    solver.delete()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(tight_problems())
def test_no_break_first_phases_keep_the_optimum(problem):
    """Phases only steer the search: the worker still proves the exhaustive optimum."""
    from pysat.card import EncType

    from matchforum.scheduling.satsearch import search

    try:
        problem.check()
    except ProblemError:
        return
    expected = brute_force_min_breaks(problem, problem.fairness)
    mode = ("phases", {"span": False, "capacity_enc": EncType.totalizer, "no_break_first": True})
    result = search(problem, problem.fairness, time_limit=30, workers=1, modes=[mode])
    if expected is None:
        assert result.infeasible
        return
    assert result.optimal
    assert sum(breaks_per_participant(problem, result.slots)) == result.best == expected
