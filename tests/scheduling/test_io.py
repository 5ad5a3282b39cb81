"""DZN and JSON round trips."""

from __future__ import annotations

import random

import pytest

from matchforum.scheduling import (
    FormatError,
    Meeting,
    Participant,
    Problem,
    Schedule,
    Session,
    Unscheduled,
    problem_from_dict,
    problem_from_dzn,
    problem_to_dict,
    problem_to_dzn,
    schedule_from_dict,
    schedule_to_dict,
)
from matchforum.scheduling.dzn import parse_dzn


def _random_problem(seed: int) -> Problem:
    rng = random.Random(seed)
    n, t, k = 8, 9, 5
    parts = [
        Participant(str(i + 1), forbidden=frozenset(rng.sample(range(1, t + 1), rng.randint(0, 2))))
        for i in range(n)
    ]
    meetings = []
    for i in range(12):
        a, b = rng.sample(range(1, n + 1), 2)
        sess = rng.choice([None, ("morning",), ("afternoon",)])
        pin = rng.choice([None, None, rng.randint(1, t)])
        meetings.append(Meeting(str(a), str(b), sessions=sess, pinned_slot=pin, id=str(i + 1)))
    return Problem(
        parts,
        meetings,
        [Session("morning", 1, k, 1), Session("afternoon", k + 1, t, 1)],
        [4] * t,
        precedences=[(0, 3), (2, 3), (5, 11)],
    )


@pytest.mark.parametrize("seed", range(5))
def test_dzn_round_trip(seed):
    p = _random_problem(seed)
    q = problem_from_dzn(problem_to_dzn(p))
    assert q.participants == p.participants
    assert q.meetings == p.meetings
    assert q.sessions == p.sessions
    assert q.tables == p.tables
    assert sorted(q.precedences) == sorted(p.precedences)


def test_dzn_reads_benchmark_style_fields():
    text = """
    nBusiness = 3; nMeetings = 2; nTables = 1; nTotalSlots = 4; nMorningSlots = 2;
    requested = [|1, 2, 1
    |2, 3, 3|];
    meetingsxBusiness = [{1},{1,2},{2}];   % derived, ignored
    forbidden = [{0},{0,3},{}];
    fixed = [0,4];
    precedences = [{},{1}];
    """
    p = problem_from_dzn(text)
    assert p.participants[1].forbidden == frozenset({3})
    assert p.meetings[0].sessions == ("morning",)
    assert p.meetings[1].sessions is None and p.meetings[1].pinned_slot == 4
    assert p.precedences == [(0, 1)]


def test_dzn_errors():
    with pytest.raises(FormatError, match="lacks nTables"):
        problem_from_dzn(
            "nBusiness = 2; nTotalSlots = 3; nMorningSlots = 1; requested = [|1,2,3|];"
        )
    with pytest.raises(FormatError, match="session 7"):
        problem_from_dzn(
            "nBusiness = 2; nTables = 1; nTotalSlots = 3; nMorningSlots = 1; requested = [|1,2,7|];"
        )
    assert parse_dzn("x = 1..3;")["x"] == {1, 2, 3}


def test_json_round_trip():
    p = _random_problem(3)
    p.participants[0] = Participant("1", max_meetings=3, host=True, name="Acme")
    p.meetings[0] = Meeting("1", "2", weight=1000, online=True, id="m1")
    p.online_capacity = [2] * p.n_slots
    p.fairness = 2
    p.allow_unscheduled = True
    q = problem_from_dict(problem_to_dict(p))
    assert problem_to_dict(q) == problem_to_dict(p)
    s = Schedule(
        slots=[1, None, 3],
        tables=[None, None, 2],
        breaks=1,
        breaks_per_participant=[1, 0],
        unscheduled=[Unscheduled(1, "session full")],
        proven_optimal=True,
        bound=1.0,
        status="OPTIMAL",
    )
    s2 = schedule_from_dict(schedule_to_dict(s))
    assert s2.slots == s.slots and s2.tables == s.tables and s2.unscheduled == s.unscheduled
    assert s2.proven_optimal and s2.breaks == 1
