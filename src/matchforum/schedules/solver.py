"""The one place that calls the scheduling engine's solver.

Kept apart from `mapping` (which only translates data) so the task and tests can pass
their own `solve` (e.g. one that raises, to prove a crash leaves the schedule untouched).

A repair run is the engine's `repair`: the problem mapped from the forum as it is now
(cancelled meetings gone, new ones in, new unavailability, tables in use) and the live
placements as the published schedule; the engine frees only the meetings that can no
longer stay, places the new ones, and moves as few published meetings as it can.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

from .mapping import MappedProblem, Placement, schedule_from_placements

if TYPE_CHECKING:
    from matchforum import scheduling as engine


@dataclass(frozen=True)
class Progress:
    """One improvement reported by the engine while it searches."""

    phase: str = ""  # "weight": choosing which meetings fit; "breaks": minimising gaps
    objective: float | None = None
    breaks: int | None = None
    bound: float | None = None
    placed: int | None = None
    elapsed: float | None = None
    solutions: int = 0


@dataclass
class Outcome:
    schedule: engine.Schedule
    cancelled: bool = False
    valid: bool = True
    violations: list[str] = field(default_factory=list)


ProgressCallback = Callable[[Progress], bool]


def solve(
    *,
    mapped: MappedProblem,
    time_limit: float,
    on_progress: ProgressCallback,
    base: dict[int, Placement] | None = None,
    method: str = "auto",
) -> Outcome:
    """Solve the mapped problem; `on_progress` answers "stop?" (the engine's cancel).

    With `base` (a repair) the live placements are the engine's hint. `method` is the
    engine's: "auto" (every run) or "heuristic" (the constructive heuristic alone, for
    comparison in the benchmark).
    """
    from matchforum import scheduling as engine

    state = {"stopped": False, "solutions": 0}

    def callback(update: engine.Progress) -> bool:
        state["solutions"] += 1
        in_breaks = update.phase in ("breaks", "heuristic", "lns")
        stop = on_progress(
            Progress(
                phase=update.phase,
                objective=update.best,
                breaks=update.best if in_breaks else None,
                bound=update.bound if in_breaks else None,
                elapsed=round(update.elapsed, 1),
                solutions=state["solutions"],
            )
        )
        state["stopped"] = state["stopped"] or bool(stop)
        return state["stopped"]

    problem = mapped.problem
    if base is None:
        schedule = _solve_fresh(engine, problem, time_limit, callback, method)
    else:
        # The engine's repair reports no progress: the run shows its start and its end,
        # and a cancellation asked meanwhile is honoured before anything is stored.
        if on_progress(Progress(phase="repair")):
            state["stopped"] = True
            return Outcome(schedule=engine.Schedule(slots=[], tables=[]), cancelled=True)
        slots, tables = schedule_from_placements(mapped=mapped, placements=base)
        published = engine.Schedule(slots=slots, tables=tables)
        repaired = engine.repair(problem, published, [], time_limit=time_limit)
        problem, schedule = repaired.problem, repaired.schedule
        state["stopped"] = on_progress(Progress(phase="repair", breaks=schedule.breaks))
    report = engine.validate(problem, schedule)
    return Outcome(
        schedule=schedule,
        cancelled=state["stopped"],
        valid=report.ok,
        violations=list(report.errors),
    )


def _solve_fresh(
    engine: ModuleType,
    problem: engine.Problem,
    time_limit: float,
    callback: Callable[[engine.Progress], bool],
    method: str,
) -> engine.Schedule:
    """The engine's one solving policy (``method="auto"``): the heuristic's schedule
    first, then the exact search or the large-neighbourhood search from it; the engine
    returns the best valid schedule it found, never worse than the heuristic's."""
    return engine.solve(problem, time_limit=time_limit, callback=callback, method=method)
