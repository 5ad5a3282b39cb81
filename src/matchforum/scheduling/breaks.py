"""Counting breaks.

A break is an idle gap between two consecutive meetings of one participant on the same
day, counted once per gap whatever its length (slots 3, 4, 7, 9 give two breaks). Slots
are consecutive numbers, so the step from the last morning slot to the first afternoon
slot is not a break when both are used (as in the benchmark's model); the night between
two days is never a break: a participant's breaks are the sum over days.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence

from .model import Problem


def count_gaps(slots: Iterable[int], day_of_slot: Mapping[int, int] | None = None) -> int:
    """Breaks of one participant busy in ``slots``."""
    ordered = sorted(slots)
    gaps = 0
    for prev, nxt in itertools.pairwise(ordered):
        same_day = day_of_slot is None or day_of_slot[prev] == day_of_slot[nxt]
        if same_day and nxt - prev > 1:
            gaps += 1
    return gaps


def breaks_per_participant(problem: Problem, slots: Sequence[int | None]) -> list[int]:
    """Breaks of every participant (by participant index) for meeting ``slots``."""
    busy: list[list[int]] = [[] for _ in problem.participants]
    for k, people in enumerate(problem.meeting_participants):
        s = slots[k]
        if s is not None:
            for p in people:
                busy[p].append(s)
    return [count_gaps(b, problem.day_of_slot) for b in busy]
