"""Seeded generator of large, realistic forums for the scheduling benchmark.

Two days, two sessions a day. Participants' meeting counts are skewed (a few busy
primes and many delegates with a handful of requests, as in real brokerage events),
requests follow the participants' popularity, about a third are restricted to a day or
a session, one participant in ten arrives late or leaves early (forbidden slots), and
tables are sized so that the forum fills about three quarters of the table-slots.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace

from matchforum.scheduling import Meeting, Participant, Problem, ProblemError, Session


def generate_forum(
    n_participants: int,
    n_meetings: int,
    seed: int = 0,
    slots_per_session: int = 8,
    fill: float = 0.75,
) -> Problem:
    rng = random.Random(seed)
    sessions = []
    s = 1
    for day in (1, 2):
        for half in ("am", "pm"):
            sessions.append(Session(f"d{day}{half}", s, s + slots_per_session - 1, day))
            s += slots_per_session
    n_slots = s - 1
    max_deg = int(n_slots * 0.7)
    # popularity weights: lognormal, so degrees are skewed
    pop = [rng.lognormvariate(0, 0.6) for _ in range(n_participants)]
    total = sum(pop)
    cum = []
    acc = 0.0
    for w in pop:
        acc += w / total
        cum.append(acc)

    def pick() -> int:
        r = rng.random()
        lo, hi = 0, n_participants - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cum[mid] < r:
                lo = mid + 1
            else:
                hi = mid
        return lo

    deg = [0] * n_participants
    pairs: set[tuple[int, int]] = set()
    attempts = 0
    while len(pairs) < n_meetings and attempts < n_meetings * 50:
        attempts += 1
        a, b = pick(), pick()
        if a == b or deg[a] >= max_deg or deg[b] >= max_deg:
            continue
        key = (min(a, b), max(a, b))
        if key in pairs:
            continue
        pairs.add(key)
        deg[a] += 1
        deg[b] += 1
    participants = []
    for i in range(n_participants):
        forbidden: frozenset[int] = frozenset()
        if rng.random() < 0.1 and deg[i] <= n_slots - 2 * slots_per_session:
            if rng.random() < 0.5:  # arrives late on day 1
                forbidden = frozenset(range(1, 1 + slots_per_session // 2))
            else:  # leaves early on day 2
                forbidden = frozenset(range(n_slots - slots_per_session // 2 + 1, n_slots + 1))
        participants.append(Participant(str(i + 1), forbidden=forbidden))
    meetings = []
    for k, (a, b) in enumerate(sorted(pairs)):
        r = rng.random()
        sess: tuple[str, ...] | None = None
        if r < 0.2:
            d = rng.choice((1, 2))
            sess = (f"d{d}am", f"d{d}pm")
        elif r < 0.3:
            sess = (rng.choice(sessions).name,)
        meetings.append(Meeting(str(a + 1), str(b + 1), sessions=sess, id=str(k + 1)))
    # a restricted meeting must still fit both participants: relax restrictions that
    # would overload a participant's sessions
    load: dict[tuple[int, str], int] = {}
    for idx, m in enumerate(meetings):
        if m.sessions is None:
            continue
        for p in (int(m.a) - 1, int(m.b) - 1):
            for name in m.sessions:
                load[p, name] = load.get(p, 0) + 1
                if load[p, name] > slots_per_session // 2:
                    meetings[idx] = Meeting(m.a, m.b, id=m.id)
    tables = math.ceil(len(meetings) / (n_slots * fill))
    return Problem(
        participants,
        meetings,
        sessions,
        [tables] * n_slots,
        fairness=None,
        name=f"gen-{n_participants}-{len(meetings)}-s{seed}",
    )


def with_precedences(problem: Problem, count: int, seed: int) -> Problem:
    """The instance with ``count`` random precedences, each between two meetings of one
    participant (a delegate who must meet one partner before another), kept acyclic and
    possible on their face (see ``Problem.check``)."""
    rng = random.Random(seed)
    by: dict[str, list[int]] = {}
    for k, m in enumerate(problem.meetings):
        by.setdefault(m.a, []).append(k)
        by.setdefault(m.b, []).append(k)
    busy = sorted(p for p, ks in by.items() if len(ks) >= 2)
    after: dict[int, set[int]] = {}

    def reaches(x: int, y: int) -> bool:
        seen, todo = set(), [x]
        while todo:
            z = todo.pop()
            if z == y:
                return True
            if z not in seen:
                seen.add(z)
                todo.extend(after.get(z, ()))
        return False

    chosen: list[tuple[int, int]] = []
    while len(chosen) < count:
        i, j = rng.sample(by[rng.choice(busy)], 2)
        if reaches(j, i) or (i, j) in chosen:
            continue
        try:  # one that leaves a meeting no slot is refused by the check, not solved
            replace(problem, precedences=sorted([*chosen, (i, j)])).check()
        except ProblemError:
            continue
        after.setdefault(i, set()).add(j)
        chosen.append((i, j))
    return replace(problem, precedences=sorted(chosen))
