"""Bound search over the SAT encoding, run as a small portfolio of processes.

CaDiCaL (through python-sat) cannot be interrupted, so each search runs in a forked
child process that the parent terminates at the time limit or on cancellation. Workers:

* ``up``: prove bounds upward from the lower bound (``total <= B`` for B = lb, lb+1, ...
  under assumptions, one incremental solver); the first satisfiable bound is optimal.
* ``up-span``: the same on the encoding with the span clauses (a different search that
  is sometimes much faster; SAT run times vary a lot between equivalent encodings).

With two or more workers both run and the first to finish wins; the parent keeps the
best bound proven by either. A loose first schedule is not searched for: on these
problems the tight bounds propagate so much that they are faster to satisfy.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pysat.solvers import Solver

from .model import Problem
from .satenc import Encoding, attach_totalizer, encode

SAT_SOLVER = "cd19"


@dataclass
class Progress:
    """What a progress callback receives."""

    best: int | None
    bound: int
    elapsed: float
    phase: str = "breaks"


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
    for k, allowed in enumerate(p.allowed_slots):
        slots.append(next(s for s in allowed if e.x[k, s] in val))
    breaks = sum(1 for v in e.break_lits if v in val)
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


def _worker(problem: Problem, fairness: int | None, mode: str, lb: int, span: bool, q: Any) -> None:
    """Prove ``total <= B`` unsatisfiable for B = lb, lb+1, ... until satisfiable."""
    t0 = time.perf_counter()
    e = encode(problem, fairness, span=span)
    attach_totalizer(e, min(len(e.break_lits), max(8, lb + 8)))
    assert e.totalizer is not None
    solver = Solver(name=SAT_SOLVER, bootstrap_with=e.clauses)
    solver.append_formula(e.totalizer.cnf.clauses)
    q.put(("encoded", mode, time.perf_counter() - t0, e.top, len(e.clauses)))
    b = lb
    while True:
        if solver.solve(assumptions=_bound_assumption(e, solver, b)):
            slots, val = _decode(e, solver.get_model())
            q.put(("solution", mode, slots, val))
            q.put(("done", mode))
            return
        if b >= len(e.break_lits):
            q.put(("infeasible", mode))
            return
        b += 1
        q.put(("bound", mode, b))


def search(
    problem: Problem,
    fairness: int | None,
    time_limit: float,
    workers: int,
    lower_bound: int = 0,
    callback: Callable[[Progress], bool | None] | None = None,
) -> SearchResult:
    """Minimise total breaks with every meeting scheduled (``problem`` must be checked)."""
    t0 = time.perf_counter()
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    modes = [("up", False)] if workers <= 1 else [("up", False), ("up-span", True)]
    procs = [
        ctx.Process(
            target=_worker, args=(problem, fairness, mode, lower_bound, span, q), daemon=True
        )
        for mode, span in modes
    ]
    for p in procs:
        p.start()
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
            try:
                msg = q.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                if not any(p.is_alive() for p in procs) and q.empty():
                    status = "FEASIBLE" if best is not None else "UNKNOWN"
                    stats["error"] = "all workers stopped"
                    break
                continue
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
            if done == len(procs) and not (best is not None and best <= bound):
                status = "FEASIBLE" if best is not None else "UNKNOWN"
                break
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(timeout=5)
        q.close()
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    return SearchResult(slots, best, bound, status == "OPTIMAL", infeasible, status, stats)
