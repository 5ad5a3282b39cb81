"""The one place that calls the scheduling engine's solver and repair.

Kept apart from `mapping` (which only translates data) so the task and tests can pass
their own `solve` (e.g. one that raises, to prove a crash leaves the schedule untouched).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matchforum import scheduling as engine

from .mapping import MappedProblem, Placement, schedule_from_placements


@dataclass(frozen=True)
class Progress:
    """One improvement reported by the engine while it searches."""

    objective: float | None = None
    breaks: int | None = None
    bound: float | None = None
    placed: int | None = None
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
) -> Outcome:
    """Solve (or, with `base`, repair) the mapped problem; `on_progress` answers "stop?"."""
    from matchforum import scheduling as engine

    cancel = threading.Event()

    def report(update: engine.Progress) -> None:
        stop = on_progress(
            Progress(
                objective=update.objective,
                breaks=update.breaks,
                bound=update.bound,
                placed=update.scheduled,
                solutions=update.solutions,
            )
        )
        if stop:
            cancel.set()

    problem = mapped.problem
    options = engine.SolveOptions(time_limit=time_limit, progress=report, cancel=cancel)
    if base is None:
        schedule = engine.solve(problem, options)
    else:
        slots, tables = schedule_from_placements(mapped=mapped, placements=base)
        schedule = engine.repair(problem, engine.Schedule(slots=slots, tables=tables), options)
    report_ = engine.validate(problem, schedule)
    return Outcome(
        schedule=schedule,
        cancelled=cancel.is_set(),
        valid=report_.ok,
        violations=list(report_.errors),
    )
