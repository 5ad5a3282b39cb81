"""The public entry point: :func:`solve`.

Every-meeting-required problems go to the SAT bound search (:mod:`.satsearch`), the
fastest exact method measured on the benchmark (see docs/scheduling.md). Problems that
allow unscheduled meetings are solved in two phases: CP-SAT chooses the most valuable set
of meetings that can be scheduled together (all hard rules, fairness included), then the
break minimisation runs on that set. ``method="cpsat"`` uses the CP-SAT model for the
break minimisation too (accepts a ``hint``; used by repair).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from .breaks import breaks_per_participant
from .errors import SchedulingError
from .insertion import drop_violations, explain_unscheduled, place_left_out
from .model import Problem, Schedule
from .progress import Progress
from .tables import assign_tables

_UNSET = object()
#: Above this many meetings ``method="auto"`` improves the heuristic's schedule with the
#: large-neighbourhood search instead of one exact search over the whole problem (whose
#: model alone takes too long to build and solve in a run's time).
EXACT_MEETINGS = 600
#: Share of the time limit the heuristic's local search may use (at most 5 s).
HEURISTIC_SHARE = 0.1
#: With precedences and two workers, share of the exact search's time after which a
#: race still running gets a third process that looks for schedules better than the
#: heuristic's (:func:`.satsearch._improver`). Late, so that the forums the race proves
#: in time lose nothing: from a quarter of the limit it cost ticf-13crafb (7 s) its
#: proof at 10 s (docs/scheduling.md).
IMPROVE_AFTER = 0.7
Callback = Callable[[Progress], bool | None]


def _cp_callback(t0: float, callback: Callback | None, phase: str):  # type: ignore[no-untyped-def]
    """A CP-SAT solution callback reporting to ``callback`` (which may stop the search)."""
    from ortools.sat.python import cp_model

    class _CpCallback(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            if callback is None:
                return
            prog = Progress(
                round(self.ObjectiveValue()),
                round(self.BestObjectiveBound()),
                time.perf_counter() - t0,
                phase,
            )
            if callback(prog):
                self.StopSearch()

    return _CpCallback()


def _cp_solver(time_limit: float, workers: int, seed: int):  # type: ignore[no-untyped-def]
    from ortools.sat.python import cp_model

    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = max(0.01, time_limit)
    s.parameters.num_workers = max(1, workers)
    s.parameters.random_seed = seed
    return s


def solve(
    problem: Problem,
    *,
    fairness: int | object | None = _UNSET,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    callback: Callback | None = None,
    hint: Sequence[int | None] | None = None,
    method: str = "auto",
) -> Schedule:
    """Schedule ``problem`` with the fewest breaks: the one solving policy.

    ``method="auto"`` is anytime (see :func:`_anytime`): the constructive heuristic's
    schedule first, then the exact search (or, above :data:`EXACT_MEETINGS` meetings, a
    large-neighbourhood search with the exact model, :mod:`.lns`) started from it; the
    result is the best valid schedule found (most meetings placed, then fewest idle gaps)
    and never worse than the heuristic's. ``"exact"`` runs the exact path alone.

    ``fairness`` overrides ``problem.fairness``. ``callback`` receives a
    :class:`Progress` (best objective, bound, elapsed seconds) whenever either improves and
    cancels the search by returning ``True``; the best schedule so far is returned.
    ``seed`` seeds CP-SAT (CaDiCaL is deterministic); ``hint`` (a slot per meeting) seeds
    the CP-SAT paths (oversubscription, ``method="cpsat"``). ``method``: ``"auto"`` (SAT
    heuristic then exact search or LNS), ``"exact"``, ``"sat"``, ``"cpsat"``,
    ``"heuristic"``. If the exact search finds nothing in time, a greedy schedule is
    returned when it passes the validator (status ``FEASIBLE``).
    Raises :class:`~.errors.ProblemError` for malformed or obviously impossible input.
    The result's ``status`` is ``OPTIMAL``, ``FEASIBLE``, ``INFEASIBLE`` or ``UNKNOWN``
    (no schedule found in time; then every meeting is reported unscheduled).
    """
    t0 = time.perf_counter()
    problem.check()
    d = problem.fairness if fairness is _UNSET else fairness
    assert d is None or isinstance(d, int)
    stats: dict[str, object] = {}
    if method == "auto":
        return _anytime(problem, d, time_limit, workers, seed, callback, hint, t0)
    if method == "heuristic":
        return _heuristic(problem, d, time_limit, stats, t0)
    if method == "exact":
        method = "auto"
    chosen = list(range(len(problem.meetings)))
    phase1_slots: list[int | None] | None = None
    if problem.allow_unscheduled:
        phase1_slots, chosen, p1 = _max_weight(
            problem, d, time_limit / 2, workers, seed, callback, hint
        )
        stats["phase1"] = p1
        if phase1_slots is None:
            return _finish(
                problem, [None] * len(problem.meetings), d, p1["status"], False, 0, stats, t0
            )
    sub = _restrict(problem, chosen)
    remaining = max(0.5, time_limit - (time.perf_counter() - t0))
    sub_hint = None
    if hint is not None:
        sub_hint = [hint[k] for k in chosen]
    if phase1_slots is not None and sub_hint is None:
        sub_hint = [phase1_slots[k] for k in chosen]
    if method == "cpsat" or (
        method == "auto" and sub_hint is not None and problem.allow_unscheduled
    ):
        sub_slots, status, optimal, bound, st = _cp_breaks(
            sub, d, remaining, workers, seed, callback, sub_hint
        )
    else:
        from .satsearch import search

        # the improver is a process beside the race's: only when two workers were asked
        upper = _valid_breaks(sub, sub_hint, d) if sub.precedences and workers >= 2 else None
        res = search(
            sub,
            d,
            remaining,
            workers,
            callback=callback,
            upper=upper,
            improve_after=None if upper is None else IMPROVE_AFTER * remaining,
        )
        sub_slots, status, optimal, bound, st = (
            res.slots,
            res.status,
            res.optimal,
            res.bound,
            res.stats,
        )
        if res.infeasible:
            status = "INFEASIBLE"
        elif sub_slots is None:
            sub_slots = _fallback(sub, d)
            if sub_slots is not None:
                status = "FEASIBLE"
                st["fallback"] = "greedy"
    stats["breaks_phase"] = st
    slots: list[int | None] = [None] * len(problem.meetings)
    if sub_slots is not None:
        for i, k in enumerate(chosen):
            slots[k] = sub_slots[i]
    elif phase1_slots is not None:
        slots = list(phase1_slots)
        status, optimal = "FEASIBLE", False
    return _finish(problem, slots, d, status, optimal, bound, stats, t0)


def quality(problem: Problem, sched: Schedule, fairness: int | None) -> tuple[int, ...]:
    """How good a schedule is, larger is better: valid, placed, weight, fewer gaps."""
    from .validate import validate

    ok = validate(problem, sched, fairness=fairness).ok
    return (int(ok), sched.n_scheduled, sched.scheduled_weight, -sched.breaks)


def _anytime(
    problem: Problem,
    fairness: int | None,
    time_limit: float,
    workers: int,
    seed: int,
    callback: Callback | None,
    hint: Sequence[int | None] | None,
    t0: float,
) -> Schedule:
    """The heuristic's schedule, then the exact search (or LNS) from it; the better wins."""
    stats: dict[str, object] = {"policy": "anytime"}
    budget = min(5.0, time_limit * HEURISTIC_SHARE)
    try:
        quick = _heuristic(problem, fairness, budget + 2, stats, t0)
    except SchedulingError:  # e.g. pinned tables the greedy's slots cannot honour
        return solve(
            problem,
            fairness=fairness,
            time_limit=max(0.5, time_limit - (time.perf_counter() - t0)),
            workers=workers,
            seed=seed,
            callback=callback,
            hint=hint,
            method="exact",
        )
    quick_q = quality(problem, quick, fairness)
    if not quick_q[0] and not problem.allow_unscheduled and None in quick.slots:
        # an incomplete start is no schedule at all: the exact search may find nothing in
        # time (tight forums with precedences), so the completion walk gets a quarter of
        # what is left before it starts (it stops as soon as every meeting is placed).
        # With precedences the SAT encoding, without an objective, is asked first: it
        # refutes rules that cannot hold at once (where the walk would spend its whole
        # share) and often finds a complete schedule in a fraction of a second.
        filled: list[int | None] | None = None
        if problem.precedences:
            from .satsearch import feasibility

            answer, found, info = feasibility(problem, fairness)
            stats["feasibility"] = info
            if answer is False:
                none = _finish(
                    problem,
                    [None] * len(problem.meetings),
                    fairness,
                    "INFEASIBLE",
                    False,
                    0,
                    {},
                    t0,
                )
                return _restamp(none, stats, t0)
            if found is not None:
                filled = list(found)
        if filled is None:
            from .localsearch import complete

            left = time_limit - (time.perf_counter() - t0)
            walk_from = time.perf_counter()
            filled = complete(problem, quick.slots, max(0.2, left / 4), seed=1 + len(quick.slots))
            stats["completion_walk"] = round(time.perf_counter() - walk_from, 3)
        if None not in filled:
            done = _finish(problem, filled, fairness, "FEASIBLE", False, quick.bound, {}, t0)
            done.stats = quick.stats
            if quality(problem, done, fairness) > quick_q:
                quick, quick_q = done, quality(problem, done, fairness)
                stats["completed"] = True
    if not quick_q[0] and problem.allow_unscheduled:
        # a floor that is always valid: the meetings inserted one by one, each only where
        # every rule (fairness included) still holds
        floor = _finish(
            problem,
            [None] * len(problem.meetings),
            fairness,
            "FEASIBLE",
            False,
            quick.bound,
            {},
            t0,
        )
        floor.stats = quick.stats
        quick, quick_q = floor, quality(problem, floor, fairness)
        stats["floor"] = "insertion"
    if quick_q[0]:
        quick.status = "OPTIMAL" if quick.proven_optimal else "FEASIBLE"
    else:
        quick.proven_optimal = False
    stats["heuristic"] = {"placed": quick.n_scheduled, "breaks": quick.breaks, "valid": quick_q[0]}
    stopped = False
    if callback is not None:
        elapsed = time.perf_counter() - t0
        stopped = bool(callback(Progress(quick.breaks, int(quick.bound), elapsed, "heuristic")))
    if stopped:
        stats["cancelled"] = True
    remaining = time_limit - (time.perf_counter() - t0)
    if stopped or (quick.proven_optimal and quick_q[0]) or remaining < 0.2:
        return _restamp(quick, stats, t0)
    start = hint if hint is not None else quick.slots
    if len(problem.meetings) > EXACT_MEETINGS:
        from .lns import improve_lns

        best = improve_lns(
            problem,
            quick,
            fairness,
            remaining,
            workers=workers,
            seed=seed,
            callback=callback,
            t0=t0,
        )
        stats["lns"] = best.stats.get("lns")
        stats["cancelled"] = best.stats.get("cancelled", False)
        return _restamp(best, stats, t0)
    exact = solve(
        problem,
        fairness=fairness,
        time_limit=remaining,
        workers=workers,
        seed=seed,
        callback=callback,
        hint=start,
        method="exact",
    )
    stats.update({k: v for k, v in exact.stats.items() if k != "seconds"})
    if exact.stats.get("breaks_phase", {}).get("cancelled"):  # type: ignore[union-attr]
        stats["cancelled"] = True
    exact_q = quality(problem, exact, fairness)
    if exact_q >= quick_q or (exact.status == "INFEASIBLE" and not quick_q[0]):
        stats["chosen"] = "exact"
        everything = len(problem.meetings)
        if exact.n_scheduled == quick.n_scheduled == everything and quick.bound > exact.bound:
            # the heuristic's bound is for all meetings; the exact search may have proven less
            exact.bound = quick.bound
            if exact.breaks <= exact.bound and exact_q[0]:
                exact.proven_optimal, exact.status = True, "OPTIMAL"
        return _restamp(exact, stats, t0)
    stats["chosen"] = "heuristic"
    if not problem.allow_unscheduled and exact.status != "INFEASIBLE":
        quick.bound = max(quick.bound, exact.bound)
    return _restamp(quick, stats, t0)


def _restamp(sched: Schedule, stats: dict[str, object], t0: float) -> Schedule:
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    sched.stats = stats
    return sched


def _heuristic(
    problem: Problem, fairness: int | None, time_limit: float, stats: dict[str, object], t0: float
) -> Schedule:
    from .bounds import lower_bound
    from .heuristic import greedy_schedule, improve, make_fair, simple_lower_bound
    from .localsearch import anneal, complete

    slots = greedy_schedule(problem)
    if problem.allow_unscheduled:
        slots = drop_violations(problem, slots)
    stats["greedy_seconds"] = round(time.perf_counter() - t0, 3)
    stats["greedy_breaks"] = sum(breaks_per_participant(problem, slots))
    budget = max(0.0, min(time_limit * 0.8, time_limit - (time.perf_counter() - t0) - 2))
    slots = improve(problem, slots, budget)
    if any(s is None and problem.allowed_slots[k] for k, s in enumerate(slots)):
        slots = complete(problem, slots, max(0.2, budget / 2), seed=len(slots))
        if problem.allow_unscheduled:
            slots = drop_violations(problem, slots)
    slots = make_fair(problem, slots, fairness, max(0.5, budget))
    per = breaks_per_participant(problem, slots)
    if fairness is not None and max(per, default=0) - min(per, default=0) > fairness:
        # fairness is a hard rule: the annealing may use what is left of the whole limit
        # (it stops as soon as the limit is met)
        left = time_limit - (time.perf_counter() - t0) - 0.05
        slots = anneal(
            problem, slots, fairness, max(0.2, budget / 2, left), seed=len(slots), until_fair=True
        )
    lb = max(simple_lower_bound(problem), lower_bound(problem, slots, time_limit=max(0.5, budget)))
    status = "FEASIBLE" if all(s is not None for s in slots) else "UNKNOWN"
    sched = _finish(problem, slots, fairness, status, False, lb, stats, t0)
    if sched.breaks == lb and status == "FEASIBLE":
        sched.proven_optimal, sched.status = True, "OPTIMAL"
    return sched


def _valid_breaks(
    problem: Problem, slots: Sequence[int | None] | None, fairness: int | None
) -> int | None:
    """The breaks of ``slots`` when they are a complete schedule keeping every rule."""
    from .validate import validate

    if slots is None or len(slots) != len(problem.meetings) or None in slots:
        return None
    total = sum(breaks_per_participant(problem, slots))
    trial = Schedule(list(slots), [None] * len(slots), breaks=total)
    if not validate(problem, trial, fairness=fairness, check_tables=False).ok:
        return None
    return total


def _fallback(problem: Problem, fairness: int | None) -> list[int] | None:
    """A greedy schedule when the exact search found none in time, if it is valid."""
    from .heuristic import greedy_schedule, improve
    from .validate import validate

    slots = improve(problem, greedy_schedule(problem), 1.0)
    if any(s is None for s in slots):
        return None
    total = sum(breaks_per_participant(problem, slots))
    trial = Schedule(slots, assign_tables(problem, slots), breaks=total)
    if not validate(problem, trial, fairness=fairness).ok:
        return None
    return [s for s in slots if s is not None]


def _finish(
    problem: Problem,
    slots: list[int | None],
    fairness: int | None,
    status: str,
    optimal: bool,
    bound: float,
    stats: dict[str, object],
    t0: float,
) -> Schedule:
    if problem.allow_unscheduled and status != "INFEASIBLE":
        # nothing is reported "could not fit" that fits without moving anything
        slots = place_left_out(problem, slots, fairness)
    per = breaks_per_participant(problem, slots)
    tables = assign_tables(problem, slots)
    unscheduled = explain_unscheduled(problem, slots, fairness)
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    weight = sum(m.weight for k, m in enumerate(problem.meetings) if slots[k] is not None)
    return Schedule(
        slots=slots,
        tables=tables,
        breaks=sum(per),
        breaks_per_participant=per,
        unscheduled=unscheduled,
        proven_optimal=optimal,
        bound=bound,
        status=status,
        scheduled_weight=weight,
        stats=stats,
    )


def _restrict(problem: Problem, chosen: list[int]) -> Problem:
    """The problem with only the ``chosen`` meetings, all required."""
    if len(chosen) == len(problem.meetings) and not problem.allow_unscheduled:
        return problem
    pos = {k: i for i, k in enumerate(chosen)}
    prec = [(pos[i], pos[j]) for i, j in problem.precedences if i in pos and j in pos]
    return replace(
        problem,
        meetings=[problem.meetings[k] for k in chosen],
        precedences=prec,
        allow_unscheduled=False,
    )


def _max_weight(
    problem: Problem,
    fairness: int | None,
    time_limit: float,
    workers: int,
    seed: int,
    callback: Callback | None,
    hint: Sequence[int | None] | None,
) -> tuple[list[int | None] | None, list[int], dict[str, object]]:
    """Phase 1: the most valuable set of meetings that fit together."""
    from ortools.sat.python import cp_model

    from .cpsat import build_model

    t0 = time.perf_counter()
    cm = build_model(problem, fairness, optional=True)
    cm.model.Maximize(cm.weight_expr)
    _add_hint(cm, hint)
    solver = _cp_solver(time_limit, workers, seed)
    st = solver.Solve(cm.model, _cp_callback(t0, callback, "weight"))
    info: dict[str, object] = {
        "status": solver.StatusName(st),
        "seconds": round(time.perf_counter() - t0, 3),
    }
    if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, [], info
    info["weight"] = int(solver.ObjectiveValue())
    info["weight_bound"] = int(solver.BestObjectiveBound())
    slots = cm.slots_of(solver)
    chosen = [k for k, s in enumerate(slots) if s is not None]
    return slots, chosen, info


def _add_hint(cm, hint: Sequence[int | None] | None) -> None:  # type: ignore[no-untyped-def]
    if hint is None:
        return
    for (k, s), v in cm.x.items():
        cm.model.AddHint(v, hint[k] == s)


def _cp_breaks(
    problem: Problem,
    fairness: int | None,
    time_limit: float,
    workers: int,
    seed: int,
    callback: Callback | None,
    hint: Sequence[int | None] | None,
    below: int | None = None,
) -> tuple[list[int] | None, str, bool, float, dict[str, object]]:
    """CP-SAT on the break model; ``below``: only schedules with fewer breaks than that
    (an improving step: no better schedule is then proven quickly, ``INFEASIBLE``)."""
    from ortools.sat.python import cp_model

    from .cpsat import build_model

    t0 = time.perf_counter()
    cm = build_model(problem, fairness, optional=False)
    cm.model.Minimize(cm.total_breaks)
    if below is not None:
        cm.model.Add(cm.total_breaks <= below - 1)
    _add_hint(cm, hint)
    solver = _cp_solver(time_limit, workers, seed)
    st = solver.Solve(cm.model, _cp_callback(t0, callback, "breaks"))
    info: dict[str, object] = {
        "engine": "cp-sat",
        "status": solver.StatusName(st),
        "conflicts": solver.NumConflicts(),
        "seconds": round(time.perf_counter() - t0, 3),
    }
    if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, solver.StatusName(st), False, 0.0, info
    slots = [s for s in cm.slots_of(solver)]
    return slots, solver.StatusName(st), st == cp_model.OPTIMAL, solver.BestObjectiveBound(), info  # type: ignore[return-value]
