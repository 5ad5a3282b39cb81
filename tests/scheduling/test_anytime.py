"""The one solving policy is anytime: a valid schedule at any limit, never worse than the
heuristic's; the large-neighbourhood search never worsens its incumbent."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from bench.schedule_gen import with_precedences

from matchforum.scheduling import Meeting, Participant, Problem, Session, read_dzn, solve, validate
from matchforum.scheduling.heuristic import greedy_schedule
from matchforum.scheduling.lns import improve_lns
from matchforum.scheduling.solver import _finish, quality

BENCH = Path("/work/shared/benchmarks/b2b/instances")


def test_lns_anneals_on_both_cores_and_keeps_the_better_chain(monkeypatch):
    from matchforum.scheduling import lns

    monkeypatch.setattr(lns, "PARALLEL_FROM_SECONDS", 1.0)
    problem = _random_forum(3, n=60, slots=10, meetings=160)
    quick = solve(problem, fairness=None, time_limit=1.0, method="heuristic")
    out = improve_lns(problem, quick, None, 4.0, workers=2, seed=3)
    assert validate(problem, out).ok
    assert quality(problem, out, None) >= quality(problem, quick, None)
    # the second chain ran in its own process and its result was compared
    assert out.stats["lns"].get("second_chain_won") in (0, 1)


@pytest.mark.skipif(not BENCH.is_dir(), reason="benchmark directory absent")
def test_one_second_on_a_hard_instance_still_gives_a_valid_schedule():
    problem = read_dzn(BENCH / "forum-13crafb.dzn")
    sched = solve(problem, fairness=2, time_limit=1.0, workers=2)
    rep = validate(problem, sched, fairness=2)
    assert rep.ok, rep.errors
    assert sched.n_scheduled == len(problem.meetings)
    quick = solve(problem, fairness=2, time_limit=1.0, method="heuristic")
    assert quality(problem, sched, 2) >= quality(problem, quick, 2)


def _random_forum(seed: int, n: int = 40, slots: int = 8, meetings: int = 90) -> Problem:
    rng = random.Random(seed)
    parts = [Participant(str(i)) for i in range(n)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < meetings:
        a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    return Problem(
        participants=parts,
        meetings=[Meeting(str(a), str(b)) for a, b in sorted(pairs)],
        sessions=[Session("am", 1, slots // 2, 1), Session("pm", slots // 2 + 1, slots, 1)],
        tables=8,
        allow_unscheduled=True,
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_auto_is_never_worse_than_the_heuristic(seed):
    problem = _random_forum(seed)
    quick = solve(problem, fairness=None, time_limit=1.0, method="heuristic")
    sched = solve(problem, fairness=None, time_limit=2.0, workers=1)
    assert validate(problem, sched).ok
    assert quality(problem, sched, None) >= quality(problem, quick, None)


@pytest.mark.parametrize("seed", [1, 2])
def test_lns_never_worsens_the_incumbent(seed):
    problem = _random_forum(seed, n=60, slots=10, meetings=160)
    quick = solve(problem, fairness=None, time_limit=1.0, method="heuristic")
    assert validate(problem, quick).ok
    seen = []
    out = improve_lns(
        problem, quick, None, 3.0, workers=1, seed=seed, callback=lambda p: seen.append(p.best)
    )
    assert validate(problem, out).ok
    assert quality(problem, out, None) >= quality(problem, quick, None)
    assert out.n_scheduled == quick.n_scheduled
    assert seen == sorted(seen, reverse=True)
    assert all(b < quick.breaks for b in seen)
    lns = out.stats["lns"]
    assert lns["steps"] + lns.get("endgame_steps", 0) > 0, lns  # exact steps ran


@pytest.mark.skipif(not BENCH.is_dir(), reason="benchmark directory absent")
@pytest.mark.parametrize("name", ["tic-13crafc", "forum-14"])
def test_one_second_still_gives_a_valid_schedule_where_the_greedy_alone_fails(name):
    # the greedy leaves meetings out (tic-13crafc) or misses fairness 2 (forum-14), and
    # the exact search needs several seconds on both
    problem = read_dzn(BENCH / f"{name}.dzn")
    slots = greedy_schedule(problem)
    greedy = _finish(problem, slots, 2, "FEASIBLE", False, 0, {}, 0.0)
    assert not validate(problem, greedy, fairness=2).ok
    sched = solve(problem, fairness=2, time_limit=1.0, workers=2)
    rep = validate(problem, sched, fairness=2)
    assert rep.ok, rep.errors
    assert sched.n_scheduled == len(problem.meetings)


def test_lns_that_reaches_the_bound_says_the_schedule_is_optimal():
    # a chain 0-1-2-...: meeting i in slot 1 + 3i mod 6 gives every inner participant a
    # gap; alternating slots 1 and 2 gives none, which the per-participant bound proves
    n = 30
    problem = Problem(
        participants=[Participant(str(i)) for i in range(n)],
        meetings=[Meeting(str(i), str(i + 1)) for i in range(n - 1)],
        sessions=[Session("day", 1, 6, 1)],
        tables=n,
    )
    slots = [1 + (3 * i) % 6 for i in range(n - 1)]
    start = _finish(problem, slots, None, "FEASIBLE", False, 0, {}, 0.0)
    assert start.breaks > 0 and validate(problem, start).ok
    out = improve_lns(problem, start, None, 2.0, workers=1, seed=1)
    assert validate(problem, out).ok
    assert out.breaks == 0
    assert out.proven_optimal and out.status == "OPTIMAL"


@pytest.mark.skipif(not BENCH.is_dir(), reason="benchmark directory absent")
@pytest.mark.parametrize("method", ["auto", "heuristic"])
def test_precedences_hold_in_the_schedule_of_a_short_run(method):
    # the constructive heuristic used to ignore precedences: when the exact search found
    # nothing in time, the run returned a schedule that broke them
    # (the benchmark's precedences; with seed 1 this forum is proven infeasible at d = 2)
    problem = with_precedences(read_dzn(BENCH / "ticf-14crafa.dzn"), 10, seed=2)
    sched = solve(problem, fairness=2, time_limit=2.0, workers=2, method=method)
    rep = validate(problem, sched, fairness=2)
    assert rep.ok, rep.errors
    assert sched.n_scheduled == len(problem.meetings)
    assert all(sched.slots[i] < sched.slots[j] for i, j in problem.precedences)
