"""Shared helpers for the scheduling tests: tiny problems and an exhaustive solver."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from hypothesis import strategies as st

from matchforum.scheduling import Meeting, Participant, Problem, Session


def tiny(
    pairs: list[tuple[int, int]],
    n_slots: int,
    tables: int = 10,
    n_participants: int | None = None,
    **kwargs,
) -> Problem:
    """Participants "1".."n", one session "all" over slots 1..n_slots."""
    n = n_participants or max(max(p) for p in pairs)
    return Problem(
        [Participant(str(i + 1)) for i in range(n)],
        [Meeting(str(a), str(b)) for a, b in pairs],
        [Session("all", 1, n_slots, 1)],
        [tables] * n_slots,
        **kwargs,
    )


def brute_force_min_breaks(problem: Problem, fairness: int | None) -> int | None:
    """Fewest breaks over every assignment of every meeting (no solver involved)."""
    totals = [total for _, total in valid_assignments(problem, fairness)]
    return min(totals) if totals else None


def valid_assignments(
    problem: Problem, fairness: int | None
) -> Iterator[tuple[tuple[int, ...], int]]:
    """Every assignment of a slot to each meeting that keeps the hard rules, with its breaks.

    Checks the hard rules directly from the raw data: sessions, forbidden slots, pins,
    one meeting per participant and slot, tables (onsite meetings), online capacity,
    precedences, fairness.
    """
    session_of = {s: ss.name for ss in problem.sessions for s in range(ss.first, ss.last + 1)}
    day_of = {s: ss.day for ss in problem.sessions for s in range(ss.first, ss.last + 1)}
    forb = {p.id: p.forbidden for p in problem.participants}
    domains = []
    for m in problem.meetings:
        dom = []
        for s in session_of:
            if m.sessions is not None and session_of[s] not in m.sessions:
                continue
            if s in forb[m.a] or s in forb[m.b]:
                continue
            if m.pinned_slot is not None and s != m.pinned_slot:
                continue
            dom.append(s)
        domains.append(dom)
    for assign in itertools.product(*domains):
        busy: dict[str, list[int]] = {p.id: [] for p in problem.participants}
        ok = True
        per_slot: dict[int, int] = {}
        online: dict[int, int] = {}
        for m, s in zip(problem.meetings, assign, strict=True):
            if s in busy[m.a] or s in busy[m.b]:
                ok = False
                break
            busy[m.a].append(s)
            busy[m.b].append(s)
            used = online if m.online else per_slot
            used[s] = used.get(s, 0) + 1
        if not ok or any(c > problem.tables[s - 1] for s, c in per_slot.items()):
            continue
        if any(c > problem.online_capacity[s - 1] for s, c in online.items()):
            continue
        if any(assign[i] >= assign[j] for i, j in problem.precedences):
            continue
        br = []
        for ss in busy.values():
            ss = sorted(ss)
            br.append(
                sum(1 for x, y in itertools.pairwise(ss) if day_of[x] == day_of[y] and y > x + 1)
            )
        if fairness is not None and max(br) - min(br) > fairness:
            continue
        yield assign, sum(br)


def encoded_solver(problem: Problem, **options):  # type: ignore[no-untyped-def]
    """``satenc.encode(problem, problem.fairness, **options)`` with a totalizer over all its
    break literals, loaded into a CaDiCaL solver: ``(encoding, solver)``."""
    from pysat.solvers import Solver

    from matchforum.scheduling.satenc import attach_totalizer, encode

    e = encode(problem, problem.fairness, **options)
    attach_totalizer(e, len(e.break_lits))
    return e, Solver(name="cd19", bootstrap_with=e.clauses + e.totalizer.cnf.clauses)


def upward_search(problem: Problem, **options) -> tuple[list[int], int] | None:
    """One encoding alone (``satenc.encode(problem, problem.fairness, **options)``), bounds
    tried upward: the slots of the first satisfiable bound and that bound, or None."""
    e, solver = encoded_solver(problem, **options)
    try:
        for b in range(len(e.break_lits) + 1):
            assume = [-e.totalizer.rhs[b]] if b < len(e.totalizer.rhs) else []
            if solver.solve(assumptions=assume):
                val = {v for v in solver.get_model() if v > 0}
                slots = [
                    next(s for s in e.domains[k] if e.x[k, s] in val)
                    for k in range(len(problem.meetings))
                ]
                return slots, b
        return None
    finally:
        solver.delete()


@st.composite
def small_problems(draw):
    n_p = draw(st.integers(3, 5))
    n_slots = draw(st.integers(3, 5))
    morning = draw(st.integers(1, n_slots))
    sessions = [Session("am", 1, morning, 1)]
    if morning < n_slots:
        sessions.append(Session("pm", morning + 1, n_slots, draw(st.sampled_from([1, 2]))))
    names = [s.name for s in sessions]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(1, n_p), st.integers(1, n_p)).filter(lambda t: t[0] != t[1]),
            min_size=2,
            max_size=5,
        )
    )
    meetings = []
    for a, b in pairs:
        sess = draw(st.sampled_from([None, *[(n,) for n in names]]))
        pin = draw(st.sampled_from([None] * 4 + list(range(1, n_slots + 1))))
        if pin is not None and sess is not None:
            sess = None
        online = draw(st.sampled_from([False] * 5 + [True]))
        meetings.append(Meeting(str(a), str(b), sessions=sess, pinned_slot=pin, online=online))
    participants = []
    for i in range(n_p):
        forb = draw(st.frozensets(st.integers(1, n_slots), max_size=1))
        participants.append(Participant(str(i + 1), forbidden=forb))
    tables = draw(st.integers(1, 2))
    prec = []
    if len(meetings) >= 2 and draw(st.booleans()):
        prec = [(0, 1)]
    fairness = draw(st.sampled_from([None, 0, 1, 2]))
    online_rooms = draw(st.integers(0, 1))
    return Problem(
        participants,
        meetings,
        sessions,
        [tables] * n_slots,
        online_capacity=[online_rooms] * n_slots,
        precedences=prec,
        fairness=fairness,
    )
