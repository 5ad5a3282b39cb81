"""Repairing a published schedule after changes, and filling it from a waiting list.

:func:`repair` takes the problem the schedule was published for, the schedule and a list
of changes. It builds the changed problem and solves one CP-SAT model whose objective is
lexicographic by weights: first schedule as much (weight) as possible, then move as few
published meetings as possible, then have as few breaks as possible. The published slots
are given as a hint, so the solver starts from the published schedule with only the
broken meetings out of place. To stay fast on large forums the search first frees only
the broken meetings, pinning the rest; while meetings remain unplaced and time allows it
widens to every meeting of their participants, then to everything. A move is a
published meeting whose slot changes (or that can no longer be scheduled); new meetings
are placements, not moves. Tables are then
reassigned keeping each meeting's published table when it is free.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .breaks import breaks_per_participant
from .errors import ProblemError
from .insertion import explain_unscheduled, place_left_out
from .model import Meeting, Problem, Schedule
from .tables import assign_tables


@dataclass(frozen=True)
class CancelMeeting:
    meeting: int  # index in the published problem


@dataclass(frozen=True)
class AddMeeting:
    meeting: Meeting


@dataclass(frozen=True)
class ForbidSlots:
    participant: str
    slots: frozenset[int]


@dataclass(frozen=True)
class SetTables:
    """New table count, for every slot (int) or per slot (list)."""

    tables: int | tuple[int, ...]


Change = CancelMeeting | AddMeeting | ForbidSlots | SetTables


@dataclass(frozen=True)
class Move:
    meeting: int  # index in the repaired problem
    old_slot: int | None
    new_slot: int | None
    old_table: int | None
    new_table: int | None


@dataclass
class RepairResult:
    problem: Problem
    schedule: Schedule
    moves: list[Move]
    moved: int
    changes: int
    old_index: list[int | None]  # for each meeting of the new problem: its published index
    stats: dict[str, object] = field(default_factory=dict)


def apply_changes(problem: Problem, changes: Sequence[Change]) -> tuple[Problem, list[int | None]]:
    """The changed problem and, for each of its meetings, its index in ``problem``."""
    cancelled = {c.meeting for c in changes if isinstance(c, CancelMeeting)}
    for k in cancelled:
        if not 0 <= k < len(problem.meetings):
            raise ProblemError(f"cannot cancel meeting {k + 1}: there is no such meeting")
    keep = [k for k in range(len(problem.meetings)) if k not in cancelled]
    pos = {k: i for i, k in enumerate(keep)}
    meetings = [problem.meetings[k] for k in keep]
    old_index: list[int | None] = list(keep)
    for c in changes:
        if isinstance(c, AddMeeting):
            meetings.append(c.meeting)
            old_index.append(None)
    forbid: dict[str, set[int]] = {}
    for c in changes:
        if isinstance(c, ForbidSlots):
            if c.participant not in problem.participant_index:
                raise ProblemError(f"unknown participant {c.participant!r}")
            forbid.setdefault(c.participant, set()).update(c.slots)
    participants = [
        replace(p, forbidden=p.forbidden | frozenset(forbid[p.id])) if p.id in forbid else p
        for p in problem.participants
    ]
    tables = list(problem.tables)
    for c in changes:
        if isinstance(c, SetTables):
            tables = [c.tables] * problem.n_slots if isinstance(c.tables, int) else list(c.tables)
    prec = [(pos[i], pos[j]) for i, j in problem.precedences if i in pos and j in pos]
    new = replace(
        problem, participants=participants, meetings=meetings, tables=tables, precedences=prec
    )
    return new, old_index


def repair(
    problem: Problem,
    published: Schedule,
    changes: Sequence[Change],
    *,
    fairness: int | object | None = ...,
    time_limit: float = 5.0,
    workers: int = 2,
    seed: int = 0,
) -> RepairResult:
    """Repair ``published`` (a schedule of ``problem``) after ``changes``.

    Meetings that cannot be placed at all are reported unscheduled (the repaired problem
    allows that even if the original did not). ``fairness`` defaults to the problem's.
    """
    t0 = time.perf_counter()
    new, old_index = apply_changes(problem, changes)
    new = replace(new, allow_unscheduled=True)
    new.check()
    old_slots = [None if o is None else published.slots[o] for o in old_index]
    old_tables = [None if o is None else published.tables[o] for o in old_index]
    d = problem.fairness if fairness is ... else fairness
    broken = _broken(new, old_slots)
    best = None
    stats: dict[str, object] = {"broken": len(broken)}
    for level in (0, 1, None):
        remaining = time_limit - (time.perf_counter() - t0)
        if best is not None and remaining < 0.4 * time_limit:
            break
        # model building is not covered by the solver's limit: keep a margin for it
        remaining *= 0.7
        free = None if level is None else _neighbourhood(new, broken, level)
        if best is not None and (free is None or len(free) > len(new.meetings) // 3):
            break  # a wider search would not finish in time on a large forum
        sub = new if free is None else _pin_others(new, old_slots, free)
        try:
            pinned = (
                frozenset()
                if free is None
                else frozenset(
                    k
                    for k in range(len(new.meetings))
                    if k not in free and old_slots[k] is not None
                )
            )
            sched, moves, st = _solve_lexicographic(
                sub, d, old_slots, old_tables, max(0.2, remaining), workers, seed, required=pinned
            )
        except ProblemError:
            continue
        sched.stats["neighbourhood"] = "all" if free is None else len(free)
        key = (-sched.scheduled_weight, _moved(moves), sched.breaks)
        if best is None or key < best[0]:
            best = (key, sched, moves, st)
        stats[f"level_{level}"] = {"free": "all" if free is None else len(free), **st}
        if not sched.unscheduled or free is None:
            break
    if best is None:
        raise ProblemError("repair found no schedule in time")
    _, sched, moves, _ = best
    # report against the real (unpinned) problem
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    sched.stats = stats
    return RepairResult(new, sched, moves, _moved(moves), len(changes), old_index, stats)


def _moved(moves: Sequence[Move]) -> int:
    return sum(1 for mv in moves if mv.old_slot is not None and mv.old_slot != mv.new_slot)


def _broken(problem: Problem, old_slots: Sequence[int | None]) -> set[int]:
    """Meetings that cannot stay as published: new ones, now-disallowed slots, overfull
    slots, and two meetings of one participant in a slot (an attendee added since)."""
    allowed = problem.allowed_slots
    out = set()
    per_slot: dict[int, list[int]] = {}
    seen: dict[tuple[int, int], int] = {}
    for k, s in enumerate(old_slots):
        if s is None or s not in allowed[k]:
            out.add(k)
            continue
        if not problem.meetings[k].online:
            per_slot.setdefault(s, []).append(k)
        for p in problem.meeting_participants[k]:
            if (p, s) in seen:
                out.update((k, seen[p, s]))
            seen[p, s] = k
    for s, ks in per_slot.items():
        if len(ks) > problem.tables[s - 1]:
            out.update(ks)
    return out


def _neighbourhood(problem: Problem, broken: set[int], level: int) -> set[int]:
    """Broken meetings plus every meeting of their participants (``level`` hops)."""
    free = set(broken)
    people: set[int] = set()
    frontier = set(broken)
    for _ in range(level):
        new_people = {p for k in frontier for p in problem.meeting_participants[k]} - people
        people |= new_people
        frontier = {k for p in new_people for k in problem.meetings_of[p]} - free
        free |= frontier
    return free


def _pin_others(problem: Problem, old_slots: Sequence[int | None], free: set[int]) -> Problem:
    meetings = [
        m if k in free or old_slots[k] is None else replace(m, pinned_slot=old_slots[k])
        for k, m in enumerate(problem.meetings)
    ]
    return replace(problem, meetings=meetings)


def fill_from_waiting_list(
    problem: Problem,
    published: Schedule,
    waiting: Sequence[Meeting],
    *,
    fairness: int | object | None = ...,
    time_limit: float = 5.0,
    workers: int = 2,
    seed: int = 0,
) -> RepairResult:
    """Add as much (weight) of ``waiting`` as fits without moving any published meeting.

    Published meetings keep their slot and table (they are pinned); unscheduled published
    meetings stay candidates too.
    """
    pinned = []
    for k, m in enumerate(problem.meetings):
        s = published.slots[k]
        if s is None:
            pinned.append(m)
        else:
            pinned.append(replace(m, pinned_slot=s, pinned_table=published.tables[k]))
    new = replace(problem, meetings=[*pinned, *waiting], allow_unscheduled=True)
    new.check()
    old_index: list[int | None] = [*range(len(problem.meetings)), *([None] * len(waiting))]
    old_slots = [*published.slots, *([None] * len(waiting))]
    old_tables = [*published.tables, *([None] * len(waiting))]
    d = problem.fairness if fairness is ... else fairness
    sched, moves, stats = _solve_lexicographic(
        new, d, old_slots, old_tables, time_limit, workers, seed, must_keep=True
    )
    return RepairResult(new, sched, moves, _moved(moves), len(waiting), old_index, stats)


def _solve_lexicographic(
    problem: Problem,
    fairness: int | None,
    old_slots: list[int | None],
    old_tables: list[int | None],
    time_limit: float,
    workers: int,
    seed: int,
    must_keep: bool = False,
    required: frozenset[int] = frozenset(),
) -> tuple[Schedule, list[Move], dict[str, object]]:
    # CP-SAT is loaded here, not with the package: its import takes longer than solving
    # a small instance through the SAT search, which never needs it
    from ortools.sat.python import cp_model

    from .cpsat import build_model

    t0 = time.perf_counter()
    cm = build_model(problem, fairness, optional=True, required=required)
    m = cm.model
    n = len(problem.meetings)
    kept = []  # literal: published meeting stays in its slot
    for k in range(n):
        s = old_slots[k]
        if s is None:
            continue
        lit = cm.x.get((k, s))
        if lit is None:
            kept.append(0)
            continue
        if must_keep:
            m.Add(lit == 1)
        kept.append(lit)
    total_weight = sum(mt.weight for mt in problem.meetings)
    w_move = 2 * n + 1  # any move costs more than all breaks
    w_sched = w_move * (len(kept) + 1)  # any unit of weight costs more than all moves
    moved = len(kept) - sum(v for v in kept if not isinstance(v, int))
    m.Minimize(w_sched * (total_weight - cm.weight_expr) + w_move * moved + cm.total_breaks)
    for (k, s), v in cm.x.items():
        m.AddHint(v, old_slots[k] == s)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - (time.perf_counter() - t0))
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    st = solver.Solve(m)
    stats: dict[str, object] = {
        "status": solver.StatusName(st),
        "build_and_solve_seconds": round(time.perf_counter() - t0, 3),
    }
    if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ProblemError(f"repair found no schedule in time ({solver.StatusName(st)})")
    # a run stopped by its time limit may leave out a meeting that fits as things stand
    slots = place_left_out(problem, cm.slots_of(solver), fairness)
    tables = assign_tables(problem, slots, previous=old_tables, previous_slots=old_slots)
    per = breaks_per_participant(problem, slots)
    sched = Schedule(
        slots=slots,
        tables=tables,
        breaks=sum(per),
        breaks_per_participant=per,
        unscheduled=explain_unscheduled(problem, slots, fairness),
        proven_optimal=st == cp_model.OPTIMAL,
        bound=solver.BestObjectiveBound(),
        status=solver.StatusName(st),
        scheduled_weight=sum(mt.weight for k, mt in enumerate(problem.meetings) if slots[k]),
        stats=stats,
    )
    moves = [
        Move(k, old_slots[k], slots[k], old_tables[k], tables[k])
        for k in range(n)
        if old_slots[k] is not None and (old_slots[k] != slots[k] or old_tables[k] != tables[k])
    ]
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    return sched, moves, stats
