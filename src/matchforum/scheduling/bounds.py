"""A lower bound on idle gaps for forums of any size: each participant on its own.

Relaxation: every participant places its own copy of its meetings, keeping only the rules
that concern it alone -- each meeting in one of its allowed slots (sessions, pins, its own
and the partner's forbidden slots, slots with a table or room at all) and at most one
meeting per slot -- and dropping the partner's other meetings, table counts and
precedences. Every real schedule gives each participant such a placement, so the sum of
the participants' least idle gaps in the relaxation is at most the real optimum.

A participant's least gaps are found exactly:

- 0 when its meetings fit one run of consecutive slots per day: run lengths are tried
  day by day, and a bipartite matching (meetings to the run's slots) decides each try;
- otherwise by a small CP-SAT model of that participant alone (its objective is exactly
  the gaps: block starts minus busy days); when that is not solved in its time, the
  solver's proven bound is used, which is still a valid bound.

The bound is for a given set of meetings (all of them, or those placed): a schedule that
leaves a meeting out may have fewer gaps, so with oversubscription the bound is the one
for schedules placing the same meetings.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from .model import Problem

#: Run-length combinations tried per participant before the exact model decides.
MAX_TRIES = 3000
#: Time for one participant's exact model (seconds).
PARTICIPANT_SECONDS = 0.5


def lower_bound(
    problem: Problem,
    slots: Sequence[int | None] | None = None,
    *,
    time_limit: float = 5.0,
) -> int:
    """Least idle gaps of any schedule placing the same meetings as ``slots`` (all
    meetings when ``None``); see the module's docstring for how it is computed."""
    end = time.perf_counter() + time_limit
    allowed = problem.allowed_slots
    placed = None if slots is None else {k for k, s in enumerate(slots) if s is not None}
    day_slots: dict[int, list[int]] = {}
    for s in problem.slots:
        day_slots.setdefault(problem.day_of_slot[s], []).append(s)
    total = 0
    for mine in problem.meetings_of:
        masks = [sum(1 << s for s in allowed[k]) for k in mine if placed is None or k in placed]
        if len(masks) < 2:
            continue
        if time.perf_counter() > end:
            break  # the participants not reached count 0: the sum stays a bound
        total += participant_gaps(
            masks, day_slots, max(0.05, min(PARTICIPANT_SECONDS, end - time.perf_counter()))
        )
    return total


def participant_gaps(masks: Sequence[int], day_slots: dict[int, list[int]], seconds: float) -> int:
    """Least idle gaps of one participant whose meetings may use the slots in ``masks``
    (bit ``s`` = slot ``s``), one meeting per slot; a bound when not solved in time."""
    if _fits_one_run_per_day(masks, day_slots):
        return 0
    return _exact(masks, day_slots, seconds)


def _fits_one_run_per_day(masks: Sequence[int], day_slots: dict[int, list[int]]) -> bool:
    usable = 0
    for m in masks:
        usable |= m
    days = [d for d in sorted(day_slots) if usable & sum(1 << s for s in day_slots[d])]
    need = len(masks)
    tries = 0

    def runs(d: int, length: int) -> list[int]:
        ss = day_slots[d]
        out = []
        for i in range(len(ss) - length + 1):
            run = 0
            for s in ss[i : i + length]:
                run |= 1 << s
            if run & usable == run:
                out.append(run)
        return out

    def go(i: int, left: int, chosen: int) -> bool:
        nonlocal tries
        if left == 0:
            tries += 1
            return _perfect_matching(masks, chosen)
        if i == len(days) or tries > MAX_TRIES:
            return False
        room = sum(len(day_slots[d]) for d in days[i:])
        if room < left:
            return False
        for length in range(min(left, len(day_slots[days[i]])), -1, -1):
            for run in runs(days[i], length) if length else [0]:
                if go(i + 1, left - length, chosen | run):
                    return True
                if tries > MAX_TRIES:
                    return False
        return False

    return go(0, need, 0)


def _perfect_matching(masks: Sequence[int], slots_mask: int) -> bool:
    """Can every meeting get its own slot of ``slots_mask`` among its allowed ones?"""
    owner: dict[int, int] = {}

    def augment(k: int, seen: int) -> tuple[bool, int]:
        free = masks[k] & slots_mask & ~seen
        while free:
            bit = free & -free
            free ^= bit
            seen |= bit
            s = bit.bit_length() - 1
            if s not in owner:
                owner[s] = k
                return True, seen
            ok, seen = augment(owner[s], seen)
            if ok:
                owner[s] = k
                return True, seen
        return False, seen

    for k in sorted(range(len(masks)), key=lambda k: (masks[k] & slots_mask).bit_count()):
        if not augment(k, 0)[0]:
            return False
    return True


def _exact(masks: Sequence[int], day_slots: dict[int, list[int]], seconds: float) -> int:
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    busy: dict[int, list[cp_model.IntVar]] = {}
    for k, mask in enumerate(masks):
        lits = []
        s = mask
        while s:
            bit = s & -s
            s ^= bit
            slot = bit.bit_length() - 1
            v = model.NewBoolVar(f"x{k}_{slot}")
            lits.append(v)
            busy.setdefault(slot, []).append(v)
        model.AddExactlyOne(lits)
    starts = []
    days_used = []
    for d, ss in day_slots.items():
        here = [s for s in ss if s in busy]
        if not here:
            continue
        used = model.NewBoolVar(f"day{d}")
        b = {}
        for s in here:
            b[s] = model.NewBoolVar(f"b{s}")
            model.Add(sum(busy[s]) == b[s])
        model.Add(used <= sum(b.values()))
        days_used.append(used)
        for s in here:
            st = model.NewBoolVar(f"st{s}")
            prev = b.get(s - 1) if s - 1 in ss else None
            if prev is None:
                model.Add(st >= b[s])
            else:
                model.Add(st >= b[s] - prev)
            starts.append(st)
    model.Minimize(sum(starts) - sum(days_used))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1
    status = solver.Solve(model)
    if status == cp_model.OPTIMAL:
        return round(solver.ObjectiveValue())
    if status == cp_model.INFEASIBLE:  # more meetings than slots: the placed set decides
        return 0
    return max(0, math.ceil(solver.BestObjectiveBound() - 1e-6))
