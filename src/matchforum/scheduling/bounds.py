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

:func:`group_bound` is the group relaxation on top of it: disjoint groups of participants
keep every meeting of their members and only the outsiders' rules and the table counts
are dropped; each group's least gaps (the SAT bound search) replace the sum of its
members' own bounds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .model import Participant, Problem

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
    return sum(participant_bounds(problem, slots, time_limit=time_limit))


def participant_bounds(
    problem: Problem,
    slots: Sequence[int | None] | None = None,
    *,
    time_limit: float = 5.0,
) -> list[int]:
    """Each participant's least idle gaps in the per-participant relaxation (0 for those
    not reached within ``time_limit``), over the meetings placed in ``slots``."""
    end = time.perf_counter() + time_limit
    allowed = problem.allowed_slots
    placed = None if slots is None else {k for k, s in enumerate(slots) if s is not None}
    day_slots = _day_slots(problem)
    out = [0] * len(problem.participants)
    for p, mine in enumerate(problem.meetings_of):
        masks = [sum(1 << s for s in allowed[k]) for k in mine if placed is None or k in placed]
        if len(masks) < 2:
            continue
        if time.perf_counter() > end:
            break  # the participants not reached count 0: the sum stays a bound
        out[p] = participant_gaps(masks, day_slots, MAX_TRIES)
    return out


def _day_slots(problem: Problem) -> dict[int, list[int]]:
    day_slots: dict[int, list[int]] = {}
    for s in problem.slots:
        day_slots.setdefault(problem.day_of_slot[s], []).append(s)
    return day_slots


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


#: Most participants in one group of the group relaxation (:func:`group_bound`).
GROUP_SIZE = 8
#: Longest exact solve of one group (seconds); a group not solved in it counts the count
#: proven so far, at least its members' own bounds.
GROUP_SECONDS = 1.0


@dataclass
class GroupBound:
    """What :func:`group_bound` found."""

    bound: int  #: the whole bound: the groups' optima plus everyone else's own bound
    per_participant: int  #: the per-participant bound it starts from
    groups: int = 0  #: groups solved
    raised: int = 0  #: groups whose optimum is above the sum of their members' own bounds
    timed_out: int = 0  #: groups whose solve ran out of time (their proven bound counted)
    seconds: float = 0.0


def group_bound(
    problem: Problem,
    slots: Sequence[int | None] | None = None,
    *,
    groups: Sequence[Sequence[int]] | None = None,
    per: Sequence[int] | None = None,
    size: int = GROUP_SIZE,
    time_limit: float = 10.0,
    group_seconds: float = GROUP_SECONDS,
) -> GroupBound:
    """The group relaxation: a lower bound on idle gaps at least the per-participant one.

    Disjoint groups of participants (``groups``, participant indices; by default
    :func:`pick_groups`) each keep **every** meeting of their members -- a meeting with
    someone outside the group keeps its allowed slots and the member's one meeting per
    slot -- and drop only the rules of the people outside (their other meetings, their
    one meeting per slot), the table counts and the precedences (:func:`group_problem`).
    Every real schedule, cut to a group's meetings, is a placement of that relaxation
    with the same gaps for the members, so a group's least gaps (the SAT bound search,
    at most ``group_seconds`` each, the count proven so far on a timeout) bound its
    members' gaps in any schedule; with everyone else's per-participant bound (``per``,
    computed when not given) the sum bounds the whole.

    ``slots``: as for :func:`lower_bound`, only the meetings placed there count; it is
    also the incumbent, which shows which groups cannot gain (their members' gaps there
    already equal their own bounds: those are not solved)."""
    t0 = time.perf_counter()
    end = t0 + time_limit
    if per is None:
        per = participant_bounds(problem, slots, time_limit=time_limit)
    out = GroupBound(bound=sum(per), per_participant=sum(per))
    if groups is None:
        groups = pick_groups(problem, slots, per, size)
    members = [p for group in groups for p in group]
    if len(members) != len(set(members)):
        raise ValueError("the groups of the group relaxation must be disjoint")
    now = None
    if slots is not None:
        from .breaks import breaks_per_participant

        now = breaks_per_participant(problem, slots)
    for group in groups:
        own = sum(per[p] for p in group)
        if now is not None and sum(now[p] for p in group) <= own:
            continue  # the incumbent already meets the members' own bounds: no gain
        budget = min(group_seconds, end - time.perf_counter())
        if budget < 0.05:
            break
        least, exact = _group_least(problem, group, slots, per, budget)
        out.groups += 1
        out.timed_out += not exact
        if least > own:
            out.raised += 1
            out.bound += least - own
    out.seconds = round(time.perf_counter() - t0, 3)
    return out


def pick_groups(
    problem: Problem,
    slots: Sequence[int | None] | None,
    per: Sequence[int],
    size: int = GROUP_SIZE,
) -> list[list[int]]:
    """Disjoint groups for :func:`group_bound`, each grown from a seed by adding, one at a
    time, the participant with the most meetings with the group so far (a densely
    connected group: a triangle that meets in three slots shows its gap only together).
    With a complete incumbent the seeds are the participants whose gaps there exceed
    their own bound, the only ones a group can raise, and other such participants join
    first; without one every participant seeds in turn (most meetings first)."""
    from .breaks import breaks_per_participant

    ends = problem.meeting_participants
    placed = None if slots is None else {k for k, s in enumerate(slots) if s is not None}
    links: list[dict[int, int]] = [{} for _ in problem.participants]
    for k, people in enumerate(ends):
        if placed is not None and k not in placed:
            continue
        for p in people:
            for q in people:
                if p != q:
                    links[p][q] = links[p].get(q, 0) + 1
    if slots is not None:
        now = breaks_per_participant(problem, slots)
        keen = {p for p, g in enumerate(now) if g > per[p]}
        seeds = sorted(keen, key=lambda p: (per[p] - now[p], p))
    else:
        keen = set()
        seeds = sorted(range(len(links)), key=lambda p: (-sum(links[p].values()), p))
    grouped: set[int] = set()
    groups: list[list[int]] = []
    for seed in seeds:
        if seed in grouped or not links[seed]:
            continue
        group = [seed]
        grouped.add(seed)
        into: dict[int, int] = {}
        for q, n in links[seed].items():
            if q not in grouped:
                into[q] = n
        while len(group) < size and into:
            q = max(into, key=lambda r: (r in keen, into[r], -r))
            del into[q]
            group.append(q)
            grouped.add(q)
            for r, n in links[q].items():
                if r not in grouped:
                    into[r] = into.get(r, 0) + n
        if len(group) > 1:
            groups.append(group)
    return groups


def group_problem(
    problem: Problem, group: Sequence[int], slots: Sequence[int | None] | None = None
) -> tuple[Problem, list[int]]:
    """The group relaxation of ``group`` as a problem of its own, with the index of each
    of its meetings in ``problem``: every (placed) meeting of a member, each keeping
    exactly its allowed slots; a side or attendee outside the group is replaced by a
    participant of its own who has only that meeting and cannot attend the meeting's
    other slots. No fairness, no precedences, and a table and an online room for every
    meeting in each slot that has any (the table counts are dropped, not the slots)."""
    members = set(group)
    ks = sorted(
        {k for p in group for k in problem.meetings_of[p] if slots is None or slots[k] is not None}
    )
    allowed = problem.allowed_slots
    every = frozenset(problem.slots)
    parts = [problem.participants[p] for p in sorted(members)]
    meetings = []
    for k in ks:
        ids = [problem.participants[q].id for q in problem.meeting_participants[k] if q in members]
        while len(ids) < 2:
            stand_in = f"~{k}.{len(ids)}"  # an outsider: free whenever the meeting may be
            parts.append(Participant(stand_in, forbidden=every - frozenset(allowed[k])))
            ids.append(stand_in)
        meetings.append(
            replace(
                problem.meetings[k],
                a=ids[0],
                b=ids[1],
                attendees=tuple(ids[2:]),
                pinned_table=None,
            )
        )
    n = len(meetings)
    sub = replace(
        problem,
        participants=parts,
        meetings=meetings,
        tables=[n if c > 0 else 0 for c in problem.tables],
        online_capacity=[n if c > 0 else 0 for c in problem.online_capacity],
        precedences=[],
        fairness=None,
        allow_unscheduled=False,
    )
    return sub, ks


def _group_least(
    problem: Problem,
    group: Sequence[int],
    slots: Sequence[int | None] | None,
    per: Sequence[int],
    seconds: float,
) -> tuple[int, bool]:
    """The least idle gaps of ``group``'s members in the group relaxation (see
    :func:`group_bound`), and whether it was solved to optimality; on a timeout, the
    count proven so far (at least the members' own bounds). Solved by the SAT bound
    search (:mod:`.satsearch`, one worker), which starts at the members' own bounds."""
    from .errors import ProblemError
    from .satsearch import search

    own = sum(per[p] for p in group)
    sub, _ = group_problem(problem, group, slots)
    try:
        sub.check()
    except ProblemError:  # the placed meetings cannot all be placed: nothing to bound
        return own, True
    res = search(sub, None, seconds, 1, lower_bound=own)
    if res.infeasible:
        return own, True
    if res.optimal and res.best is not None:
        return max(own, res.best), True
    return max(own, res.bound), False
