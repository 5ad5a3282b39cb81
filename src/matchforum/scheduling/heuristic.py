"""A fast constructive schedule for forums too large for the exact search, and a bound.

:func:`greedy_schedule` places meetings hardest first (fewest allowed slots, busiest
participants) into the allowed slot that all its participants have free, a table or room
is left, and the fewest new breaks are made (a slot next to a participant's existing meeting
is best). A meeting that finds no common free slot tries one ejection: move one of its
participants' meetings to another slot to open a common one. A slot that would break a
precedence with a meeting already placed is never taken, so a meeting that finds none stays
unplaced for the caller's completion. It ignores fairness (the caller validates the result).

:func:`simple_lower_bound` is a per-participant bound: a participant whose meetings cannot
all fit in one gap-free run per day needs at least one break.
"""

from __future__ import annotations

from .model import Problem


def greedy_schedule(problem: Problem) -> list[int | None]:
    allowed = problem.allowed_slots
    ends = problem.meeting_participants
    n_p = len(problem.participants)
    busy: list[dict[int, int]] = [{} for _ in range(n_p)]  # slot -> meeting
    load_on = [0] * (problem.n_slots + 1)
    load_off = [0] * (problem.n_slots + 1)
    slots: list[int | None] = [None] * len(problem.meetings)
    degree = [len(ms) for ms in problem.meetings_of]
    day = problem.day_of_slot
    before, after = problem.precedence_links()

    if problem.precedences:
        allowed = problem.precedence_windows

    def free_for(j: int, t: int) -> bool:
        return all(t not in busy[p] for p in ends[j])

    def prec_ok(k: int, s: int) -> bool:
        """No precedence with a placed meeting breaks, and every unplaced one still has a
        free slot on its side of ``s``."""
        for i in before.get(k, ()):
            t = slots[i]
            if t is None:
                if not any(u < s and free_for(i, u) for u in allowed[i]):
                    return False
            elif not t < s:
                return False
        for j in after.get(k, ()):
            t = slots[j]
            if t is None:
                if not any(u > s and free_for(j, u) for u in allowed[j]):
                    return False
            elif not s < t:
                return False
        return True

    def slot_ok(k: int, s: int) -> bool:
        """A table or room is left in slot s and no precedence with a placed meeting breaks."""
        if problem.meetings[k].online:
            if load_off[s] >= problem.online_capacity[s - 1]:
                return False
        elif load_on[s] >= problem.tables[s - 1]:
            return False
        return not problem.precedences or prec_ok(k, s)

    def place(k: int, s: int) -> None:
        for p in ends[k]:
            busy[p][s] = k
        slots[k] = s
        if problem.meetings[k].online:
            load_off[s] += 1
        else:
            load_on[s] += 1

    def unplace(k: int) -> None:
        s = slots[k]
        assert s is not None
        for p in ends[k]:
            del busy[p][s]
        slots[k] = None
        if problem.meetings[k].online:
            load_off[s] -= 1
        else:
            load_on[s] -= 1

    def cost(p: int, s: int) -> int:
        mine = busy[p]
        if not mine:
            return 1
        if (s - 1 in mine and day.get(s - 1) == day[s]) or (
            s + 1 in mine and day.get(s + 1) == day[s]
        ):
            return 0
        same_day = [t for t in mine if day[t] == day[s]]
        return 2 if same_day else 1

    order = sorted(
        range(len(problem.meetings)),
        key=lambda k: (len(allowed[k]), -max(degree[p] for p in ends[k])),
    )
    failed = []
    for k in order:
        people = ends[k]
        best = None
        for s in allowed[k]:
            if any(s in busy[p] for p in people) or not slot_ok(k, s):
                continue
            c = (sum(cost(p, s) for p in people), s)
            if best is None or c < best:
                best = c
        if best is None:
            failed.append(k)
        else:
            place(k, best[1])
    for k in failed:
        _eject(k, problem, slots, busy, allowed, slot_ok, place, unplace)
    return slots


def _eject(k, problem, slots, busy, allowed, slot_ok, place, unplace) -> bool:  # type: ignore[no-untyped-def]
    ends = problem.meeting_participants
    for s in allowed[k]:
        if not slot_ok(k, s) and not problem.meetings[k].online:
            continue
        blockers = {busy[p][s] for p in ends[k] if s in busy[p]}
        if len(blockers) != 1:
            continue
        j = blockers.pop()
        unplace(j)
        if not slot_ok(k, s):
            place(j, s)
            continue
        place(k, s)
        for t in allowed[j]:
            if t != s and all(t not in busy[p] for p in ends[j]) and slot_ok(j, t):
                place(j, t)
                return True
        unplace(k)
        place(j, s)
    return False


def simple_lower_bound(problem: Problem) -> int:
    """Sum over participants of 1 when their meetings cannot fit one gap-free run per day."""
    allowed = problem.allowed_slots
    day = problem.day_of_slot
    total = 0
    for mine in problem.meetings_of:
        if len(mine) < 2:
            continue
        usable = sorted(set().union(*(allowed[k] for k in mine)))
        runs: dict[int, int] = {}
        run = 0
        prev = None
        for s in usable:
            run = run + 1 if prev is not None and s == prev + 1 and day[s] == day[prev] else 1
            runs[day[s]] = max(runs.get(day[s], 0), run)
            prev = s
        if sum(runs.values()) < len(mine):
            total += 1
    return total


def improve(problem: Problem, slots: list[int | None], seconds: float) -> list[int | None]:
    """Hill climbing: move single meetings to free slots while total breaks drop.

    Keeps every hard rule the greedy keeps (free participants, capacity, allowed slots,
    precedences between meetings are re-checked when present).
    """
    import time

    from .breaks import count_gaps

    t_end = time.perf_counter() + seconds
    slots = list(slots)
    ends = problem.meeting_participants
    allowed = problem.allowed_slots
    day = problem.day_of_slot
    busy: list[set[int]] = [set() for _ in problem.participants]
    load_on = [0] * (problem.n_slots + 1)
    load_off = [0] * (problem.n_slots + 1)
    for k, s in enumerate(slots):
        if s is None:
            continue
        for p in ends[k]:
            busy[p].add(s)
        if problem.meetings[k].online:
            load_off[s] += 1
        else:
            load_on[s] += 1
    before, after = problem.precedence_links()

    def prec_ok(k: int, s: int) -> bool:
        for i in before.get(k, []):
            if slots[i] is not None and not slots[i] < s:  # type: ignore[operator]
                return False
        return all(slots[j] is None or s < slots[j] for j in after.get(k, []))  # type: ignore[operator]

    improved = True
    while improved and time.perf_counter() < t_end:
        improved = False
        for k, s in enumerate(slots):
            if s is None or problem.meetings[k].pinned_slot is not None:
                continue
            people = ends[k]
            base = sum(count_gaps(busy[p], day) for p in people)
            if base == 0:
                continue
            best = None
            for t in allowed[k]:
                if t == s or any(t in busy[p] for p in people):
                    continue
                online = problem.meetings[k].online
                if online and load_off[t] >= problem.online_capacity[t - 1]:
                    continue
                if not online and load_on[t] >= problem.tables[t - 1]:
                    continue
                if not prec_ok(k, t):
                    continue
                c = sum(count_gaps((busy[p] - {s}) | {t}, day) for p in people)
                if c < base and (best is None or c < best[0]):
                    best = (c, t)
            if best is not None:
                t = best[1]
                for p in people:
                    busy[p].discard(s)
                    busy[p].add(t)
                if problem.meetings[k].online:
                    load_off[s] -= 1
                    load_off[t] += 1
                else:
                    load_on[s] -= 1
                    load_on[t] += 1
                slots[k] = t
                improved = True
            if time.perf_counter() > t_end:
                break
    return slots


def make_fair(
    problem: Problem, slots: list[int | None], fairness: int | None, seconds: float
) -> list[int | None]:
    """Local search towards the fairness limit: single-meeting moves to free slots that
    lower (excess over ``fairness``, participants at the highest break count, total
    breaks). Returns ``slots`` unchanged when fairness is already met or not asked."""
    import time
    from collections import Counter

    from .breaks import count_gaps

    if fairness is None:
        return slots
    t_end = time.perf_counter() + seconds
    slots = list(slots)
    ends = problem.meeting_participants
    day = problem.day_of_slot
    busy: list[set[int]] = [set() for _ in problem.participants]
    load = {True: [0] * (problem.n_slots + 1), False: [0] * (problem.n_slots + 1)}
    for k, s in enumerate(slots):
        if s is not None:
            for p in ends[k]:
                busy[p].add(s)
            load[problem.meetings[k].online][s] += 1
    per = [count_gaps(b, day) for b in busy]
    hist = Counter(per)
    before, after = problem.precedence_links()

    def key() -> tuple[int, int, int]:
        hi, lo = max(hist), min(hist)
        excess = max(0, hi - lo - fairness)
        return (excess, hist[hi] if excess else 0, sum(per))

    def prec_ok(k: int, s: int) -> bool:
        if any(slots[i] is not None and not slots[i] < s for i in before.get(k, [])):  # type: ignore[operator]
            return False
        return all(slots[j] is None or s < slots[j] for j in after.get(k, []))  # type: ignore[operator]

    def set_per(p: int, v: int) -> None:
        hist[per[p]] -= 1
        if not hist[per[p]]:
            del hist[per[p]]
        per[p] = v
        hist[v] += 1

    current = key()
    improved = True
    while current[0] and improved and time.perf_counter() < t_end:
        improved = False
        hi = max(hist)
        for k, s in enumerate(slots):
            if s is None or problem.meetings[k].pinned_slot is not None:
                continue
            people = ends[k]
            if all(per[p] != hi for p in people):
                continue
            online = problem.meetings[k].online
            cap = problem.online_capacity if online else problem.tables
            for t in problem.allowed_slots[k]:
                if t == s or load[online][t] >= cap[t - 1] or any(t in busy[p] for p in people):
                    continue
                if not prec_ok(k, t):
                    continue
                old = [per[p] for p in people]
                for p in people:
                    busy[p].discard(s)
                    busy[p].add(t)
                    set_per(p, count_gaps(busy[p], day))
                new = key()
                if new < current:
                    load[online][s] -= 1
                    load[online][t] += 1
                    slots[k] = t
                    current, improved = new, True
                    break
                for p, v in zip(people, old, strict=True):
                    busy[p].discard(t)
                    busy[p].add(s)
                    set_per(p, v)
            if improved:
                break
    return slots
