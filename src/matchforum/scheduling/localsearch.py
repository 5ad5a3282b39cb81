"""Simulated annealing on idle gaps: cheap moves, millions of them, for large forums.

The exact re-optimisation of a neighbourhood (:mod:`.lns`) costs a model build and a
solver call per step, so on a forum of 1,500 meetings it takes only a few dozen steps a
minute. Most idle gaps there are closed by small changes that need no solver: move one
meeting to a slot where all its participants are free, or exchange the slots of two
meetings (which keeps every slot's table count when both use the same mode; tables are
the scarce resource at real forums). The annealing walks over such moves, accepts any
move that does not add gaps (so it crosses plateaus) and, with a probability that falls
with the temperature, moves that add some, and keeps the best schedule it passed.

Every hard rule of the full problem is kept on every move: allowed slots (sessions,
forbidden slots), one meeting per participant and slot, tables and online rooms per
slot, precedences, and the fairness limit when one is asked (the range of breaks over
participants never grows beyond it). Pinned meetings (slot or table) never move.
Each participant's busy slots are a bit mask, so a move's change in gaps is a few
integer operations.

:func:`complete` is the other repair of a constructive schedule: it places the meetings
the greedy pass left out, displacing others where it must, so that the first schedule a
run reports is complete whenever a short walk finds one.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from .model import Problem

#: Starting and final temperature, in idle gaps: at 0.6 a move adding one gap is taken
#: about one time in five, at the end almost never.
T_START = 0.6
T_END = 0.05
#: Cost of one break above the fairness limit, in idle gaps (while the limit is not met).
OVER_WEIGHT = 4
#: Steps during which a meeting just placed by :func:`complete` is not displaced.
TABU = 2


class _Gaps:
    """Idle gaps of a busy-slot bit mask (bit ``s`` = slot ``s``), with day boundaries."""

    def __init__(self, problem: Problem) -> None:
        self.day_masks: list[int] = []
        first = 0
        for d in problem.days:
            mask = 0
            for s in problem.slots:
                if problem.day_of_slot[s] == d:
                    mask |= 1 << s
            self.day_masks.append(mask)
            first |= mask & -mask  # the lowest slot of the day
        self.day_first = first

    def __call__(self, mask: int) -> int:
        # a run starts where the slot before is free, or at the first slot of a day
        starts = mask & ~(mask << 1) | (mask & self.day_first)
        days = 0
        for dm in self.day_masks:
            if mask & dm:
                days += 1
        return starts.bit_count() - days


def anneal(
    problem: Problem,
    slots: Sequence[int | None],
    fairness: int | None,
    seconds: float,
    *,
    seed: int = 0,
    report: Callable[[int], bool | None] | None = None,
    report_every: float = 0.5,
    until_fair: bool = False,
    target: int | None = None,
    stall: float | None = None,
    stop: Any = None,
) -> list[int | None]:
    """The best schedule met by annealing from ``slots`` for ``seconds`` (never worse).

    ``slots`` must keep every hard rule but fairness (the caller's incumbent); the
    result has the same meetings placed. With ``fairness`` the range of breaks never
    grows, and shrinks towards the limit first: the best schedule is the one with the
    least excess of range over ``fairness``, then the fewest idle gaps. ``report``
    receives the best total of idle gaps whenever it improved on a schedule within the
    fairness limit (at most every ``report_every`` seconds, and at the end); returning
    ``True`` stops the search. ``until_fair`` stops it as soon as the limit is met.
    ``target`` (a lower bound) stops it once a schedule within the fairness limit has at
    most that many idle gaps (nothing better exists); ``stall`` once the best has not
    improved for that many seconds in the second, cooler half of the walk; ``stop`` (an
    event, e.g. a ``multiprocessing.Event``) once it is set -- and the search sets it
    itself when it reaches ``target``, so that a chain in another process stops too.
    """
    rng = random.Random(seed)
    t_end = time.perf_counter() + seconds
    cur = list(slots)
    ends = problem.meeting_participants
    meetings = problem.meetings
    gaps = _Gaps(problem)
    n_p = len(problem.participants)
    mask = [0] * n_p
    load = {False: [0] * (problem.n_slots + 2), True: [0] * (problem.n_slots + 2)}
    cap = {False: [0, *problem.tables], True: [0, *problem.online_capacity]}
    in_slot: dict[bool, list[list[int]]] = {
        False: [[] for _ in range(problem.n_slots + 2)],
        True: [[] for _ in range(problem.n_slots + 2)],
    }
    pos_in_slot = [0] * len(cur)
    for k, s in enumerate(cur):
        if s is None:
            continue
        for p in ends[k]:
            mask[p] |= 1 << s
        online = meetings[k].online
        load[online][s] += 1
        pos_in_slot[k] = len(in_slot[online][s])
        in_slot[online][s].append(k)
    allowed = [list(a) for a in problem.allowed_slots]
    allowed_mask = [sum(1 << s for s in a) for a in allowed]
    movable = [
        k
        for k, s in enumerate(cur)
        if s is not None
        and meetings[k].pinned_slot is None
        and meetings[k].pinned_table is None
        and len(allowed[k]) > 1
    ]
    if not movable or seconds <= 0:
        return cur
    movable_set = set(movable)
    before, after = problem.precedence_links()
    per = [gaps(m) for m in mask]
    hist = Counter(per)
    total = sum(per)
    limit = None
    if fairness is not None:
        limit = max(fairness, max(hist) - min(hist))

    def excess() -> int:
        if fairness is None:
            return 0
        return max(0, max(hist) - min(hist) - fairness)

    best_key, best = (excess(), total), list(cur)
    # Above the fairness limit, each break beyond ``over`` costs extra, which gives the
    # walk a slope towards the limit (the range alone is flat under most moves).
    over = None if not best_key[0] else min(hist) + fairness  # type: ignore[operator]
    reported = best_key
    of = problem.meetings_of

    def prec_ok(k: int, s: int, other: int = -1, other_slot: int = 0) -> bool:
        def at(i: int) -> int | None:
            return other_slot if i == other else cur[i]

        for i in before.get(k, ()):
            si = at(i)
            if si is not None and not si < s:
                return False
        for j in after.get(k, ()):
            sj = at(j)
            if sj is not None and not s < sj:
                return False
        return True

    def fair_ok(changes: dict[int, int]) -> bool:
        if limit is None:
            return True
        for p, v in changes.items():
            _hist_move(hist, per[p], v)
        hi, lo = max(hist), min(hist)
        for p, v in changes.items():
            _hist_move(hist, v, per[p])
        return hi - lo <= limit

    def slot_remove(k: int, s: int) -> None:
        online = meetings[k].online
        row = in_slot[online][s]
        i = pos_in_slot[k]
        last = row[-1]
        row[i] = last
        pos_in_slot[last] = i
        row.pop()
        load[online][s] -= 1

    def slot_add(k: int, s: int) -> None:
        online = meetings[k].online
        row = in_slot[online][s]
        pos_in_slot[k] = len(row)
        row.append(k)
        load[online][s] += 1

    # meetings of participants with gaps are tried first: that is where moves pay off
    def pick() -> int:
        if rng.random() < 0.8:
            p = rng.randrange(n_p)
            for _ in range(8):
                if per[p] and of[p]:
                    break
                p = rng.randrange(n_p)
            if of[p]:
                k = of[p][rng.randrange(len(of[p]))]
                if k in movable_set:
                    return k
        return movable[rng.randrange(len(movable))]

    log_ratio = math.log(T_END / T_START)
    t_start = time.perf_counter()
    span = max(1e-6, t_end - t_start)
    temp = T_START
    it = 0
    next_report = t_start + report_every
    last_better = t_start
    improved = False
    while True:
        it += 1
        if it & 255 == 0:
            now = time.perf_counter()
            if now >= t_end:
                break
            if improved:
                improved, last_better = False, now
            if target is not None and best_key[0] == 0 and best_key[1] <= target:
                if stop is not None:
                    stop.set()
                break
            if stall is not None and now - last_better > stall and now - t_start > span / 2:
                break  # cooled and stuck (while hot, the best rarely improves)
            if stop is not None and it & 4095 == 0 and stop.is_set():
                break
            if report is not None and now >= next_report:
                next_report = now + report_every
                if best_key < reported and best_key[0] == 0:
                    reported = best_key
                    if report(best_key[1]):
                        return best
            temp = T_START * math.exp(log_ratio * (now - t_start) / span)
        k = pick()
        s = cur[k]
        assert s is not None
        ps = ends[k]
        t = allowed[k][rng.randrange(len(allowed[k]))]
        if t == s:
            continue
        online = meetings[k].online
        bit_s, bit_t = 1 << s, 1 << t
        j = -1
        if any(mask[p] & bit_t for p in ps):
            # exchange with the participants' one meeting in t, if its others are free in s
            blockers = {m for p in ps if mask[p] & bit_t for m in of[p] if cur[m] == t}
            if len(blockers) != 1:
                continue
            j = blockers.pop()
        elif load[online][t] >= cap[online][t]:
            row = in_slot[online][t]
            if not row:
                continue
            j = row[rng.randrange(len(row))]
        if j >= 0:
            if j not in movable_set or not allowed_mask[j] & bit_s:
                continue
            qs = ends[j]
            # j's participants other than k's must be free in s; k's must be free in t
            if any(mask[p] & bit_s for p in qs if p not in ps):
                continue
            if any(mask[p] & bit_t for p in ps if p not in qs):
                continue
            if meetings[j].online != online:
                if load[meetings[j].online][s] >= cap[meetings[j].online][s]:
                    continue
                if load[online][t] >= cap[online][t]:
                    continue
            if not prec_ok(k, t, j, s) or not prec_ok(j, s, k, t):
                continue
            # a participant of both meetings stays busy in s and t
            new = {p: mask[p] & ~bit_s | bit_t for p in ps if p not in qs}
            for p in qs:
                if p not in ps:
                    new[p] = mask[p] & ~bit_t | bit_s
        else:
            if not prec_ok(k, t):
                continue
            new = {p: mask[p] & ~bit_s | bit_t for p in ps}
        changes = {p: gaps(m) for p, m in new.items()}
        delta = sum(v - per[p] for p, v in changes.items())
        cost = delta
        if over is not None:
            cost += OVER_WEIGHT * sum(
                max(0, v - over) - max(0, per[p] - over) for p, v in changes.items()
            )
        if cost > 0 and rng.random() >= math.exp(-cost / temp):
            continue
        if not fair_ok(changes):
            continue
        # apply
        slot_remove(k, s)
        if j >= 0:
            slot_remove(j, t)
            cur[j] = s
            slot_add(j, s)
        cur[k] = t
        slot_add(k, t)
        for p, m in new.items():
            mask[p] = m
            _hist_move(hist, per[p], changes[p])
            per[p] = changes[p]
        total += delta
        key = (excess(), total)
        if limit is not None and key[0] < best_key[0]:
            limit = max(fairness, max(hist) - min(hist))  # type: ignore[type-var]
        if key < best_key:
            best_key, best = key, list(cur)
            improved = True
            if until_fair and not key[0]:
                return best
    if report is not None and best_key < reported and best_key[0] == 0:
        report(best_key[1])
    return best


def _hist_move(hist: Counter[int], old: int, new: int) -> None:
    """Move one participant from ``old`` to ``new`` breaks; no zero counts are kept."""
    hist[old] -= 1
    if not hist[old]:
        del hist[old]
    hist[new] += 1


def complete(
    problem: Problem,
    slots: Sequence[int | None],
    seconds: float,
    *,
    seed: int = 0,
) -> list[int | None]:
    """Place meetings the constructive pass left out, ejecting others when needed.

    A min-conflicts walk: an unplaced meeting goes to the allowed slot where it displaces
    the fewest placed meetings (those of its participants in that slot, and one of the
    slot's meetings when its tables or rooms are all taken), preferring slots that keep
    its participants' days compact; the displaced meetings wait their turn. A meeting
    just placed is not displaced again at once, so the walk does not undo itself.
    Pinned meetings never move and precedences always hold. Returns the schedule with
    the most weight placed, then the most meetings, met on the way (never less than
    ``slots``)."""
    rng = random.Random(seed)
    t_end = time.perf_counter() + seconds
    cur = list(slots)
    ends = problem.meeting_participants
    meetings = problem.meetings
    allowed = problem.allowed_slots
    n_s = problem.n_slots
    at: list[dict[int, int]] = [{} for _ in problem.participants]  # slot -> meeting
    in_slot: dict[bool, list[set[int]]] = {
        False: [set() for _ in range(n_s + 2)],
        True: [set() for _ in range(n_s + 2)],
    }
    cap = {False: [0, *problem.tables], True: [0, *problem.online_capacity]}
    for k, s in enumerate(cur):
        if s is not None:
            for p in ends[k]:
                at[p][s] = k
            in_slot[meetings[k].online][s].add(k)
    before, after = problem.precedence_links()
    waiting = [k for k, s in enumerate(cur) if s is None and allowed[k]]
    if not waiting or seconds <= 0:
        return cur

    def fixed(k: int) -> bool:
        return meetings[k].pinned_slot is not None or meetings[k].pinned_table is not None

    def key() -> tuple[int, int]:
        placed = [k for k, s in enumerate(cur) if s is not None]
        return (sum(meetings[k].weight for k in placed), len(placed))

    def prec_ok(k: int, s: int) -> bool:
        if any(cur[i] is not None and not cur[i] < s for i in before.get(k, ())):  # type: ignore[operator]
            return False
        return all(cur[j] is None or s < cur[j] for j in after.get(k, ()))  # type: ignore[operator]

    def remove(k: int) -> None:
        s = cur[k]
        assert s is not None
        for p in ends[k]:
            del at[p][s]
        in_slot[meetings[k].online][s].discard(k)
        cur[k] = None

    def put(k: int, s: int) -> None:
        for p in ends[k]:
            at[p][s] = k
        in_slot[meetings[k].online][s].add(k)
        cur[k] = s

    best_key, best = key(), list(cur)
    placed_at = [-10] * len(cur)
    step = 0
    while waiting and time.perf_counter() < t_end:
        step += 1
        k = waiting.pop(rng.randrange(len(waiting)))
        ps = ends[k]
        online = meetings[k].online
        choice = None
        for s in allowed[k]:
            if not prec_ok(k, s):
                continue
            out = {at[p][s] for p in ps if s in at[p]}
            row = in_slot[online][s]
            if len(row) - len(out & row) >= cap[online][s]:
                others = [j for j in row if j not in out and not fixed(j)]
                if not others:
                    continue
                out.add(rng.choice(others))
            if any(fixed(j) or step - placed_at[j] <= TABU for j in out):
                continue
            near = sum(1 for p in ps for t in (s - 1, s + 1) if t in at[p])
            c = (len(out), -near, rng.random())
            if choice is None or c < choice[0]:
                choice = (c, s, out)
        if choice is None:
            continue  # nowhere at the moment: stays out of the walk
        _, s, out = choice
        for j in out:
            remove(j)
            waiting.append(j)
        put(k, s)
        placed_at[k] = step
        if not out or not waiting:
            now = key()
            if now > best_key:
                best_key, best = now, list(cur)
    return best
