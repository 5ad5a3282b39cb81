"""Plain data types of the scheduling problem and of its result.

Slots are numbered 1..T and consecutive. Every slot belongs to exactly one session; a
session belongs to one day. A meeting may be restricted to some sessions (by name), may
be pinned to a slot and/or a table, and is either onsite (needs a table) or online (uses
the online capacity of the slot). Participants are referred to by their ``id`` string.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .errors import ProblemError

#: Suggested weights: a must-meet request outweighs any number of nice-to-meet ones
#: a participant can have in a forum.
MUST_MEET = 1000
NICE_TO_MEET = 1


@dataclass(frozen=True)
class Session:
    """A contiguous range of slots ``first..last`` (inclusive, 1-based) on one day."""

    name: str
    first: int
    last: int
    day: int = 1


@dataclass(frozen=True)
class Participant:
    """A delegate or a delegation; it can attend one meeting per slot."""

    id: str
    forbidden: frozenset[int] = frozenset()
    max_meetings: int | None = None
    host: bool = False
    name: str = ""


@dataclass(frozen=True)
class Meeting:
    """A requested meeting between participants ``a`` and ``b`` (participant ids).

    ``attendees`` are further participants who join it (a colleague brought along); every
    rule treats them as it treats ``a`` and ``b``. ``sessions`` lists the session names
    the meeting may take place in (``None``: any). ``weight`` only matters when not every
    meeting fits (see ``Problem.allow_unscheduled``).
    """

    a: str
    b: str
    sessions: tuple[str, ...] | None = None
    weight: int = 1
    pinned_slot: int | None = None
    pinned_table: int | None = None
    online: bool = False
    id: str = ""
    attendees: tuple[str, ...] = ()

    @property
    def participants(self) -> tuple[str, ...]:
        """Ids of everyone in the meeting: ``a``, ``b``, then the attendees."""
        return (self.a, self.b, *self.attendees)


@dataclass
class Problem:
    """A complete scheduling problem.

    ``tables[s-1]`` tables and ``online_capacity[s-1]`` online rooms exist in slot ``s``.
    ``precedences`` holds pairs ``(i, j)`` of meeting indices: meeting ``i`` must take
    place in a strictly earlier slot than meeting ``j``. ``fairness`` (``d``) bounds the
    difference between the most and the fewest breaks of any participant (all
    participants count, including those with fewer than two meetings). With
    ``allow_unscheduled`` the solver may leave meetings out; it first maximises the total
    weight of scheduled meetings, then minimises breaks.
    """

    participants: list[Participant]
    meetings: list[Meeting]
    sessions: list[Session]
    tables: list[int]
    online_capacity: list[int] = field(default_factory=list)
    precedences: list[tuple[int, int]] = field(default_factory=list)
    fairness: int | None = None
    allow_unscheduled: bool = False
    name: str = ""

    def __post_init__(self) -> None:
        n_slots = max((s.last for s in self.sessions), default=0)
        if isinstance(self.tables, int):
            self.tables = [self.tables] * n_slots
        if isinstance(self.online_capacity, int):
            self.online_capacity = [self.online_capacity] * n_slots
        if not self.online_capacity:
            self.online_capacity = [0] * n_slots
        self.tables = list(self.tables)
        self.online_capacity = list(self.online_capacity)
        self.precedences = [(int(i), int(j)) for i, j in self.precedences]

    # ----------------------------------------------------------------- derived data
    @cached_property
    def n_slots(self) -> int:
        return max((s.last for s in self.sessions), default=0)

    @cached_property
    def slots(self) -> range:
        return range(1, self.n_slots + 1)

    @cached_property
    def participant_index(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.participants)}

    @cached_property
    def session_of_slot(self) -> dict[int, Session]:
        return {s: sess for sess in self.sessions for s in range(sess.first, sess.last + 1)}

    @cached_property
    def day_of_slot(self) -> dict[int, int]:
        return {s: sess.day for s, sess in self.session_of_slot.items()}

    @cached_property
    def meeting_participants(self) -> list[tuple[int, ...]]:
        """Participant indices of every meeting: ``a``, ``b``, then its attendees.

        The one place the engine learns who is in a meeting: every rule (one meeting per
        participant and slot, forbidden slots, caps, breaks, fairness) goes through it."""
        idx = self.participant_index
        return [tuple(idx[pid] for pid in m.participants) for m in self.meetings]

    @cached_property
    def meetings_of(self) -> list[list[int]]:
        """Meeting indices of each participant (by participant index)."""
        out: list[list[int]] = [[] for _ in self.participants]
        for k, people in enumerate(self.meeting_participants):
            for p in people:
                out[p].append(k)
        return out

    @cached_property
    def max_meeting_size(self) -> int:
        """The most participants any meeting has (2 without attendees)."""
        return max((len(people) for people in self.meeting_participants), default=2)

    @cached_property
    def allowed_slots(self) -> list[list[int]]:
        """Slots each meeting may use: its sessions, no participant forbidden, pin."""
        out = []
        for k, m in enumerate(self.meetings):
            bad: frozenset[int] = frozenset().union(
                *(self.participants[p].forbidden for p in self.meeting_participants[k])
            )
            names = None if m.sessions is None else set(m.sessions)
            cand = [
                s
                for s in self.slots
                if (names is None or self.session_of_slot[s].name in names) and s not in bad
            ]
            if m.pinned_slot is not None:
                cand = [s for s in cand if s == m.pinned_slot]
            if m.online:
                cand = [s for s in cand if self.online_capacity[s - 1] > 0]
            else:
                cand = [s for s in cand if self.tables[s - 1] > 0]
            out.append(cand)
        return out

    @cached_property
    def days(self) -> list[int]:
        return sorted({s.day for s in self.sessions})

    # ----------------------------------------------------------------- checking
    def check(self) -> None:
        """Raise :class:`ProblemError` naming the first thing that makes the problem invalid.

        Besides malformed data this catches problems that are impossible on their face
        when every meeting must be scheduled: a participant with more meetings than slots,
        a pinned meeting outside its session, a precedence cycle, and so on.
        """
        self._check_structure()
        self._check_meetings()
        self._check_precedences()
        if not self.allow_unscheduled:
            self._check_capacity()
            self._check_precedence_windows()

    def _check_structure(self) -> None:
        ids = [p.id for p in self.participants]
        seen: set[str] = set()
        for pid in ids:
            if pid in seen:
                raise ProblemError(f"participant id {pid!r} appears twice")
            seen.add(pid)
        if not self.sessions:
            raise ProblemError("the problem has no sessions (no slots)")
        names = [s.name for s in self.sessions]
        if len(set(names)) != len(names):
            raise ProblemError("two sessions share a name")
        covered: dict[int, str] = {}
        for sess in self.sessions:
            if sess.first < 1 or sess.last < sess.first:
                raise ProblemError(
                    f"session {sess.name!r} has an invalid slot range {sess.first}..{sess.last}"
                )
            for s in range(sess.first, sess.last + 1):
                if s in covered:
                    raise ProblemError(
                        f"slot {s} belongs to sessions {covered[s]!r} and {sess.name!r}"
                    )
                covered[s] = sess.name
        missing = [s for s in range(1, self.n_slots + 1) if s not in covered]
        if missing:
            raise ProblemError(f"slots {missing} belong to no session")
        ordered = sorted(self.sessions, key=lambda s: s.first)
        for prev, nxt in itertools.pairwise(ordered):
            if nxt.day < prev.day:
                raise ProblemError(f"session {nxt.name!r} is on an earlier day than {prev.name!r}")
        if len(self.tables) != self.n_slots:
            raise ProblemError(f"tables has {len(self.tables)} entries for {self.n_slots} slots")
        if len(self.online_capacity) != self.n_slots:
            raise ProblemError(
                f"online_capacity has {len(self.online_capacity)} entries for {self.n_slots} slots"
            )
        if any(t < 0 for t in self.tables) or any(c < 0 for c in self.online_capacity):
            raise ProblemError("a slot has a negative number of tables or online rooms")
        for p in self.participants:
            bad = [s for s in p.forbidden if not 1 <= s <= self.n_slots]
            if bad:
                raise ProblemError(f"participant {p.id!r} forbids unknown slots {sorted(bad)}")
            if p.max_meetings is not None and p.max_meetings < 0:
                raise ProblemError(f"participant {p.id!r} has a negative meeting cap")
        if self.fairness is not None and self.fairness < 0:
            raise ProblemError("fairness must be at least 0")

    def _check_meetings(self) -> None:
        idx = self.participant_index
        names = {s.name for s in self.sessions}
        for k, m in enumerate(self.meetings):
            label = _label(k, m)
            for pid in m.participants:
                if pid not in idx:
                    raise ProblemError(f"{label} names unknown participant {pid!r}")
            if m.a == m.b:
                raise ProblemError(f"{label} has participant {m.a!r} on both sides")
            for i, pid in enumerate(m.attendees):
                if pid in (m.a, m.b):
                    raise ProblemError(f"{label} has {pid!r} as an attendee and as a side")
                if pid in m.attendees[:i]:
                    raise ProblemError(f"{label} lists attendee {pid!r} twice")
            if m.weight < 0:
                raise ProblemError(f"{label} has a negative weight")
            if m.sessions is not None:
                unknown = [s for s in m.sessions if s not in names]
                if unknown:
                    raise ProblemError(f"{label} names unknown sessions {unknown}")
                if not m.sessions:
                    raise ProblemError(f"{label} allows no session")
            if m.pinned_slot is not None:
                s = m.pinned_slot
                if not 1 <= s <= self.n_slots:
                    raise ProblemError(f"{label} is pinned to slot {s}, which does not exist")
                sess = self.session_of_slot[s]
                if m.sessions is not None and sess.name not in m.sessions:
                    raise ProblemError(
                        f"{label} is pinned to slot {s} in session {sess.name!r}, "
                        f"outside its sessions {list(m.sessions)}"
                    )
                for pid in m.participants:
                    if s in self.participants[idx[pid]].forbidden:
                        raise ProblemError(
                            f"{label} is pinned to slot {s}, which participant {pid!r} forbids"
                        )
            if m.pinned_table is not None:
                if m.online:
                    raise ProblemError(f"{label} is online but pinned to a table")
                top = max(self.tables) if m.pinned_slot is None else self.tables[m.pinned_slot - 1]
                if not 1 <= m.pinned_table <= top:
                    raise ProblemError(
                        f"{label} is pinned to table {m.pinned_table}, which does not exist"
                    )
        allowed = self.allowed_slots
        if not self.allow_unscheduled:
            for k, m in enumerate(self.meetings):
                if not allowed[k]:
                    raise ProblemError(
                        f"{_label(k, m)} has no possible slot (sessions, forbidden slots, "
                        "pin and capacity leave none)"
                    )

    def _check_precedences(self) -> None:
        n = len(self.meetings)
        succ: list[list[int]] = [[] for _ in range(n)]
        for i, j in self.precedences:
            if not (0 <= i < n and 0 <= j < n):
                raise ProblemError(f"precedence ({i}, {j}) names an unknown meeting")
            if i == j:
                raise ProblemError(f"precedence cycle: meeting {i} must precede itself")
            succ[i].append(j)
        # iterative DFS for a cycle
        state = [0] * n
        for root in range(n):
            if state[root]:
                continue
            stack = [(root, 0)]
            path: list[int] = []
            while stack:
                node, it = stack.pop()
                if it == 0:
                    state[node] = 1
                    path.append(node)
                if it < len(succ[node]):
                    stack.append((node, it + 1))
                    nxt = succ[node][it]
                    if state[nxt] == 1:
                        cyc = [*path[path.index(nxt) :], nxt]
                        raise ProblemError(
                            "precedence cycle among meetings " + " -> ".join(map(str, cyc))
                        )
                    if state[nxt] == 0:
                        stack.append((nxt, 0))
                else:
                    state[node] = 2
                    path.pop()

    def precedence_links(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """``(before, after)``: for each meeting named in a precedence, the meetings that
        must take place before it, and those that must take place after it. Built anew on
        each call (cheap), since callers may still change ``precedences``."""
        before: dict[int, list[int]] = {}
        after: dict[int, list[int]] = {}
        for i, j in self.precedences:
            after.setdefault(i, []).append(j)
            before.setdefault(j, []).append(i)
        return before, after

    @cached_property
    def precedence_windows(self) -> list[list[int]]:
        """Each meeting's allowed slots cut to those its chains of precedences leave it:
        after the earliest possible slot of every meeting before it, before the latest
        possible slot of every meeting after it (any valid schedule keeps to them).
        Call :meth:`check` first: the precedences must form no cycle."""
        n = len(self.meetings)
        out = [list(a) for a in self.allowed_slots]
        if not self.precedences:
            return out
        before, after = self.precedence_links()
        indegree = [len(before.get(k, ())) for k in range(n)]
        order = [k for k in range(n) if not indegree[k]]
        for k in order:  # grows while it is walked: a topological order
            for j in after.get(k, ()):
                indegree[j] -= 1
                if not indegree[j]:
                    order.append(j)
        for k in order:
            for i in before.get(k, ()):
                if out[i]:
                    out[k] = [t for t in out[k] if t > out[i][0]]
        for k in reversed(order):
            for j in after.get(k, ()):
                if out[j]:
                    out[k] = [t for t in out[k] if t < out[j][-1]]
        return out

    def _check_precedence_windows(self) -> None:
        allowed = self.allowed_slots
        windows = self.precedence_windows
        for k, window in enumerate(windows):
            if not allowed[k] or window:
                continue
            why = "its chains of precedences leave it no slot"
            for i, j in self.precedences:
                if j == k and windows[i] and allowed[k][-1] <= windows[i][0]:
                    why = (
                        f"it must come after {_label(i, self.meetings[i])}, which cannot take "
                        f"place before slot {windows[i][0]}, and its own last slot is "
                        f"{allowed[k][-1]}"
                    )
                    break
                if i == k and windows[j] and allowed[k][0] >= windows[j][-1]:
                    why = (
                        f"it must come before {_label(j, self.meetings[j])}, which cannot take "
                        f"place after slot {windows[j][-1]}, and its own first slot is "
                        f"{allowed[k][0]}"
                    )
                    break
            raise ProblemError(f"{_label(k, self.meetings[k])} cannot take place: {why}")

    def _check_capacity(self) -> None:
        allowed = self.allowed_slots
        for p_i, p in enumerate(self.participants):
            mine = self.meetings_of[p_i]
            if p.max_meetings is not None and len(mine) > p.max_meetings:
                raise ProblemError(
                    f"participant {p.id!r} has {len(mine)} meetings but a cap of {p.max_meetings}"
                )
            free = set().union(*(allowed[k] for k in mine)) if mine else set()
            if len(mine) > len(free):
                raise ProblemError(
                    f"participant {p.id!r} has {len(mine)} meetings but only {len(free)} "
                    "available slots"
                )
        onsite = sum(1 for m in self.meetings if not m.online)
        if onsite > sum(self.tables):
            raise ProblemError(
                f"{onsite} onsite meetings do not fit in {sum(self.tables)} table-slots"
            )
        online = len(self.meetings) - onsite
        if online > sum(self.online_capacity):
            raise ProblemError(
                f"{online} online meetings do not fit in {sum(self.online_capacity)} online slots"
            )


def _label(k: int, m: Meeting) -> str:
    ident = f" ({m.id})" if m.id else ""
    extra = "".join(f" with {pid!r}" for pid in m.attendees)
    return f"meeting {k + 1}{ident} between {m.a!r} and {m.b!r}{extra}"


def single_day_problem(
    n_participants: int,
    pairs: Iterable[tuple[int, int]],
    n_slots: int,
    tables: int | Sequence[int],
    morning_slots: int | None = None,
    **kwargs: Any,
) -> Problem:
    """Convenience constructor: participants ``"1".."n"``, one day, morning/afternoon."""
    k = n_slots if morning_slots is None else morning_slots
    sessions = [Session("morning", 1, k, 1)] if k >= 1 else []
    if k < n_slots:
        sessions.append(Session("afternoon", k + 1, n_slots, 1))
    participants = [Participant(str(i + 1)) for i in range(n_participants)]
    meetings = [Meeting(str(a), str(b)) for a, b in pairs]
    tab = [tables] * n_slots if isinstance(tables, int) else list(tables)
    return Problem(participants, meetings, sessions, tab, **kwargs)


@dataclass(frozen=True)
class Unscheduled:
    """A meeting left out of the schedule and why."""

    meeting: int
    reason: str


@dataclass
class Schedule:
    """The result: slot and table (1-based) of every meeting, ``None`` when unscheduled.

    Online meetings get ``table`` ``None``. ``breaks`` and ``breaks_per_participant`` are
    computed from the slots; ``bound`` is the best proven lower bound on total breaks
    (for the final, break-minimising phase); ``proven_optimal`` says that no schedule with
    the same scheduled-weight has fewer breaks.
    """

    slots: list[int | None]
    tables: list[int | None]
    breaks: int = 0
    breaks_per_participant: list[int] = field(default_factory=list)
    unscheduled: list[Unscheduled] = field(default_factory=list)
    proven_optimal: bool = False
    bound: float = 0.0
    status: str = "UNKNOWN"
    scheduled_weight: int = 0
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def n_scheduled(self) -> int:
        return sum(1 for s in self.slots if s is not None)
