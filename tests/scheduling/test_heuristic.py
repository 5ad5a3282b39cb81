"""Precedences in the constructive schedule: windows cut by chains, no broken pair."""

from __future__ import annotations

import random
from dataclasses import replace

from matchforum.scheduling.heuristic import greedy_schedule

from .helpers import tiny


def test_a_chain_of_three_leaves_each_meeting_its_own_slot():
    problem = tiny([(1, 2), (1, 3), (1, 4)], 3, precedences=[(0, 1), (1, 2)])
    assert problem.precedence_windows == [[1], [2], [3]]


def test_windows_follow_a_pin_at_the_end_of_a_chain():
    problem = tiny([(1, 2), (1, 3), (3, 4)], 5, precedences=[(0, 1), (1, 2)])
    problem.meetings[2] = replace(problem.meetings[2], pinned_slot=3)
    assert problem.precedence_windows == [[1], [2], [3]]


def test_greedy_never_breaks_a_precedence_on_random_forums():
    for seed in range(20):
        rng = random.Random(seed)
        pairs = sorted({tuple(sorted(rng.sample(range(1, 13), 2))) for _ in range(30)})
        problem = tiny(pairs, 8, tables=4, n_participants=12)
        by: dict[int, list[int]] = {}
        for k, (a, b) in enumerate(pairs):
            by.setdefault(a, []).append(k)
            by.setdefault(b, []).append(k)
        chosen = set()
        for ks in by.values():
            if len(ks) >= 2 and rng.random() < 0.5:
                i, j = sorted(rng.sample(ks, 2))  # index order: never a cycle
                chosen.add((i, j))
        problem.precedences = sorted(chosen)
        slots = greedy_schedule(problem)
        broken = [
            (i, j)
            for i, j in problem.precedences
            if slots[i] is not None and slots[j] is not None and not slots[i] < slots[j]
        ]
        assert not broken, (seed, broken)
        assert any(s is not None for s in slots)
