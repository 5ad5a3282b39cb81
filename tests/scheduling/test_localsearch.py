"""The annealing phase of a large forum's run: every move keeps the hard rules, the
result is never worse than its start, and a fairness limit is honoured."""

from __future__ import annotations

import random

import pytest

from matchforum.scheduling import Meeting, Participant, Problem, Session, validate
from matchforum.scheduling.breaks import breaks_per_participant
from matchforum.scheduling.heuristic import greedy_schedule
from matchforum.scheduling.lns import improve_lns
from matchforum.scheduling.localsearch import anneal, complete
from matchforum.scheduling.solver import _finish


def _forum(seed: int, *, precedences: int = 0, online: bool = False) -> Problem:
    """Two days of two sessions, tight tables, some forbidden slots and session wishes."""
    rng = random.Random(seed)
    n, slots = 70, 12
    parts = [
        Participant(str(i), forbidden=frozenset(rng.sample(range(1, slots + 1), 2)))
        if i % 7 == 0
        else Participant(str(i))
        for i in range(n)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < 200:
        a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    wishes = [None, None, ("am1", "am2"), ("pm1", "pm2")]
    meetings = [
        Meeting(str(a), str(b), sessions=rng.choice(wishes), online=online and rng.random() < 0.1)
        for a, b in sorted(pairs)
    ]
    problem = Problem(
        participants=parts,
        meetings=meetings,
        sessions=[
            Session("am1", 1, 3, 1),
            Session("pm1", 4, 6, 1),
            Session("am2", 7, 9, 2),
            Session("pm2", 10, 12, 2),
        ],
        tables=19,
        online_capacity=3 if online else 0,
        allow_unscheduled=True,
    )
    slots = greedy_schedule(problem)
    placed = [k for k, s in enumerate(slots) if s is not None]
    for _ in range(precedences):
        i, j = sorted(rng.sample(placed, 2), key=lambda k: slots[k])
        if slots[i] < slots[j]:
            problem.precedences.append((i, j))
    return problem


def _schedule(problem: Problem, slots, fairness=None):
    return _finish(problem, list(slots), fairness, "FEASIBLE", False, 0, {}, 0.0)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_annealing_keeps_every_rule_and_never_adds_gaps(seed):
    problem = _forum(seed, precedences=15, online=True)
    start = greedy_schedule(problem)
    assert validate(problem, _schedule(problem, start)).ok
    out = anneal(problem, start, None, 1.5, seed=seed)
    sched = _schedule(problem, out)
    report = validate(problem, sched)
    assert report.ok, report.errors
    assert [s is None for s in out] == [s is None for s in start]
    assert sched.breaks < sum(breaks_per_participant(problem, start))
    for k, s in enumerate(out):
        if s is not None:
            assert s in problem.allowed_slots[k]


def test_reports_fall_and_a_true_answer_stops_the_walk():
    problem = _forum(4)
    start = greedy_schedule(problem)
    seen: list[int] = []
    out = anneal(
        problem,
        start,
        None,
        5.0,
        report=lambda b: seen.append(b) or len(seen) >= 2,
        report_every=0.05,
    )
    assert len(seen) == 2
    assert seen[0] > seen[1]
    assert sum(breaks_per_participant(problem, out)) == seen[-1]


@pytest.mark.parametrize("fairness", [1, 2])
def test_a_fairness_limit_is_reached_from_an_unfair_start_and_kept(fairness):
    problem = _forum(5)
    start = greedy_schedule(problem)
    per = breaks_per_participant(problem, start)
    assert max(per) - min(per) > fairness
    out = anneal(problem, start, fairness, 3.0, seed=fairness)
    per = breaks_per_participant(problem, out)
    assert max(per) - min(per) <= fairness
    assert validate(problem, _schedule(problem, out, fairness), fairness=fairness).ok


def test_the_large_forum_policy_honours_fairness_the_heuristic_misses():
    problem = _forum(6)
    quick = _schedule(problem, greedy_schedule(problem), 1)
    assert not validate(problem, quick, fairness=1).ok
    out = improve_lns(problem, quick, 1, 2.0, workers=1, seed=1)
    assert validate(problem, out, fairness=1).ok
    assert out.n_scheduled == quick.n_scheduled


def test_an_unreached_fairness_limit_never_gets_further_away():
    problem = _forum(5)
    start = greedy_schedule(problem)
    per = breaks_per_participant(problem, start)
    out = anneal(problem, start, 0, 1.0, seed=3)
    after = breaks_per_participant(problem, out)
    assert max(after) - min(after) <= max(per) - min(per)
    assert sum(after) < sum(per)


def test_completion_places_what_the_greedy_left_out_and_keeps_every_rule():
    done = 0
    for seed in range(6):
        rng = random.Random(seed)
        n = 16
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < 44:
            a, b = rng.sample(range(n), 2)
            pairs.add((min(a, b), max(a, b)))
        problem = Problem(
            participants=[Participant(str(i)) for i in range(n)],
            meetings=[Meeting(str(a), str(b)) for a, b in sorted(pairs)],
            sessions=[Session("am", 1, 3, 1), Session("pm", 4, 6, 1)],
            tables=8,
            allow_unscheduled=True,
        )
        start = greedy_schedule(problem)
        missing = sum(s is None for s in start)
        if not missing:
            continue
        done += 1
        out = complete(problem, start, 2.0, seed=seed)
        assert sum(s is None for s in out) < missing
        assert validate(problem, _schedule(problem, out)).ok
    assert done >= 2
