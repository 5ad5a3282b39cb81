"""Bound search over the SAT encoding, run as a small portfolio of processes.

CaDiCaL (through python-sat) cannot be interrupted, so each search runs in a forked
child process that the parent terminates at the time limit or on cancellation. Workers:

* each proves bounds upward from the lower bound (``total <= B`` for B = lb, lb+1, ...
  under assumptions, one incremental solver); the first satisfiable bound is optimal;
* the workers differ in their cardinality encodings and in which capacity constraints
  they state (see :func:`portfolio`). SAT run times are heavy-tailed and vary a lot
  between equivalent encodings; racing two of them cuts the tail.

With two or more workers both run and the first to finish wins; the parent keeps the
best bound proven by either. A loose first schedule is not searched for: on these
problems the tight bounds propagate so much that they are faster to satisfy.

Workers report through one pipe each, written synchronously: a ``multiprocessing.Queue``
hands messages to a feeder thread, which cannot run while CaDiCaL holds the interpreter
lock, so every proven bound would reach the parent (and the progress callback) only when
the next SAT call ended.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from pysat.card import EncType
from pysat.solvers import Solver

from .breaks import breaks_per_participant
from .model import Problem
from .progress import Progress
from .satenc import Encoding, attach_totalizer, encode

SAT_SOLVER = "cd19"


@dataclass
class SearchResult:
    slots: list[int] | None
    best: int | None
    bound: int
    optimal: bool
    infeasible: bool
    status: str
    stats: dict[str, Any] = field(default_factory=dict)


def _decode(e: Encoding, model: list[int]) -> tuple[list[int], int]:
    val = {v for v in model if v > 0}
    p = e.problem
    slots = []
    for k, allowed in enumerate(e.domains):
        slots.append(next(s for s in allowed if e.x[k, s] in val))
    # the real count, from the slots (with a monotone encoding the literals may overcount)
    breaks = sum(breaks_per_participant(p, slots))
    return slots, breaks


def _bound_assumption(e: Encoding, solver: Solver, b: int) -> list[int]:
    tot = e.totalizer
    assert tot is not None
    if b >= len(e.break_lits):
        return []
    if b >= len(tot.rhs):
        tot.increase(ubound=min(len(e.break_lits), 2 * b + 1), top_id=e.top)
        e.top = max(e.top, tot.top_id)
        solver.append_formula(tot.cnf.clauses[-tot.nof_new :])
    return [-tot.rhs[b]]


def _worker(
    problem: Problem,
    fairness: int | None,
    mode: str,
    lb: int,
    options: dict[str, Any],
    conn: Connection,
) -> None:
    """Prove ``total <= B`` unsatisfiable for B = lb, lb+1, ... until satisfiable.

    Each worker proves every bound itself, without jumping past a bound another worker
    proved: the clauses learnt while refuting ``total <= B`` are what makes the
    satisfiable call at the optimum fast, so skipping a refutation costs more than it
    saves; and a worker does not slice its calls to listen for news from the other, as
    every interruption throws that learning away too. (The measurements behind both
    choices: docs/scheduling.md, "Design history of the exact search".)
    """
    t0 = time.perf_counter()
    e = encode(problem, fairness, **options)
    # A totalizer counting to 60 up front is cheap next to the encoding and covers the
    # optimum of most forums; a forum that needs more gets the higher outputs on demand.
    attach_totalizer(e, min(len(e.break_lits), max(60, lb + 8)))
    assert e.totalizer is not None
    solver = Solver(name=SAT_SOLVER, bootstrap_with=e.clauses)
    solver.append_formula(e.totalizer.cnf.clauses)
    conn.send(("encoded", mode, time.perf_counter() - t0, e.top, len(e.clauses)))
    b = lb
    while True:
        if solver.solve(assumptions=_bound_assumption(e, solver, b)):
            slots, val = _decode(e, solver.get_model())
            conn.send(("solution", mode, slots, val))
            conn.send(("done", mode))
            return
        if b >= len(e.break_lits) or not solver.get_core():
            # no bound was needed for the refutation (no failed assumption): the rules
            # themselves cannot all hold, whatever the number of breaks
            conn.send(("infeasible", mode))
            return
        b += 1
        conn.send(("bound", mode, b))


#: Conflicts the feasibility check may spend before the caller falls back to its walk.
FEASIBILITY_CONFLICTS = 5_000
#: Conflicts of the improver's first call at a bound; doubled each time it has tried
#: every bound between the best proven and the best found without an answer.
IMPROVER_CONFLICTS = 20_000
#: How much lower the improver's CPU priority is than the race's (``os.nice``). 0: it
#: starts late (``solver.IMPROVE_AFTER``), when the race is unlikely to finish, and then
#: needs the time; at +5 from a quarter of the limit it reached 21-25 breaks instead of
#: 12 on forum-13crafb and still cost ticf-13crafb its proof (docs/scheduling.md).
IMPROVER_NICE = 0


def feasibility(
    problem: Problem, fairness: int | None, conflicts: int = FEASIBILITY_CONFLICTS
) -> tuple[bool | None, list[int] | None, dict[str, Any]]:
    """Can every rule hold at once? The encoding of the race's first worker, no objective.

    Runs in this process with a budget of ``conflicts`` (CaDiCaL is deterministic, so the
    answer does not depend on the machine's load): ``(False, None, ...)`` when the rules
    are refuted, ``(True, slots, ...)`` with a schedule that keeps every rule (fairness
    included) when one is found, ``(None, None, ...)`` when the budget ran out. The
    benchmark's two forums whose precedences cannot hold are refuted in 2 conflicts
    (docs/scheduling.md, "Precedences").
    """
    t0 = time.perf_counter()
    _, opts = portfolio(problem, fairness, 1)[0]
    e = encode(problem, fairness, **opts)
    solver = Solver(name=SAT_SOLVER, bootstrap_with=e.clauses)
    try:
        solver.conf_budget(max(1, conflicts))
        answer = solver.solve_limited()
        slots = _decode(e, solver.get_model())[0] if answer else None
        info: dict[str, Any] = {
            "answer": {True: "satisfiable", False: "refuted", None: "budget spent"}[answer],
            "conflicts": solver.accum_stats().get("conflicts", 0),
            "seconds": round(time.perf_counter() - t0, 3),
        }
    finally:
        solver.delete()
    return answer, slots, info


def _improver(
    problem: Problem,
    fairness: int | None,
    mode: str,
    lb: int,
    upper: int,
    options: dict[str, Any],
    conn: Connection,
) -> None:
    """Find better schedules than one with ``upper`` breaks, from above, and report them.

    The upward workers' first satisfiable bound is the optimum, so until they finish the
    race holds no schedule of its own; on a hard forum that leaves the run at the
    heuristic's level. This worker asks for ``total <= B`` a third of the way up from the
    bound the upward workers are proving to the best schedule found (loose bounds are
    quick to satisfy, tight ones are not; a third reached better schedules in fewer
    conflicts than halves or quarters on forum-13crafb and ticf-13crafb with
    precedences), each call under a conflict budget (:data:`IMPROVER_NICE` can lower
    its CPU priority): a schedule found
    lowers the top (and is sent), a refutation raises the bottom (and is sent as a
    bound), a budget spent moves the next call up; once every bound between has been
    tried without an answer the budget doubles and it starts again from the bottom.
    The parent sends each better bound proven by the others (``("bound", B)``: the
    upward workers are then at work on B itself, which this worker leaves to them); it
    stops once the best found is just above that bound, giving its core back to the
    race. It never says "done": the parent sees optimality when the best found meets
    the best proven.
    """
    if IMPROVER_NICE:
        with contextlib.suppress(OSError):  # not allowed here: the race's priority
            os.nice(IMPROVER_NICE)
    e = encode(problem, fairness, **options)
    attach_totalizer(e, min(len(e.break_lits), max(60, upper + 1)))
    assert e.totalizer is not None
    solver = Solver(name=SAT_SOLVER, bootstrap_with=e.clauses)
    solver.append_formula(e.totalizer.cnf.clauses)
    lo, hi, floor, budget = lb, upper, lb + 1, IMPROVER_CONFLICTS
    while True:
        while conn.poll():
            lo = max(lo, conn.recv()[1])
        low = max(floor, lo + 1)
        if low > hi - 1:
            if floor <= lo + 1:
                return  # nothing left above the bound the race is proving
            floor, budget = lo + 1, budget * 2
            continue
        b = low + (hi - 1 - low) // 3
        solver.conf_budget(budget)
        answer = solver.solve_limited(assumptions=_bound_assumption(e, solver, b))
        if answer:
            slots, val = _decode(e, solver.get_model())
            hi = min(hi, val)
            conn.send(("solution", mode, slots, val))
        elif answer is False:
            lo = max(lo, b + 1)
            conn.send(("bound", mode, b + 1))
        else:
            floor = b + 1


def portfolio(
    problem: Problem, fairness: int | None, workers: int
) -> list[tuple[str, dict[str, Any]]]:
    """Worker configurations: two equivalent encodings that differ in their cardinalities.

    The first keeps sequential counters, encodes the capacity constraints with a
    totalizer and bounds each slot only through its busy participants
    (``meeting_capacity=False``: where no online meeting can use the slot and no meeting
    has attendees, that is the same constraint as the tables one, in a fifth of the
    clauses). The second keeps the tables constraint over meetings too, which the
    refutations on tight tables need, and encodes every cardinality constraint with the
    modulo totalizer. SAT run times are
    heavy-tailed and each configuration solves forums the other cannot in a minute, so
    racing them cuts the tail. Both add the block windows of
    :func:`.satenc._start_clauses`. Break literals are exact or monotone as
    :func:`.satenc.encode` decides. With one worker, the first, which is the faster on
    most forums.

    With precedences both state full participants as unit clauses (``tight``): on the
    benchmark with 10 precedences that took tic-13crafc from 180k conflicts to 20k and
    the median down; without precedences it reshuffled the heavy tail and made small
    forums slower (forumt-14, tic-14crafa about 3x in two runs), so plain forums keep the
    encoding they had (docs/scheduling.md, "Precedences").
    """
    tight = bool(problem.precedences)
    modes: list[tuple[str, dict[str, Any]]] = [
        (
            "up-busy-totalizer",
            {
                "span": False,
                "capacity_enc": EncType.totalizer,
                "starts": True,
                "meeting_capacity": False,
                "tight": tight,
            },
        )
    ]
    if workers >= 2:
        modes.append(
            (
                "up-mtotalizer",
                {"span": False, "card_enc": EncType.mtotalizer, "starts": True, "tight": tight},
            )
        )
    return modes


def search(
    problem: Problem,
    fairness: int | None,
    time_limit: float,
    workers: int,
    lower_bound: int = 0,
    callback: Callable[[Progress], bool | None] | None = None,
    modes: list[tuple[str, dict[str, Any]]] | None = None,
    upper: int | None = None,
    improve_after: float | None = None,
) -> SearchResult:
    """Minimise total breaks with every meeting scheduled (``problem`` must be checked).

    ``modes`` replaces the portfolio of :func:`portfolio` (tests run each one alone).
    ``upper`` is the breaks of a valid schedule the caller holds: with ``improve_after``
    seconds as well, a race still running by then gets :func:`_improver` in a third
    process, which looks for schedules below ``upper`` (the result then holds the best it
    found when the upward workers do not finish in time).
    """
    t0 = time.perf_counter()
    ctx = mp.get_context("fork")
    if modes is None:
        modes = portfolio(problem, fairness, workers)
    pipes = [ctx.Pipe(duplex=False) for _ in modes]
    procs = [
        ctx.Process(
            target=_worker,
            args=(problem, fairness, mode, lower_bound, opts, send),
            daemon=True,
        )
        for (mode, opts), (_, send) in zip(modes, pipes, strict=True)
    ]
    for p in procs:
        p.start()
    for _, send in pipes:
        send.close()  # the children hold their ends; EOF then means a child has ended
    open_conns: list[Any] = [recv for recv, _ in pipes]
    racers = len(procs)
    improver: Any = None
    improve_at = None
    if upper is not None and improve_after is not None and upper > lower_bound:
        improve_at = improve_after
    pending: list[Any] = []
    best: int | None = None
    slots: list[int] | None = None
    bound = lower_bound
    status = "UNKNOWN"
    infeasible = False
    done = 0
    stats: dict[str, Any] = {"workers": [m for m, _ in modes], "events": []}
    try:
        while True:
            if best is not None and best <= bound:
                status = "OPTIMAL"
                break
            remaining = time_limit - (time.perf_counter() - t0)
            if remaining <= 0:
                status = "FEASIBLE" if best is not None else "UNKNOWN"
                break
            if improve_at is not None and time.perf_counter() - t0 >= improve_at:
                improve_at = None
                top = upper if best is None else min(best, upper)  # type: ignore[type-var]
                recv, send = ctx.Pipe(duplex=True)  # the improver hears of better bounds
                opts = modes[0][1]
                helper = ctx.Process(
                    target=_improver,
                    args=(problem, fairness, "improver", bound, top, opts, send),
                    daemon=True,
                )
                helper.start()
                send.close()
                procs.append(helper)
                pipes.append((recv, send))
                open_conns.append(recv)
                improver = recv
                stats["improver_from"] = round(time.perf_counter() - t0, 3)
            if not pending:
                if not open_conns:
                    status = "FEASIBLE" if best is not None else "UNKNOWN"
                    stats["error"] = "all workers stopped"
                    break
                timeout = min(remaining, 0.5)
                if improve_at is not None:
                    timeout = max(0.0, min(timeout, improve_at - (time.perf_counter() - t0)))
                for conn in wait(open_conns, timeout=timeout):
                    try:
                        pending.append(conn.recv())
                    except EOFError:
                        open_conns.remove(conn)
                continue
            msg = pending.pop(0)
            kind, mode = msg[0], msg[1]
            elapsed = time.perf_counter() - t0
            value = msg[3] if kind == "solution" else (msg[2] if kind == "bound" else None)
            stats["events"].append((round(elapsed, 3), kind, mode, value))
            if kind == "encoded":
                stats.setdefault("encode_seconds", round(msg[2], 3))
                stats["variables"], stats["clauses"] = msg[3], msg[4]
                continue
            if kind == "infeasible":
                infeasible = True
                status = "INFEASIBLE"
                break
            if kind == "solution":
                if best is None or msg[3] < best:
                    best, slots = msg[3], msg[2]
                    stats["winner"] = mode
            elif kind == "bound":
                if msg[2] > bound:
                    bound = msg[2]
                    stats["bound_by"] = mode
                    if improver is not None and mode != "improver":
                        try:
                            improver.send(("bound", bound))
                        except OSError:  # it has stopped
                            improver = None
            elif kind == "done":
                done += 1
                if best is not None:
                    # an upward worker stops only once its solution is proven optimal
                    bound = max(bound, best)
            if (
                callback is not None
                and kind in ("solution", "bound")
                and callback(Progress(best, bound, elapsed))
            ):
                status = "FEASIBLE" if best is not None else "UNKNOWN"
                stats["cancelled"] = True
                break
            if done == racers and not (best is not None and best <= bound):
                status = "FEASIBLE" if best is not None else "UNKNOWN"
                break
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(timeout=5)
        for recv, _ in pipes:
            recv.close()
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    return SearchResult(slots, best, bound, status == "OPTIMAL", infeasible, status, stats)
