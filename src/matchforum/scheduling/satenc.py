"""A SAT encoding of the scheduling problem (every meeting scheduled).

Variables (all Boolean):

* ``x[k, s]``: meeting k takes place in slot s (only slots allowed for k);
* ``busy[p, s]``: participant p has a meeting in slot s (equivalent to the OR of its
  meetings' ``x`` in s, with at most one of them true);
* ``seen[p, s]``: p is busy in some slot ``<= s`` of the same day (prefix OR);
* ``gap[p, s]``: a break of p ends at s: ``busy[p, s] & ~busy[p, s-1] & seen[p, s-1]``.

Every definition is an equivalence, so break counts are exact in both directions and
the solver cannot invent a break. Each participant's gaps go through an exact unary
counter ``cnt[p][j]`` (p has at least j breaks); fairness is stated on those counters,
and a totalizer over all ``cnt`` literals bounds the total, the bound being set through
assumptions so that one incremental solver serves a whole bound search.

Implied constraints (Bofill et al., 2022): p is busy in exactly |M_p| slots; at most
2 x tables participants are busy in a slot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations, permutations

from pysat.card import CardEnc, EncType, ITotalizer

from .model import Problem


@dataclass
class Encoding:
    problem: Problem
    clauses: list[list[int]] = field(default_factory=list)
    top: int = 0
    x: dict[tuple[int, int], int] = field(default_factory=dict)
    busy: dict[tuple[int, int], int] = field(default_factory=dict)
    cnt: list[list[int]] = field(default_factory=list)
    break_lits: list[int] = field(default_factory=list)
    #: block-start variables by participant, then by first slot (``starts=True``)
    starts: dict[int, dict[int, int]] = field(default_factory=dict)
    totalizer: ITotalizer | None = None
    #: each meeting's slots in the encoding (``x[k, s]`` exists exactly for these)
    domains: list[list[int]] = field(default_factory=list)
    fixed_breaks: int = 0
    card_enc: int = EncType.seqcounter
    capacity_enc: int = EncType.seqcounter
    exact: bool = True

    def new(self) -> int:
        self.top += 1
        return self.top

    def amo(self, lits: list[int]) -> None:
        if len(lits) <= 1:
            return
        if len(lits) <= 6:
            self.clauses.extend([-a, -b] for a, b in combinations(lits, 2))
        else:
            self.card(lits, 1, "atmost")

    def card(self, lits: list[int], k: int, kind: str, encoding: int | None = None) -> None:
        enc = getattr(CardEnc, kind)(
            lits=lits,
            bound=k,
            top_id=self.top,
            encoding=self.card_enc if encoding is None else encoding,
        )
        self.clauses.extend(enc.clauses)
        self.top = max(self.top, enc.nv)

    def unary_exact(self, lits: list[int], cap: int) -> list[int]:
        """Literals ``out[j]`` (j = 1..cap+1) equivalent to 'at least j of lits are true'."""
        # sequential counter with both directions; r[i][j]: among first i lits, >= j true
        prev: list[int | None] = [None] * (cap + 2)  # prev[j] for j in 1..cap+1; None=false
        for i, lit in enumerate(lits):
            cur: list[int | None] = [None] * (cap + 2)
            for j in range(1, min(i + 1, cap + 1) + 1):
                v = self.new()
                a = prev[j]  # >= j among previous
                b = prev[j - 1] if j > 1 else True  # >= j-1 among previous
                # v <-> a | (b & lit)
                if a is not None:
                    self.clauses.append([-a, v])
                if b is True:
                    self.clauses.append([-lit, v])
                elif b is not None:
                    self.clauses.append([-b, -lit, v])
                if not self.exact:
                    cur[j] = v
                    continue
                # v -> a | b ; v -> a | lit
                c1 = [-v] + ([a] if a is not None else [])
                if b is True:
                    pass
                else:
                    c1b = c1 + ([b] if b is not None else [])
                    self.clauses.append(c1b)
                self.clauses.append([*c1, lit])
                cur[j] = v
            prev = cur
        return [prev[j] if prev[j] is not None else 0 for j in range(1, cap + 2)]


def encode(
    problem: Problem,
    fairness: int | None,
    break_cap: int | None = None,
    span: bool = True,
    card_enc: int = EncType.seqcounter,
    capacity_enc: int | None = None,
    exact: bool | None = None,
    starts: bool = False,
    meeting_capacity: bool = True,
    windows: bool = False,
    tight: bool = False,
) -> Encoding:
    """Encode ``problem`` with every meeting required (use ``allowed_slots`` as domains).

    ``windows`` cuts the domains to ``Problem.precedence_windows`` (sound; measured slower
    in the race than the order literals alone, so the portfolio leaves it off: see
    docs/scheduling.md, "Precedences"). ``tight`` states a participant with exactly as
    many possible slots as meetings busy in each of them as unit clauses, which the
    clauses otherwise imply only through a pigeonhole argument.

    ``starts`` adds the block-start structure of :func:`_start_clauses` for every
    participant whose meetings can only take place on one day (on several days, one
    without breaks has a block per day, of a length not known in advance).

    ``meeting_capacity=False`` leaves out 'at most tables meetings in slot s' wherever no
    online meeting can take place in s and no meeting there has attendees: there every
    meeting makes exactly two participants busy, so it is the same constraint as 'at most
    2 x tables participants busy', which stays, over a third of the literals.
    """
    e = Encoding(problem)
    e.card_enc = card_enc
    e.capacity_enc = card_enc if capacity_enc is None else capacity_enc
    # Break literals need to be exact in both directions only when something can profit
    # from a break being counted: the lower side of fairness when every participant can
    # have breaks. Otherwise (a participant with fewer than two meetings always has 0
    # breaks, so fairness is "nobody above d", or no fairness) counting is monotone: a
    # spurious break only makes the bound harder, the real count (recomputed from the
    # slots) is never above the counted one, and optimality is unaffected.
    someone_zero = any(len(ms) < 2 for ms in problem.meetings_of)
    e.exact = exact if exact is not None else not (fairness is None or someone_zero)
    allowed = problem.precedence_windows if windows else problem.allowed_slots
    e.domains = allowed
    cl = e.clauses
    for k, slots in enumerate(allowed):
        lits = []
        for s in slots:
            v = e.new()
            e.x[k, s] = v
            lits.append(v)
        cl.append(lits)
        e.amo(lits)
    n_p = len(problem.participants)
    width = problem.max_meeting_size
    wide = width > 2
    busy_slots: list[list[int]] = []
    for p in range(n_p):
        per_slot: dict[int, list[int]] = {}
        for k in problem.meetings_of[p]:
            for s in allowed[k]:
                per_slot.setdefault(s, []).append(e.x[k, s])
        busy_slots.append(sorted(per_slot))
        for s in sorted(per_slot):
            lits = per_slot[s]
            if len(lits) == 1:
                e.busy[p, s] = lits[0]
                continue
            b = e.new()
            e.busy[p, s] = b
            for lit in lits:
                cl.append([-lit, b])
            cl.append([-b, *lits])
            e.amo(lits)
        n = len(problem.meetings_of[p])
        bl = [e.busy[p, s] for s in sorted(per_slot)]
        if n and len(bl) > n:
            e.card(bl, n, "equals")
        elif n and len(bl) < n:
            # fewer slots than meetings (precedence windows can do that): a contradiction
            # stated as one, not left to the pigeonhole argument that CDCL finds so hard
            v = e.new()
            cl.extend([[v], [-v]])
        elif n and tight:
            cl.extend([b] for b in bl)  # busy in every slot it can be
    for s in problem.slots:
        onsite = [
            e.x[k, s]
            for k in range(len(allowed))
            if (k, s) in e.x and not problem.meetings[k].online
        ]
        online = [
            e.x[k, s] for k in range(len(allowed)) if (k, s) in e.x and problem.meetings[k].online
        ]
        online_room = min(problem.online_capacity[s - 1], len(online))
        if len(onsite) > problem.tables[s - 1] and (online or meeting_capacity or wide):
            e.card(onsite, problem.tables[s - 1], "atmost", e.capacity_enc)
        if len(online) > online_room:
            e.card(online, online_room, "atmost", e.capacity_enc)
        # a meeting makes at most ``width`` participants busy
        cap2 = width * (problem.tables[s - 1] + online_room)
        bs = [e.busy[p, s] for p in range(n_p) if (p, s) in e.busy]
        if len(bs) > cap2:
            e.card(bs, cap2, "atmost", e.capacity_enc)

    # meetings pinned to the same table never share a slot
    for group in _same_table_groups(problem):
        for s in problem.slots:
            e.amo([e.x[k, s] for k in group if (k, s) in e.x])

    # precedences: order literals le[k, s] = meeting k in a slot <= s
    if problem.precedences:
        le: dict[int, dict[int, int]] = {}

        def order(k: int) -> dict[int, int]:
            if k in le:
                return le[k]
            out: dict[int, int] = {}
            prev = None
            for s in allowed[k]:
                v = e.new()
                cl.append([-e.x[k, s], v])
                if prev is not None:
                    cl.append([-prev, v])
                    cl.append([-v, prev, e.x[k, s]])
                else:
                    cl.append([-v, e.x[k, s]])
                out[s] = v
                prev = v
            le[k] = out
            return out

        for i, j in problem.precedences:
            oi = order(i)
            for s in allowed[j]:
                # j at s -> i at some slot < s
                earlier = [v for t, v in oi.items() if t < s]
                last = earlier[-1] if earlier else None
                cl.append([-e.x[j, s]] + ([last] if last else []))

    # breaks
    day_of = problem.day_of_slot
    cap_default = None if fairness is None else fairness + 1
    for p in range(n_p):
        n = len(problem.meetings_of[p])
        if n < 2:
            e.cnt.append([])
            continue
        ps = busy_slots[p]
        one_day = len({day_of[s] for s in ps}) == 1  # all of p's possible slots
        gaps: list[int] = []
        seen: int | None = None
        prev_s: int | None = None
        for s in ps:
            b = e.busy[p, s]
            new_day = prev_s is None or day_of[prev_s] != day_of[s]
            if new_day:
                seen_prev = None
                busy_prev = None
            else:
                seen_prev = seen
                busy_prev = e.busy[p, s - 1] if s - 1 == prev_s else None
            # gap[s] <-> b & ~busy_prev & seen_prev
            if seen_prev is not None:
                g = e.new()
                if e.exact:
                    cl.append([-g, b])
                    cl.append([-g, seen_prev])
                if busy_prev is not None:
                    if e.exact:
                        cl.append([-g, -busy_prev])
                    cl.append([g, -b, busy_prev, -seen_prev])
                else:
                    cl.append([g, -b, -seen_prev])
                gaps.append(g)
            # seen[s] <-> seen_prev | b
            if seen_prev is None:
                seen = b
            else:
                v = e.new()
                cl.append([-seen_prev, v])
                cl.append([-b, v])
                if e.exact:
                    cl.append([-v, seen_prev, b])
                seen = v
            prev_s = s
        cap = n - 1
        if cap_default is not None:
            cap = min(cap, cap_default)
        if break_cap is not None:
            cap = min(cap, break_cap + 1)
        cap = min(cap, len(gaps))
        if not gaps:
            e.cnt.append([])
            continue
        out = e.unary_exact(gaps, cap)
        e.cnt.append(out[:cap])  # cnt[j-1]: >= j breaks; out[cap] is '>= cap+1'
        if span:
            _span_clauses(e, p, ps, n, out[0])
        if starts and one_day:
            start = _start_clauses(e, p, ps, n, out[0])
            if start:
                e.starts[p] = start
        if len(out) > cap and out[cap] and len(gaps) > cap:
            cl.append([-out[cap]])  # never more than cap breaks
    if e.starts:
        _start_compatibility(e)
    # fairness
    if fairness is not None:
        someone_zero = any(not c for c in e.cnt)
        if someone_zero:
            for c in e.cnt:
                if len(c) > fairness:
                    cl.append([-c[fairness]])
        else:
            levels = max((len(c) for c in e.cnt), default=0)
            for j in range(fairness + 1, levels + 1):
                hi = e.new()
                for c in e.cnt:
                    if len(c) >= j:
                        cl.append([-c[j - 1], hi])
                for c in e.cnt:
                    need = j - fairness
                    if len(c) >= need:
                        cl.append([-hi, c[need - 1]])
                    else:
                        cl.append([-hi])
    e.break_lits = [v for c in e.cnt for v in c if v]
    return e


def attach_totalizer(e: Encoding, ubound: int) -> ITotalizer:
    tot = ITotalizer(lits=e.break_lits, ubound=ubound, top_id=e.top)
    e.top = max(e.top, tot.top_id)
    e.totalizer = tot
    return tot


def _span_clauses(e: Encoding, p: int, ps: list[int], n: int, one_break: int) -> None:
    """Busy at s and at s' >= s + n on the same day means an idle slot between: a break.

    Uses suffix ORs ``later[s]`` (busy at some slot >= s of the day) so that the implied
    constraint costs O(T) clauses per participant.
    """
    day_of = e.problem.day_of_slot
    by_day: dict[int, list[int]] = {}
    for s in ps:
        by_day.setdefault(day_of[s], []).append(s)
    for ds in by_day.values():
        if ds[-1] - ds[0] + 1 <= n:
            continue
        later: dict[int, int] = {}
        nxt = None
        for s in reversed(ds):
            b = e.busy[p, s]
            if nxt is None:
                later[s] = b
            else:
                v = e.new()
                e.clauses.append([-b, v])
                e.clauses.append([-nxt, v])
                e.clauses.append([-v, b, nxt])
                later[s] = v
            nxt = later[s]
        for s in ds:
            targets = [t for t in ds if t >= s + n]
            if targets:
                e.clauses.append([-e.busy[p, s], -later[targets[0]], one_break])


def _start_clauses(e: Encoding, p: int, ps: list[int], n: int, one_break: int) -> dict[int, int]:
    """A participant without breaks is busy in exactly one window of n consecutive slots.

    One variable per possible first slot of the window (every slot of the window one where
    p can be busy), at most one of them true, and, unless p has a break: one of them is
    true, it makes its window busy, and a busy slot lies in the chosen window. Everything
    here is implied by the gap definitions and "busy in exactly n slots" when p has no
    break, but as clauses it lets one decision (the start) fix a whole block, and a busy
    slot bound the start within n slots either way, so the zero-break calls need far fewer
    conflicts. Only windows that p's meetings can fill are offered: each meeting in its
    own slot of the window, among the slots it is allowed (a perfect matching; a
    participant with morning-only and afternoon-only meetings, for one, can only be
    without a break across the lunch boundary). A slot inside every offered window is
    busy unless p has a break, as a clause of its own: 'one of the windows' is a case
    split that propagation cannot see through. Returns the start variables by first slot
    (empty when no window fits: then p has a break).
    """
    have = set(ps)
    own = [e.domains[k] for k in e.problem.meetings_of[p]]
    windows = [
        s for s in ps if all(t in have for t in range(s, s + n)) and _fills(own, range(s, s + n))
    ]
    if not windows:
        e.clauses.append([one_break])
        return {}
    start = {s: e.new() for s in windows}
    for s, v in start.items():
        for t in range(s, s + n):
            e.clauses.append([-v, e.busy[p, t]])
    e.clauses.append([one_break, *start.values()])
    e.amo(list(start.values()))
    for t in ps:
        covering = [v for s, v in start.items() if s <= t < s + n]
        if len(covering) == len(start):
            # in every window: busy there unless p has a break, without a case split
            e.clauses.append([one_break, e.busy[p, t]])
        e.clauses.append([one_break, -e.busy[p, t], *covering])
    return start


def _fills(domains: list[list[int]], window: range) -> bool:
    """Whether every domain gets its own slot of ``window`` (as many as the domains).

    Kuhn's augmenting paths; a participant has a few dozen meetings at most.
    """
    holder: dict[int, int] = {}  # slot -> index of the domain placed there

    def place(i: int, tried: set[int]) -> bool:
        for t in domains[i]:
            if t in window and t not in tried:
                tried.add(t)
                if t not in holder or place(holder[t], tried):
                    holder[t] = i
                    return True
        return False

    return all(place(i, set()) for i in range(len(domains)))


def _start_compatibility(e: Encoding) -> None:
    """The windows of two participants of one meeting overlap where it can be.

    If p's window starts at s, p is busy exactly there, so its meeting with q lies in
    that window and in the meeting's allowed slots; unless q has a break, q's window
    must contain that slot too. One clause per meeting, side and start of p: 'start s
    of p -> q has a break or q starts at one of the compatible slots', written only when
    it excludes some start of q. Implied (hence sound), but it lets one decision about a
    window narrow the windows of everyone p meets without a conflict first; it matters on
    forums of two sessions or more, where windows are short against the day.
    """
    problem = e.problem
    for k, people in enumerate(problem.meeting_participants):
        with_starts = [p for p in people if p in e.starts]
        if len(with_starts) < 2:
            continue
        allowed = set(e.domains[k])
        for p, q in permutations(with_starts, 2):
            start_p, n_p = e.starts[p], len(problem.meetings_of[p])
            start_q, n_q = e.starts[q], len(problem.meetings_of[q])
            q_break = e.cnt[q][0]  # 'q has at least one break'
            for s, v in start_p.items():
                # q's starts whose window holds a slot of p's window where they can meet
                reach = {u - d for u in range(s, s + n_p) if u in allowed for d in range(n_q)}
                fits = [w for t, w in start_q.items() if t in reach]
                if len(fits) < len(start_q):
                    e.clauses.append([-v, q_break, *fits])


def _same_table_groups(problem: Problem) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for k, m in enumerate(problem.meetings):
        if m.pinned_table is not None:
            groups.setdefault(m.pinned_table, []).append(k)
    return [g for g in groups.values() if len(g) > 1]
