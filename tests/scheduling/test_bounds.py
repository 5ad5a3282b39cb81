"""The lower bound on idle gaps: never above a brute-forced optimum, and positive where a
participant's own meetings force a gap."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchforum.scheduling import Meeting, Participant, Problem, Session, read_dzn, solve
from matchforum.scheduling.bounds import group_bound, lower_bound, participant_gaps, pick_groups
from matchforum.scheduling.heuristic import simple_lower_bound

from .helpers import brute_force_min_breaks, small_problems, tiny

BENCH = Path("/work/shared/benchmarks/b2b/instances")


def _random_forum(seed: int) -> Problem:
    """Four participants, six slots over two days, forbidden slots and session wishes:
    small enough to try every assignment, constrained enough to force gaps."""
    rng = random.Random(seed)
    sessions = [
        Session("am1", 1, 2, 1),
        Session("pm1", 3, 4, 1),
        Session("am2", 5, 5, 2),
        Session("pm2", 6, 6, 2),
    ]
    parts = [
        Participant(str(i), forbidden=frozenset(rng.sample(range(1, 7), rng.randint(0, 3))))
        for i in range(4)
    ]
    meetings = []
    for _ in range(6):
        a, b = rng.sample(range(4), 2)
        wish = rng.choice([None, None, ("am1", "am2"), ("pm1", "pm2"), ("am1", "pm1")])
        meetings.append(Meeting(str(a), str(b), sessions=wish))
    return Problem(parts, meetings, sessions, tables=2)


def _check(problem: Problem) -> tuple[int, int] | None:
    try:
        problem.check()
    except Exception:  # impossible on its face: nothing to bound
        return None
    best = brute_force_min_breaks(problem, None)
    if best is None:
        return None
    return lower_bound(problem), best


def test_the_bound_never_exceeds_the_brute_forced_optimum_on_random_forums():
    compared = positive = 0
    for seed in range(40):
        got = _check(_random_forum(seed))
        if got is None:
            continue
        bound, best = got
        compared += 1
        positive += bound > 0
        assert bound <= best, seed
    assert compared >= 10
    assert positive >= 1  # the comparison is not only 0 <= optimum


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_the_bound_never_exceeds_the_optimum_with_pins_and_online_meetings(problem):
    problem.fairness = None
    got = _check(problem)
    if got is not None:
        assert got[0] <= got[1]


def test_a_participant_whose_partners_leave_no_gap_free_day_has_a_gap():
    # 1 meets 2 (slot 1 only), 3 (slot 1 or 4) and 4 (slot 2 or 3): its slots can be
    # 1..4 in one run, but no assignment is gap-free
    problem = Problem(
        [
            Participant("1"),
            Participant("2", forbidden=frozenset({2, 3, 4})),
            Participant("3", forbidden=frozenset({2, 3})),
            Participant("4", forbidden=frozenset({1, 4})),
        ],
        [Meeting("1", "2"), Meeting("1", "3"), Meeting("1", "4")],
        [Session("day", 1, 4, 1)],
        tables=1,
    )
    assert simple_lower_bound(problem) == 0
    assert lower_bound(problem) == 1
    sched = solve(problem, time_limit=2.0)
    assert sched.breaks == 1
    assert sched.bound == 1


def test_only_the_placed_meetings_count_when_some_are_left_out():
    problem = Problem(
        [
            Participant("1"),
            Participant("2", forbidden=frozenset({2, 3, 4})),
            Participant("3", forbidden=frozenset({1, 2, 4})),
        ],
        [Meeting("1", "2"), Meeting("1", "3")],
        [Session("day", 1, 4, 1)],
        tables=1,
        allow_unscheduled=True,
    )
    assert lower_bound(problem, [1, 3]) == 1
    assert lower_bound(problem, [1, None]) == 0


@pytest.mark.skipif(not BENCH.is_dir(), reason="benchmark directory absent")
def test_on_a_real_instance_the_bound_is_stronger_than_the_simple_one_and_below_the_optimum():
    problem = read_dzn(BENCH / "forum-13crafb.dzn")
    bound = lower_bound(problem)
    assert simple_lower_bound(problem) < bound <= 6  # 6: the proven optimum (docs)


def test_one_participant_s_least_gaps_are_exact():
    rng = random.Random(7)
    day_slots = {1: [1, 2, 3, 4, 5], 2: [6, 7, 8, 9]}
    day = {s: d for d, ss in day_slots.items() for s in ss}
    checked = positive = 0
    for _ in range(150):
        masks = [
            sum(1 << s for s in rng.sample(range(1, 10), rng.randint(1, 4)))
            for _ in range(rng.randint(2, 5))
        ]
        options = [[s for s in range(1, 10) if m >> s & 1] for m in masks]
        best = None
        for combo in itertools.product(*options):
            if len(set(combo)) == len(combo):
                ordered = sorted(combo)
                gaps = sum(
                    1 for x, y in itertools.pairwise(ordered) if day[x] == day[y] and y > x + 1
                )
                best = gaps if best is None else min(best, gaps)
        if best is None:
            continue
        checked += 1
        positive += best > 0
        assert participant_gaps(masks, day_slots, 10**6) == best, masks
    assert checked > 50 and positive > 5


def test_a_triangle_in_three_slots_has_a_gap_the_per_participant_bound_does_not_see():
    # A-B, B-C, A-C need three different slots and one of the three sits in slots 1 and
    # 3; each participant alone can take two adjacent slots, so this relaxation says 0.
    # The group relaxation sees the three together: 1, the optimum.
    problem = tiny([(1, 2), (2, 3), (1, 3)], 3)
    assert brute_force_min_breaks(problem, None) == 1
    assert lower_bound(problem) == 0
    got = group_bound(problem)
    assert (got.bound, got.per_participant, got.groups, got.raised) == (1, 0, 1, 1)


def test_the_group_relaxation_keeps_a_member_s_meetings_with_outsiders():
    # 1 meets 2 (slot 1 only), 3 (slot 3 only) and 4 (slot 2 only): no gap. A group
    # {1, 2, 3} that dropped the meeting with 4 would see 1 in slots 1 and 3 (a gap,
    # above the optimum); kept with its allowed slot, it fills slot 2.
    problem = Problem(
        [
            Participant("1"),
            Participant("2", forbidden=frozenset({2, 3})),
            Participant("3", forbidden=frozenset({1, 2})),
            Participant("4", forbidden=frozenset({1, 3})),
        ],
        [Meeting("1", "2"), Meeting("1", "3"), Meeting("1", "4")],
        [Session("day", 1, 3, 1)],
        tables=2,
    )
    assert brute_force_min_breaks(problem, None) == 0
    assert group_bound(problem, groups=[[0, 1, 2]]).bound == 0


def _random_groups(n: int, rng: random.Random) -> list[list[int]]:
    people = list(range(n))
    rng.shuffle(people)
    groups, i = [], 0
    while i < n:
        width = rng.randint(1, 4)
        groups.append(people[i : i + width])
        i += width
    return groups


def test_the_group_bound_lies_between_the_per_participant_bound_and_the_optimum():
    compared = raised = 0
    for seed in range(40):
        problem = _random_forum(seed)
        got = _check(problem)
        if got is None:
            continue
        own, best = got
        compared += 1
        rng = random.Random(seed)
        for groups in (None, _random_groups(len(problem.participants), rng)):
            bound = group_bound(problem, groups=groups).bound
            assert own <= bound <= best, (seed, groups)
            raised += bound > own
    assert compared >= 10
    assert raised >= 1  # the groups see some gap the participants alone do not


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(), st.randoms(use_true_random=False))
def test_the_group_bound_never_exceeds_the_optimum_for_any_groups(problem, rng):
    problem.fairness = None
    got = _check(problem)
    if got is None:
        return
    groups = _random_groups(len(problem.participants), rng)
    bound = group_bound(problem, groups=groups).bound
    assert got[0] <= bound <= got[1], groups


def test_with_an_incumbent_only_groups_around_its_excess_gaps_are_solved():
    # two triangles in three slots, one per session: each has a gap nobody alone sees
    problem = Problem(
        [Participant(str(i)) for i in range(1, 7)],
        [Meeting(a, b) for a, b in (("1", "2"), ("2", "3"), ("1", "3"))]
        + [Meeting(a, b) for a, b in (("4", "5"), ("5", "6"), ("4", "6"))],
        [Session("day", 1, 3, 1)],
        tables=10,
    )
    slots = [1, 2, 3, 1, 2, 3]  # 1 and 4 sit in slots 1 and 3
    assert [sorted(g) for g in pick_groups(problem, slots, [0] * 6)] == [[0, 1, 2], [3, 4, 5]]
    got = group_bound(problem, slots)
    assert (got.bound, got.groups, got.raised) == (2, 2, 2)
    assert brute_force_min_breaks(problem, None) == 2


def test_groups_that_share_a_participant_are_refused():
    # a participant in two groups would have its gaps counted twice: no longer a bound
    problem = tiny([(1, 2), (2, 3), (1, 3)], 3)
    with pytest.raises(ValueError, match="disjoint"):
        group_bound(problem, groups=[[0, 1], [1, 2]])
