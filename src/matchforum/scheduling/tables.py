"""Table assignment for scheduled onsite meetings.

Greedy slot by slot, which is exact here because tables within a slot are
interchangeable: pinned tables first, then a meeting keeps the table it had before
(``previous``, used by repair), then a host (``Participant.host``) keeps the table of its
meeting in the previous slot, then the lowest free table.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import SchedulingError
from .model import Problem


def assign_tables(
    problem: Problem,
    slots: Sequence[int | None],
    previous: Sequence[int | None] | None = None,
    previous_slots: Sequence[int | None] | None = None,
) -> list[int | None]:
    """Return the 1-based table of every scheduled onsite meeting (``None`` otherwise).

    ``previous`` are the tables of a published schedule (``previous_slots`` its slots):
    a meeting that stays in its slot keeps its table first; a moved meeting asks for its
    old table number only after those, so it never takes the table of one that stayed.
    """
    tables: list[int | None] = [None] * len(problem.meetings)
    by_slot: dict[int, list[int]] = {}
    for k, s in enumerate(slots):
        if s is not None and not problem.meetings[k].online:
            by_slot.setdefault(s, []).append(k)
    host_table: dict[int, tuple[int, int]] = {}  # participant -> (slot, table)
    hosts = {i for i, p in enumerate(problem.participants) if p.host}
    ends = problem.meeting_participants
    for s in sorted(by_slot):
        ks = by_slot[s]
        n_tab = problem.tables[s - 1]
        if len(ks) > n_tab:
            raise SchedulingError(f"slot {s} has {len(ks)} onsite meetings for {n_tab} tables")
        used: set[int] = set()
        todo = []
        for k in ks:
            t = problem.meetings[k].pinned_table
            if t is None:
                todo.append(k)
                continue
            if t in used or t > n_tab:
                raise SchedulingError(f"table {t} in slot {s} cannot hold meeting {k + 1}")
            tables[k] = t
            used.add(t)

        def wish(k: int, s: int = s, n_tab: int = n_tab) -> list[int]:
            out = []
            if previous is not None and previous[k] is not None:
                out.append(previous[k])
            for p in ends[k]:
                if p in hosts and p in host_table and host_table[p][0] == s - 1:
                    out.append(host_table[p][1])
            return [t for t in out if t is not None and 1 <= t <= n_tab]

        def stayed(k: int, s: int = s) -> bool:
            return previous_slots is None or previous_slots[k] == s

        rest = []
        for k in sorted(todo, key=lambda k: not stayed(k)):
            for t in wish(k):
                if t not in used:
                    tables[k] = t
                    used.add(t)
                    break
            else:
                rest.append(k)
        free = (t for t in range(1, n_tab + 1) if t not in used)
        for k in rest:
            t = next(free)
            tables[k] = t
            used.add(t)
        for k in ks:
            for p in ends[k]:
                if p in hosts:
                    host_table[p] = (s, tables[k])  # type: ignore[assignment]
    return tables
