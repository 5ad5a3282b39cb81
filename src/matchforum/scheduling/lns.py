"""Improving a large forum's schedule: annealing, then exact steps aimed at the gaps left.

Above the exact size (:data:`.solver.EXACT_MEETINGS`) the run improves a valid
incumbent in phases:

1. Simulated annealing (:mod:`.localsearch`) over single-meeting moves and exchanges of
   two meetings' slots, for at most :data:`ANNEAL_SHARE` of the time. It keeps every
   hard rule on every move and is what closes most idle gaps: thousands of moves a
   second against a few exact steps. With two workers a second chain, differently
   seeded, anneals in a process of its own on the other core; the better of the two goes
   on. Both stop at the lower bound, or once the walk has cooled and its best has not
   improved for :data:`STALL_SHARE` of the time.
2. The end game (:func:`_endgame`): exact CP-SAT steps aimed at the participants still
   with a gap. A step takes one participant and a day where it has a gap and frees its
   *star* (:func:`star`: its meetings that day, and those of its partners and of their
   partners) plus *donors* (:func:`donors`): meetings that day of the participants with
   the fewest meetings that day, a few per slot. The tables of a real forum are nearly
   all taken, so a gap closes only when some other meeting leaves its slot; a donor can
   go elsewhere without a gap of its own. :data:`LEVELS` gives the sizes tried on each
   gap in turn; when all have failed the round starts again with other donors.
3. Large-neighbourhood search over windows, if time is left and the end game stopped:
   each step frees the meetings placed in a window of consecutive slots of one day (at
   most :data:`MAX_FREED` of them, those of participants with idle gaps first) and
   re-optimises it exactly. The window widens after a step solved to optimality quickly
   and narrows after a step that ran out of time.

Every exact step solves a sub-problem holding only the participants of the freed
meetings, their other meetings pinned where they are, and per slot the tables and online
rooms the rest of the forum leaves. A new schedule is accepted only if it passes the
validator on the whole problem (fairness included) and is strictly better (fewer idle
gaps, or an incumbent outside the fairness limit brought within it); so the incumbent
never gets worse. The run stops when the idle gaps reach the lower bound: the schedule
is then proven optimal.
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from .breaks import breaks_per_participant
from .errors import SchedulingError
from .localsearch import anneal
from .model import Problem, Schedule
from .progress import Progress

#: Share of the time the annealing phase takes; the exact steps get the rest.
ANNEAL_SHARE = 0.6
#: Most meetings one step frees.
MAX_FREED = 40
#: Longest a single step may run (seconds).
STEP_SECONDS = 2.0
#: The annealing hands over to the end game when its best has not improved for this
#: share of the time limit (within STALL_MIN..STALL_MAX seconds).
STALL_SHARE = 0.1
STALL_MIN = 2.0
STALL_MAX = 20.0
#: Most meetings one end-game step frees: its star and its donors.
STAR_FREED = 400
#: End-game levels tried on a participant's day, in turn: (rings of partners in the
#: star, donors per slot); a level's step may run STEP_SECONDS times its number.
LEVELS = ((2, 8), (2, 16), (3, 30))


def improve_lns(
    problem: Problem,
    incumbent: Schedule,
    fairness: int | None,
    time_limit: float,
    *,
    workers: int = 2,
    seed: int = 0,
    callback: Callable[[Progress], bool | None] | None = None,
    t0: float | None = None,
) -> Schedule:
    """The best schedule found from ``incumbent`` within ``time_limit`` (never worse)."""
    from .solver import _cp_breaks, _finish
    from .validate import validate

    start = time.perf_counter()
    t0 = start if t0 is None else t0
    end = start + time_limit
    rng = random.Random(seed)
    slots = list(incumbent.slots)
    best_breaks = sum(breaks_per_participant(problem, slots))
    width = 3
    info = {"steps": 0, "improvements": 0, "start_breaks": best_breaks}
    cancelled = False
    valid = validate(problem, incumbent, fairness=fairness).ok

    def report(total: int) -> bool:
        nonlocal cancelled
        if callback is None or (valid and total >= best_breaks):
            return False
        elapsed = time.perf_counter() - t0
        cancelled = bool(callback(Progress(total, int(incumbent.bound), elapsed, "lns")))
        return cancelled

    # the bound is for schedules placing the same meetings, which every step keeps
    target = int(incumbent.bound)
    stall = min(STALL_MAX, max(STALL_MIN, STALL_SHARE * time_limit))
    annealed = _anneal_on_each_core(
        problem,
        slots,
        fairness,
        time_limit * ANNEAL_SHARE,
        seed,
        report,
        workers,
        info,
        target=target,
        stall=stall,
    )
    total = sum(breaks_per_participant(problem, annealed))
    if annealed != slots and (total < best_breaks or not valid):
        cand = _try(problem, annealed, fairness, t0, _finish, validate)
        if cand is not None and (total < best_breaks or not valid):
            slots, best_breaks, valid = annealed, total, True
            info["improvements"] += 1
    info["annealed_breaks"] = best_breaks
    info["anneal_seconds"] = round(time.perf_counter() - start, 2)
    if not valid or cancelled:
        end = start  # the exact steps only improve a valid incumbent
    elif best_breaks > target:
        slots, best_breaks, cancelled = _endgame(
            problem,
            slots,
            best_breaks,
            fairness,
            end,
            rng,
            workers,
            seed,
            t0,
            info,
            callback,
            target,
        )
        if cancelled:
            end = start
    days = sorted({s.day for s in problem.sessions})
    day_slots = {d: sorted(s for s in problem.slots if problem.day_of_slot[s] == d) for d in days}
    while time.perf_counter() < end - 0.3:
        info["steps"] += 1
        if best_breaks <= target:
            break  # nothing left to gain
        per = breaks_per_participant(problem, slots)
        day = rng.choice(days)
        ds = day_slots[day]
        w = min(width, len(ds))
        first = rng.randrange(0, len(ds) - w + 1)
        window = set(ds[first : first + w])
        freed = [
            k
            for k, s in enumerate(slots)
            if s in window and problem.meetings[k].pinned_slot is None
        ]
        if not freed:
            continue
        ends = problem.meeting_participants
        gappy = [k for k in freed if any(per[p] for p in ends[k])]
        if not gappy:
            continue
        rest = [k for k in freed if k not in set(gappy)]
        rng.shuffle(gappy)
        rng.shuffle(rest)
        freed = (gappy + rest)[:MAX_FREED]
        sub, index = _subproblem(problem, slots, freed)
        budget = min(STEP_SECONDS, end - time.perf_counter())
        if budget < 0.2:
            break
        step_t = time.perf_counter()
        hint = [slots[k] for k in index]
        sub_slots, _status, optimal, _bound, _st = _cp_breaks(
            sub, None, budget, workers, seed + info["steps"], None, hint
        )
        took = time.perf_counter() - step_t
        if optimal and took < budget / 2:
            width = min(width + 1, max(len(v) for v in day_slots.values()))
        elif not optimal:
            width = max(1, width - 1)
        if sub_slots is None:
            continue
        trial = list(slots)
        for i, k in enumerate(index):
            trial[k] = sub_slots[i]
        total = sum(breaks_per_participant(problem, trial))
        if total >= best_breaks:
            continue
        if _try(problem, trial, fairness, t0, _finish, validate) is None:
            continue
        slots, best_breaks = trial, total
        info["improvements"] += 1
        if callback is not None and callback(
            Progress(best_breaks, int(incumbent.bound), time.perf_counter() - t0, "lns")
        ):
            cancelled = True
            break
    info["end_breaks"] = best_breaks
    if info["improvements"] == 0:
        out = incumbent
    else:
        out = _finish(problem, slots, fairness, "FEASIBLE", False, incumbent.bound, {}, t0)
        if out.n_scheduled == len(problem.meetings) and out.breaks <= out.bound:
            # the bound is for all meetings, so nothing can have fewer gaps
            out.proven_optimal, out.status = True, "OPTIMAL"
    out.stats = dict(out.stats, lns=info, cancelled=cancelled)
    return out


def _day_gaps(problem: Problem, slots: Sequence[int | None], p: int) -> dict[int, int]:
    """Idle gaps of participant ``p`` per day (days without a gap left out)."""
    busy: dict[int, list[int]] = {}
    for k in problem.meetings_of[p]:
        s = slots[k]
        if s is not None:
            busy.setdefault(problem.day_of_slot[s], []).append(s)
    out = {}
    for d, ss in busy.items():
        g = max(ss) - min(ss) + 1 - len(ss)
        if g:
            out[d] = g
    return out


def star(
    problem: Problem, slots: Sequence[int | None], p: int, day: int, rings: int, cap: int
) -> list[int]:
    """The meetings an end-game step frees for participant ``p``'s gaps on ``day``: its
    meetings of that day and, ring by ring, the meetings that day of the partners met in
    the ring before (pinned meetings stay), at most ``cap`` of them."""
    ends = problem.meeting_participants
    of = problem.meetings_of
    day_of = problem.day_of_slot

    def on_day(q: int) -> list[int]:
        return [
            k
            for k in of[q]
            if slots[k] is not None
            and day_of[slots[k]] == day  # type: ignore[index]
            and problem.meetings[k].pinned_slot is None
        ]

    freed: list[int] = []
    seen_k: set[int] = set()
    seen_p = {p}
    ring = [p]
    for _ in range(rings + 1):
        nxt: list[int] = []
        for q in ring:
            for k in on_day(q):
                if k in seen_k:
                    continue
                if len(freed) >= cap:
                    return freed
                seen_k.add(k)
                freed.append(k)
                for r in ends[k]:
                    if r not in seen_p:
                        seen_p.add(r)
                        nxt.append(r)
        ring = nxt
    return freed


def donors(
    problem: Problem,
    slots: Sequence[int | None],
    day: int,
    per_slot: int,
    taken: set[int],
    rng: random.Random,
) -> list[int]:
    """Meetings of other participants on ``day`` that may give up their table: up to
    ``per_slot`` a slot, of the participants with the fewest meetings that day first
    (whose day stays without a gap wherever the meeting goes). With every table taken,
    a gap closes only if some such meeting moves out of the way."""
    day_of = problem.day_of_slot
    ends = problem.meeting_participants
    count: dict[int, int] = {}
    by_slot: dict[int, list[int]] = {}
    for k, s in enumerate(slots):
        if s is None or day_of[s] != day:
            continue
        for p in ends[k]:
            count[p] = count.get(p, 0) + 1
        if k not in taken and problem.meetings[k].pinned_slot is None:
            by_slot.setdefault(s, []).append(k)
    out: list[int] = []
    for s in sorted(by_slot):
        row = sorted(by_slot[s], key=lambda k: (max(count[p] for p in ends[k]), rng.random()))
        out.extend(row[:per_slot])
    return out


def _endgame(  # type: ignore[no-untyped-def]
    problem: Problem,
    slots: list[int | None],
    best_breaks: int,
    fairness: int | None,
    end: float,
    rng: random.Random,
    workers: int,
    seed: int,
    t0: float,
    info: dict,
    callback,
    target: int,
) -> tuple[list[int | None], int, bool]:
    """Exact steps aimed at the participants still with a gap (see the module docstring):
    the slots, their idle gaps and whether the callback cancelled the run."""
    from .solver import _cp_breaks, _finish
    from .validate import validate

    tried: dict[tuple[int, int], int] = {}  # (participant, day) -> rings tried in vain
    steps = gains = rounds = 0
    while time.perf_counter() < end - 0.3 and best_breaks > target:
        per = breaks_per_participant(problem, slots)
        todo = []
        for p, g in enumerate(per):
            if g:
                for d in _day_gaps(problem, slots, p):
                    todo.append((tried.get((p, d), 0), rng.random(), p, d))
        if not todo:
            break
        level, _, p, day = min(todo)
        if level >= len(LEVELS):
            # every gap's largest neighbourhood re-optimised in vain: again, with other
            # donors (drawn at random among the equally free)
            tried = {}
            rounds += 1
            continue
        rings, per_slot = LEVELS[level]
        freed = star(problem, slots, p, day, rings, STAR_FREED)
        tried[(p, day)] = level + 1
        if not freed:
            continue
        taken = set(freed)
        for k in donors(problem, slots, day, per_slot, taken, rng):
            if len(freed) >= STAR_FREED:
                break
            freed.append(k)
        budget = min(STEP_SECONDS * (1 + level), end - time.perf_counter())
        if budget < 0.2:
            break
        steps += 1
        sub, index = _subproblem(problem, slots, freed, day)
        hint = [slots[k] for k in index]
        now = sum(breaks_per_participant(sub, hint))
        sub_slots, _status, _optimal, _bound, _st = _cp_breaks(
            sub, None, budget, workers, seed + steps, None, hint, below=now
        )
        if sub_slots is None:
            continue
        trial = list(slots)
        for i, k in enumerate(index):
            trial[k] = sub_slots[i]
        total = sum(breaks_per_participant(problem, trial))
        if total >= best_breaks:
            continue
        if _try(problem, trial, fairness, t0, _finish, validate) is None:
            continue
        slots, best_breaks = trial, total
        gains += 1
        tried = {}  # the schedule changed: every gap is worth a look again
        info["improvements"] += 1
        if callback is not None and callback(
            Progress(best_breaks, target, time.perf_counter() - t0, "lns")
        ):
            info["endgame_steps"], info["endgame_gains"] = steps, gains
            return slots, best_breaks, True
    info["endgame_steps"], info["endgame_gains"] = steps, gains
    info["endgame_rounds"], info["endgame_breaks"] = rounds, best_breaks
    return slots, best_breaks, False


#: Shortest annealing worth a second process (its start-up takes about a second).
PARALLEL_FROM_SECONDS = 8.0


def _anneal_child(problem, slots, fairness, seconds, seed, out, target, stall, stop) -> None:  # type: ignore[no-untyped-def]
    out.put(
        anneal(problem, slots, fairness, seconds, seed=seed, target=target, stall=stall, stop=stop)
    )


def _anneal_on_each_core(
    problem: Problem,
    slots: list[int | None],
    fairness: int | None,
    seconds: float,
    seed: int,
    report: Callable[[int], bool],
    workers: int,
    info: dict[str, int],
    *,
    target: int | None = None,
    stall: float | None = None,
) -> list[int | None]:
    """Anneal here and, with two workers and time enough, in a second process with another
    seed; the better result (within fairness first, then fewer idle gaps). Both chains
    stop when either reaches ``target``; the second stops when this one stops (at its
    time, on a ``stall``, or cancelled)."""
    one = {"seed": seed, "report": report, "target": target, "stall": stall}
    if workers < 2 or seconds < PARALLEL_FROM_SECONDS:
        return anneal(problem, slots, fairness, seconds, **one)  # type: ignore[arg-type]
    ctx = multiprocessing.get_context("spawn")  # no forked copy of a web worker's state
    out = ctx.Queue()
    stop = ctx.Event()
    try:
        child = ctx.Process(
            target=_anneal_child,
            args=(problem, slots, fairness, seconds - 1.0, seed + 7919, out, target, None, stop),
            daemon=True,
        )
        child.start()
    except (AssertionError, OSError):  # e.g. inside a daemonic process: one chain only
        return anneal(problem, slots, fairness, seconds, **one)  # type: ignore[arg-type]
    stopped = []

    def report_here(total: int) -> bool:
        stop = bool(report(total))
        if stop:
            stopped.append(True)
        return stop

    mine = anneal(
        problem,
        slots,
        fairness,
        seconds,
        seed=seed,
        report=report_here,
        target=target,
        stall=stall,
        stop=stop,
    )
    stop.set()  # the other chain hands over its best at once
    theirs: list[int | None] | None = None
    try:
        if not stopped:  # a cancelled run does not wait for the other chain
            theirs = out.get(timeout=5.0)
    except queue.Empty:
        pass
    finally:
        child.join(timeout=1.0)
        if child.is_alive():
            child.terminate()
    if theirs is None or len(theirs) != len(mine):
        return mine
    best = min((mine, theirs), key=lambda cand: _rank(problem, cand, fairness))
    info["second_chain_won"] = int(best is theirs)
    return best


def _rank(problem: Problem, slots: Sequence[int | None], fairness: int | None) -> tuple[int, int]:
    per = breaks_per_participant(problem, slots)
    spread = max(per, default=0) - min(per, default=0)
    return (max(0, spread - fairness) if fairness is not None else 0, sum(per))


def _try(problem, slots, fairness, t0, finish, validate) -> Schedule | None:  # type: ignore[no-untyped-def]
    """The schedule of ``slots`` if it passes the validator on the whole problem."""
    try:
        cand = finish(problem, slots, fairness, "FEASIBLE", False, 0, {}, t0)
    except SchedulingError:  # pinned tables the new slots cannot honour
        return None
    return cand if validate(problem, cand, fairness=fairness).ok else None


def _subproblem(
    problem: Problem, slots: list[int | None], freed: list[int], day: int | None = None
) -> tuple[Problem, list[int]]:
    """The freed meetings, the other placed meetings of their participants pinned, and
    the capacity the rest of the forum leaves; with the meeting index of each.

    With ``day`` (the freed meetings all placed on that day) and no precedences, the
    freed meetings stay on that day and the other days are left out: idle gaps are
    counted day by day, so the rest of the forum's gaps do not change."""
    ends = problem.meeting_participants
    people = {p for k in freed for p in ends[k]}
    freed_set = set(freed)
    if problem.precedences:
        day = None
    day_of = problem.day_of_slot
    pinned = [
        k
        for k, s in enumerate(slots)
        if s is not None
        and k not in freed_set
        and not people.isdisjoint(ends[k])
        and (day is None or day_of[s] == day)
    ]
    index = freed + pinned
    inside = set(index)
    tables = list(problem.tables)
    online = list(problem.online_capacity)
    for k, s in enumerate(slots):
        if s is None or k in inside:
            continue
        if problem.meetings[k].online:
            online[s - 1] -= 1
        else:
            tables[s - 1] -= 1
    names = {x.name for x in problem.sessions if x.day == day}
    meetings = []
    for k in index:
        m = replace(problem.meetings[k], pinned_table=None)
        if k not in freed_set:
            m = replace(m, pinned_slot=slots[k])
        elif day is not None:
            m = replace(m, sessions=tuple(sorted(names.intersection(m.sessions or names))))
        meetings.append(m)
    pos = {k: i for i, k in enumerate(index)}
    prec = [(pos[i], pos[j]) for i, j in problem.precedences if i in pos and j in pos]
    pids = {problem.participants[p].id for p in people} | {
        x for k in pinned for x in problem.meetings[k].participants
    }
    sub = replace(
        problem,
        participants=[p for p in problem.participants if p.id in pids],
        meetings=meetings,
        tables=tables,
        online_capacity=online,
        precedences=prec,
        allow_unscheduled=False,
        fairness=None,
    )
    return sub, index
