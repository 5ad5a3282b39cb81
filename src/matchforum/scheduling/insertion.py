"""Placing left-out meetings where they fit without moving anything, and saying why not.

An oversubscribed forum leaves meetings out. A reason shown to an organiser ("session
full", "busy in every slot") must be true of the schedule as published, so it is decided
by trying: a meeting is insertable into slot ``s`` when every hard rule still holds with
it there and nothing else moved -- every participant free and under their cap, a table (its
pinned one, if any) or an online room left, its precedences in order, and the idle-gap
range within the fairness limit. :func:`place_left_out` inserts every insertable meeting
(most valuable first, each where it adds the fewest idle gaps), so what stays out is
exactly what cannot be inserted, and :func:`explain_unscheduled` names the first rule that
blocks each one.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Problem, Unscheduled


@dataclass
class _State:
    """What a schedule occupies: per participant its busy slots (sorted) and gaps."""

    problem: Problem
    slots: list[int | None]
    fairness: int | None

    def __post_init__(self) -> None:
        p = self.problem
        self.busy: list[list[int]] = [[] for _ in p.participants]
        self.onsite: Counter[int] = Counter()
        self.online: Counter[int] = Counter()
        self.pinned_tables: set[tuple[int, int]] = set()
        for k, s in enumerate(self.slots):
            if s is not None:
                self._occupy(k, s)
        self.gaps = [self._gaps(b) for b in self.busy]
        self.gap_counts = Counter(self.gaps)
        self.before, self.after = p.precedence_links()

    def _occupy(self, k: int, s: int) -> None:
        for x in self.problem.meeting_participants[k]:
            bisect.insort(self.busy[x], s)
        m = self.problem.meetings[k]
        if m.online:
            self.online[s] += 1
        else:
            self.onsite[s] += 1
            if m.pinned_table is not None:
                self.pinned_tables.add((s, m.pinned_table))

    def _gaps(self, busy: Sequence[int]) -> int:
        day = self.problem.day_of_slot
        return sum(1 for x, y in itertools.pairwise(busy) if day[x] == day[y] and y > x + 1)

    def _gaps_with(self, p: int, s: int) -> int:
        busy = list(self.busy[p])
        bisect.insort(busy, s)
        return self._gaps(busy)

    def blocker(self, k: int, s: int) -> str | None:
        """The first rule that slot ``s`` breaks for meeting ``k``, None if it fits."""
        p = self.problem
        m = p.meetings[k]
        for x in p.meeting_participants[k]:
            if s in self.busy[x]:
                return "busy"
        if m.online:
            if self.online[s] >= p.online_capacity[s - 1]:
                return "full"
        else:
            if self.onsite[s] >= p.tables[s - 1]:
                return "full"
            if m.pinned_table is not None and (
                m.pinned_table > p.tables[s - 1] or (s, m.pinned_table) in self.pinned_tables
            ):
                return "pinned table"
        for j in self.after.get(k, ()):
            if self.slots[j] is not None and not s < self.slots[j]:  # type: ignore[operator]
                return "precedence"
        for i in self.before.get(k, ()):
            if self.slots[i] is not None and not self.slots[i] < s:  # type: ignore[operator]
                return "precedence"
        if self.fairness is not None and self._spread_with(k, s) > self.fairness:
            return "fairness"
        return None

    def _spread_with(self, k: int, s: int) -> int:
        counts = Counter(self.gap_counts)
        for x in self.problem.meeting_participants[k]:
            counts[self.gaps[x]] -= 1
            counts[self._gaps_with(x, s)] += 1
        present = [g for g, c in counts.items() if c > 0]
        return max(present) - min(present) if present else 0

    def added_gaps(self, k: int, s: int) -> int:
        people = self.problem.meeting_participants[k]
        return sum(self._gaps_with(x, s) - self.gaps[x] for x in people)

    def place(self, k: int, s: int) -> None:
        self.slots[k] = s
        self._occupy(k, s)
        for x in self.problem.meeting_participants[k]:
            self.gap_counts[self.gaps[x]] -= 1
            self.gaps[x] = self._gaps(self.busy[x])
            self.gap_counts[self.gaps[x]] += 1

    def capped(self, k: int) -> int | None:
        """The participant (index) of meeting ``k`` already at its cap, if any."""
        for x in self.problem.meeting_participants[k]:
            cap = self.problem.participants[x].max_meetings
            if cap is not None and len(self.busy[x]) >= cap:
                return x
        return None


def place_left_out(
    problem: Problem, slots: Sequence[int | None], fairness: int | None
) -> list[int | None]:
    """``slots`` with every left-out meeting that fits without moving anything placed.

    Most valuable first (weight), then the one with the fewest allowed slots; each goes to
    the fitting slot that adds the fewest idle gaps (earliest on a tie). Passes repeat
    until none places anything, so that what stays out fits nowhere."""
    out = list(slots)
    left = [k for k, s in enumerate(out) if s is None]
    if not left:
        return out
    state = _State(problem, out, fairness)
    left.sort(key=lambda k: (-problem.meetings[k].weight, len(problem.allowed_slots[k]), k))
    placed = True
    while placed and left:  # a meeting placed may let an earlier one fit (fairness)
        placed = False
        for k in left:
            if state.capped(k) is not None:
                continue
            fits = [s for s in problem.allowed_slots[k] if state.blocker(k, s) is None]
            if fits:
                state.place(k, min(fits, key=lambda s: (state.added_gaps(k, s), s)))
                placed = True
        left = [k for k in left if state.slots[k] is None]
    return state.slots


def _reason(blocks: set[str], people: Sequence[str], d: int | None) -> str:
    """One sentence true of every allowed slot, from the rule blocking each."""
    late = blocks & {"precedence", "fairness"}
    if late == {"precedence"}:
        return "every free slot with a table breaks the order of its meetings (precedence rules)"
    if late == {"fairness"}:
        return (
            "every free slot with a table would take the idle-gap range beyond the "
            f"fairness limit of {d}"
        )
    if late:
        return (
            "every free slot with a table breaks the order of its meetings or the "
            f"fairness limit of {d}"
        )
    if "pinned table" in blocks:
        return "its pinned table (or every table) is taken in every common free slot"
    if "full" in blocks:
        return "session full: every common free slot has all tables taken"
    who = " and ".join([", ".join(people[:-1]), people[-1]])
    return f"no common free slot: {who} are busy in every allowed slot"


def explain_unscheduled(
    problem: Problem, slots: Sequence[int | None], fairness: int | None = None
) -> list[Unscheduled]:
    """Why each left-out meeting of ``slots`` cannot be inserted without moving anything.

    Every allowed slot is tried; the reason names the rules that block them, worded so
    that it is true of every slot. A meeting that would fit says so, with the slot: a run
    that ended before placing it left it out, not a rule."""
    d = problem.fairness if fairness is None else fairness
    state = _State(problem, list(slots), d)
    out = []
    for k, s in enumerate(slots):
        if s is not None:
            continue
        people = problem.meetings[k].participants
        capped = state.capped(k)
        allowed = problem.allowed_slots[k]
        if capped is not None:
            who = problem.participants[capped]
            reason = f"participant {who.id} is at its cap of {who.max_meetings} meetings"
        elif not allowed:
            reason = "no allowed slot (sessions, forbidden slots and pin leave none)"
        else:
            blocks = {t: state.blocker(k, t) for t in allowed}
            fitting = [t for t, why in blocks.items() if why is None]
            if fitting:
                reason = f"fits in slot {fitting[0]} without moving anything; the run left it out"
            else:
                reason = _reason({why for why in blocks.values() if why}, people, d)
        out.append(Unscheduled(k, reason))
    return out


def drop_violations(problem: Problem, slots: Sequence[int | None]) -> list[int | None]:
    """``slots`` less the fewest-weight meetings that break a participant's cap or an
    order between meetings; the constructive passes do not know those two rules."""
    out = list(slots)
    weight = [m.weight for m in problem.meetings]
    for p, mine in enumerate(problem.meetings_of):
        cap = problem.participants[p].max_meetings
        placed = [k for k in mine if out[k] is not None]
        if cap is None or len(placed) <= cap:
            continue
        placed.sort(key=lambda k: (weight[k], -k))
        for k in placed[: len(placed) - cap]:
            out[k] = None
    for i, j in problem.precedences:
        si, sj = out[i], out[j]
        if si is not None and sj is not None and not si < sj:
            out[i if weight[i] < weight[j] else j] = None
    return out
