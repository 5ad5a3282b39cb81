"""The one place that calls the scheduling engine's solver.

Kept apart from `mapping` (which only translates data) so the task and tests can pass
their own `solve` (e.g. one that raises, to prove a crash leaves the schedule untouched).

A repair run is the engine's `solve` on the problem mapped with ``repair=True`` (every
still-possible published placement pinned and worth more than any new meeting), with the
live schedule as the hint: only meetings whose place became impossible, and new ones,
get a (new) place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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
) -> Outcome:
    """Solve the mapped problem; `on_progress` answers "stop?" (the engine's cancel).

    With `base` (a repair) the live placements are the engine's hint.
    """
    from matchforum import scheduling as engine

    state = {"stopped": False, "solutions": 0}

    def callback(update: engine.Progress) -> bool:
        state["solutions"] += 1
        in_breaks = update.phase == "breaks"
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
    hint = None
    if base is not None:
        hint, _tables = schedule_from_placements(mapped=mapped, placements=base)
    schedule = engine.solve(problem, time_limit=time_limit, callback=callback, hint=hint)
    report = engine.validate(problem, schedule)
    return Outcome(
        schedule=schedule,
        cancelled=state["stopped"],
        valid=report.ok,
        violations=list(report.errors),
    )
