"""Left-out meetings: every one that fits without moving anything is placed, and every
"could not fit" reason is true -- checked by trying to insert the meeting in every slot
with the independent validator."""

from __future__ import annotations

import random

import pytest

from matchforum.scheduling import (
    Meeting,
    Participant,
    Problem,
    Schedule,
    SchedulingError,
    Session,
    assign_tables,
    solve,
    validate,
)
from matchforum.scheduling.breaks import breaks_per_participant
from matchforum.scheduling.insertion import explain_unscheduled, place_left_out


def _oversubscribed(seed: int) -> Problem:
    """More meetings than tables and slots, with caps, forbidden slots, precedences and a
    fairness limit, so that every kind of reason can arise."""
    rng = random.Random(seed)
    sessions = [Session("am", 1, 3, 1), Session("pm", 4, 6, 1)]
    parts = [
        Participant(
            str(i),
            forbidden=frozenset(rng.sample(range(1, 7), rng.randint(0, 2))),
            max_meetings=rng.choice([None, None, 3, 4]),
        )
        for i in range(12)
    ]
    meetings = []
    pairs = set()
    while len(meetings) < 34:
        a, b = rng.sample(range(12), 2)
        if (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        meetings.append(
            Meeting(str(a), str(b), weight=rng.choice([1, 1, 2, 10]), online=rng.random() < 0.15)
        )
    precedences = [(0, 1), (2, 3)] if seed % 2 else []
    return Problem(
        parts,
        meetings,
        sessions,
        tables=3,
        online_capacity=[1] * 6,
        allow_unscheduled=True,
        precedences=precedences,
        fairness=rng.choice([None, 1, 2]),
    )


def _insertable(problem: Problem, slots: list[int | None], k: int) -> int | None:
    """A slot where meeting ``k`` can go with nothing else moved, by the validator."""
    for s in problem.slots:
        trial = list(slots)
        trial[k] = s
        try:
            tables = assign_tables(problem, trial)
        except SchedulingError:
            continue
        per = breaks_per_participant(problem, trial)
        if validate(problem, Schedule(trial, tables, breaks=sum(per))).ok:
            return s
    return None


@pytest.mark.parametrize("seed", range(12))
def test_every_could_not_fit_reason_is_true(seed):
    problem = _oversubscribed(seed)
    sched = solve(problem, time_limit=2, seed=seed)
    assert validate(problem, sched).ok
    left = [k for k, s in enumerate(sched.slots) if s is None]
    assert {u.meeting for u in sched.unscheduled} == set(left)
    for item in sched.unscheduled:
        assert "fits in slot" not in item.reason
        assert _insertable(problem, sched.slots, item.meeting) is None, item


def test_the_random_forums_do_leave_meetings_out():
    # without left-out meetings the test above would check nothing
    left = sum(
        len(solve(_oversubscribed(seed), time_limit=1, seed=seed).unscheduled) for seed in range(4)
    )
    assert left >= 4


@pytest.mark.parametrize("seed", range(12))
def test_place_left_out_keeps_the_schedule_valid_and_places_what_fits(seed):
    problem = _oversubscribed(seed)
    sched = solve(problem, time_limit=1, seed=seed)
    rng = random.Random(seed)
    placed = [k for k, s in enumerate(sched.slots) if s is not None]
    dropped = set(rng.sample(placed, min(6, len(placed))))
    thinned = [None if k in dropped else s for k, s in enumerate(sched.slots)]
    filled = place_left_out(problem, thinned, problem.fairness)
    assert all(filled[k] == s for k, s in enumerate(thinned) if s is not None)

    def valid(slots: list[int | None]) -> bool:
        per = breaks_per_participant(problem, slots)
        return validate(problem, Schedule(slots, assign_tables(problem, slots), sum(per))).ok

    # dropping meetings can itself take the gap range past the fairness limit; from a
    # valid start, inserting never breaks a rule
    if valid(thinned):
        assert valid(filled)
    for k, s in enumerate(filled):
        if s is None:
            assert _insertable(problem, filled, k) is None


def test_a_meeting_at_a_free_table_is_placed_not_explained_away():
    sessions = [Session("am", 1, 3, 1)]
    parts = [Participant(x) for x in "abcd"]
    meetings = [Meeting("a", "b"), Meeting("c", "d"), Meeting("a", "c")]
    problem = Problem(parts, meetings, sessions, tables=1, allow_unscheduled=True)
    assert place_left_out(problem, [1, 2, None], None) == [1, 2, 3]
    assert "fits in slot 3" in explain_unscheduled(problem, [1, 2, None])[0].reason


def test_reasons_name_the_rule_that_blocks():
    sessions = [Session("am", 1, 2, 1)]
    parts = [Participant(x) for x in "abcdef"]
    busy = Problem(
        parts,
        [Meeting("a", "b"), Meeting("a", "c"), Meeting("a", "d")],
        sessions,
        tables=3,
        allow_unscheduled=True,
    )
    assert "busy in every allowed slot" in explain_unscheduled(busy, [1, 2, None])[0].reason
    full = Problem(
        parts,
        [Meeting("a", "b"), Meeting("c", "d"), Meeting("e", "f")],
        sessions,
        tables=1,
        allow_unscheduled=True,
    )
    assert "session full" in explain_unscheduled(full, [1, 2, None])[0].reason
    ordered = Problem(
        parts,
        [Meeting("a", "b"), Meeting("c", "d")],
        sessions,
        tables=2,
        allow_unscheduled=True,
        precedences=[(1, 0)],
    )
    assert "order of its meetings" in explain_unscheduled(ordered, [1, None])[0].reason
    # a-b and c-d in slot 1; a-c may use slot 3 only (c forbids 2), which gives a and
    # c one gap each while b and d have none: beyond a fairness limit of 0
    fair = Problem(
        [
            Participant("a"),
            Participant("b"),
            Participant("c", forbidden=frozenset({2})),
            Participant("d"),
        ],
        [Meeting("a", "b"), Meeting("a", "c"), Meeting("c", "d")],
        [Session("am", 1, 3, 1)],
        tables=2,
        allow_unscheduled=True,
        fairness=0,
    )
    assert "fairness limit of 0" in explain_unscheduled(fair, [1, None, 1])[0].reason
