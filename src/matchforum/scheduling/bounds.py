"""A lower bound on idle gaps for forums of any size: each participant on its own.

Relaxation: every participant places its own copy of its meetings, keeping only the rules
that concern it alone -- each meeting in one of its allowed slots (sessions, pins, its own
and the partner's forbidden slots, slots with a table or room at all) and at most one
meeting per slot -- and dropping the partner's other meetings, table counts and
precedences. Every real schedule gives each participant such a placement, so the sum of
the participants' least idle gaps in the relaxation is at most the real optimum.

A participant's least gaps are found exactly, in pure Python (the small instances'
whole-process time has no room for loading a solver): gap counts 0, 1, ... are refuted
in turn; for each, every set of its usable slots with exactly that many gaps (runs of
consecutive slots, day by day) is tried with a bipartite matching of its meetings to the
set's slots. A participant whose sets exceed :data:`MAX_TRIES` gets the last count
refuted plus one, still a bound.

The bound is for a given set of meetings (all of them, or those placed): a schedule that
leaves a meeting out may have fewer gaps, so with oversubscription the bound is the one
for schedules placing the same meetings.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from .model import Problem

#: Sets of slots tried (one matching each) per participant; past it, a weaker bound.
MAX_TRIES = 20000


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
        total += participant_gaps(masks, day_slots, MAX_TRIES)
    return total


def participant_gaps(masks: Sequence[int], day_slots: dict[int, list[int]], tries: int) -> int:
    """Least idle gaps of one participant whose meetings may use the slots in ``masks``
    (bit ``s`` = slot ``s``), one meeting per slot.

    Gap counts ``b = 0, 1, ...`` are refuted in turn: every set of slots with exactly
    ``b`` gaps (runs of usable slots, day by day) is tried with a bipartite matching of
    meetings to its slots. After ``tries`` matchings the last refuted count plus one is
    returned, which is still a bound."""
    usable = 0
    for m in masks:
        usable |= m
    days = [day_slots[d] for d in sorted(day_slots) if usable & sum(1 << s for s in day_slots[d])]
    need = len(masks)
    budget = [tries]

    def day_sets(ss: list[int], size: int, runs: int):  # type: ignore[no-untyped-def]
        """Masks of ``runs`` runs of usable slots in one day, ``size`` slots in all."""

        def rec(pos: int, left: int, runs_left: int, acc: int):  # type: ignore[no-untyped-def]
            if runs_left == 0:
                if left == 0:
                    yield acc
                return
            for start in range(pos, len(ss)):
                run = 0
                for length in range(1, left - runs_left + 2):
                    i = start + length - 1
                    if i >= len(ss) or not usable >> ss[i] & 1:
                        break
                    run |= 1 << ss[i]
                    yield from rec(start + length + 1, left - length, runs_left - 1, acc | run)

        yield from rec(0, size, runs, 0)

    def feasible(i: int, left: int, gaps_left: int, chosen: int) -> bool | None:
        """Is there a set with exactly ``gaps_left`` more gaps? ``None``: out of tries."""
        if i == len(days):
            if left or gaps_left:
                return False
            budget[0] -= 1
            if budget[0] < 0:
                return None
            return _perfect_matching(masks, chosen)
        room = sum(len(d) for d in days[i:])
        if room < left:
            return False
        ss = days[i]
        for runs in range(0, gaps_left + 2):
            spent = max(0, runs - 1)
            for size in range(min(left, len(ss)), -1, -1):
                if (runs == 0) != (size == 0) or size < runs:
                    continue
                for mask in day_sets(ss, size, runs) if runs else [0]:
                    got = feasible(i + 1, left - size, gaps_left - spent, chosen | mask)
                    if got or got is None:
                        return got
        return False

    for b in range(need):
        got = feasible(0, need, b, 0)
        if got:
            return b
        if got is None:
            return b  # every count below b is refuted
    return 0  # more meetings than usable slots: not schedulable, nothing to bound


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
