"""Independent schedule validator.

Deliberately simple and self-contained: it does not use the solver, nor the engine's
derived data (``allowed_slots``, ``breaks``), and recomputes every number from the raw
problem so that tests and benchmarks never trust the solver's own figures.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from .model import Problem, Schedule


@dataclass
class Report:
    """The verdict: ``ok`` and the list of every violation found, in words."""

    errors: list[str] = field(default_factory=list)
    breaks: int = 0
    breaks_per_participant: dict[str, int] = field(default_factory=dict)
    spread: int = 0
    scheduled: int = 0
    scheduled_weight: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def __str__(self) -> str:
        if self.ok:
            return f"valid: {self.scheduled} meetings, {self.breaks} breaks, spread {self.spread}"
        return "invalid:\n" + "\n".join(f"- {e}" for e in self.errors)


def validate(
    problem: Problem,
    schedule: Schedule,
    fairness: int | None = None,
    claimed_breaks: int | None = None,
    check_tables: bool = True,
) -> Report:
    """Check every hard rule of ``problem`` on ``schedule``.

    ``fairness`` defaults to ``problem.fairness``; ``claimed_breaks`` defaults to
    ``schedule.breaks``. Unscheduled meetings are only allowed when
    ``problem.allow_unscheduled`` is set.
    """
    rep = Report()
    err = rep.errors
    d = problem.fairness if fairness is None else fairness
    claimed = schedule.breaks if claimed_breaks is None else claimed_breaks
    n_slots = max(s.last for s in problem.sessions)
    session_of: dict[int, str] = {}
    day_of: dict[int, int] = {}
    for sess in problem.sessions:
        for s in range(sess.first, sess.last + 1):
            session_of[s] = sess.name
            day_of[s] = sess.day
    people = {p.id: p for p in problem.participants}
    meetings = problem.meetings

    if len(schedule.slots) != len(meetings) or len(schedule.tables) != len(meetings):
        err.append(
            f"schedule has {len(schedule.slots)} slots and {len(schedule.tables)} tables "
            f"for {len(meetings)} meetings"
        )
        return rep

    busy: dict[str, list[int]] = defaultdict(list)
    onsite_in: dict[int, list[int]] = defaultdict(list)
    online_in: dict[int, int] = defaultdict(int)
    for k, m in enumerate(meetings):
        s = schedule.slots[k]
        t = schedule.tables[k]
        name = f"meeting {k + 1} ({'-'.join(m.participants)})"
        if s is None:
            if not problem.allow_unscheduled:
                err.append(f"{name} is not scheduled")
            if m.pinned_slot is not None:
                err.append(f"{name} is pinned to slot {m.pinned_slot} but not scheduled")
            continue
        rep.scheduled += 1
        rep.scheduled_weight += m.weight
        if not isinstance(s, int) or not 1 <= s <= n_slots:
            err.append(f"{name} is in slot {s}, which does not exist")
            continue
        if m.sessions is not None and session_of[s] not in m.sessions:
            err.append(
                f"{name} is in slot {s} (session {session_of[s]}), not in its sessions "
                f"{list(m.sessions)}"
            )
        for pid in m.participants:
            if pid not in people:
                err.append(f"{name} names unknown participant {pid}")
                continue
            if s in people[pid].forbidden:
                err.append(f"{name} is in slot {s}, which participant {pid} forbids")
            busy[pid].append(s)
        if m.pinned_slot is not None and s != m.pinned_slot:
            err.append(f"{name} is pinned to slot {m.pinned_slot} but is in slot {s}")
        if m.online:
            online_in[s] += 1
            if t is not None:
                err.append(f"{name} is online but has table {t}")
        else:
            onsite_in[s].append(k)
            if check_tables:
                if t is None:
                    err.append(f"{name} is onsite but has no table")
                elif not 1 <= t <= problem.tables[s - 1]:
                    err.append(
                        f"{name} is at table {t} in slot {s}, which has "
                        f"{problem.tables[s - 1]} tables"
                    )
                if m.pinned_table is not None and t != m.pinned_table:
                    err.append(f"{name} is pinned to table {m.pinned_table} but is at {t}")

    for s, ks in sorted(onsite_in.items()):
        if len(ks) > problem.tables[s - 1]:
            err.append(f"slot {s} has {len(ks)} onsite meetings but {problem.tables[s - 1]} tables")
        if check_tables:
            used: dict[int, int] = {}
            for k in ks:
                t = schedule.tables[k]
                if t is None:
                    continue
                if t in used:
                    err.append(f"table {t} in slot {s} holds meetings {used[t] + 1} and {k + 1}")
                used[t] = k
    for s, c in sorted(online_in.items()):
        if c > problem.online_capacity[s - 1]:
            err.append(
                f"slot {s} has {c} online meetings but room for {problem.online_capacity[s - 1]}"
            )

    for pid, ss in sorted(busy.items()):
        dup = sorted({s for s in ss if ss.count(s) > 1})
        for s in dup:
            err.append(f"participant {pid} has {ss.count(s)} meetings in slot {s}")
        cap = people[pid].max_meetings
        if cap is not None and len(ss) > cap:
            err.append(f"participant {pid} has {len(ss)} meetings, above the cap of {cap}")

    for i, j in problem.precedences:
        si, sj = schedule.slots[i], schedule.slots[j]
        if si is None or sj is None:
            continue
        if not si < sj:
            err.append(
                f"meeting {i + 1} (slot {si}) must take place before meeting {j + 1} (slot {sj})"
            )

    # breaks, recomputed from scratch: gaps between consecutive busy slots on one day
    total = 0
    for p in problem.participants:
        ss = sorted(set(busy.get(p.id, [])))
        b = 0
        for x, y in itertools.pairwise(ss):
            if day_of[x] == day_of[y] and y > x + 1:
                b += 1
        rep.breaks_per_participant[p.id] = b
        total += b
    rep.breaks = total
    if problem.participants:
        vals = rep.breaks_per_participant.values()
        rep.spread = max(vals) - min(vals)
    if d is not None and rep.spread > d:
        err.append(f"fairness: breaks range over {rep.spread} > d = {d}")
    if claimed is not None and claimed != total:
        err.append(f"schedule claims {claimed} breaks but has {total}")
    return rep
