"""Attendees (a colleague brought to a meeting) count as participants for every rule.

Each solving path runs on small random forums where some meetings have attendees, and
the independent validator checks the result: no attendee in two meetings of a slot, no
meeting in a slot an attendee forbids, caps and breaks counted for attendees too.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from matchforum.scheduling import (
    ForbidSlots,
    FormatError,
    Meeting,
    Participant,
    Problem,
    ProblemError,
    Schedule,
    Session,
    problem_from_dict,
    problem_to_dict,
    problem_to_dzn,
    repair,
    solve,
    validate,
)
from matchforum.scheduling.breaks import breaks_per_participant
from matchforum.scheduling.heuristic import greedy_schedule
from matchforum.scheduling.insertion import drop_violations, place_left_out
from matchforum.scheduling.lns import improve_lns
from matchforum.scheduling.localsearch import anneal, complete
from matchforum.scheduling.solver import _finish


def _forum(
    seed: int, *, n: int = 14, n_meetings: int = 16, slots: int = 8, caps: bool = True
) -> Problem:
    """A one-day forum; about a third of the meetings bring one or two attendees, some
    attendees are unavailable in some slots and some have a cap."""
    rng = random.Random(seed)
    parts = []
    for i in range(n):
        forbidden = frozenset(rng.sample(range(1, slots + 1), 2)) if i % 4 == 0 else frozenset()
        cap = 3 if caps and i % 5 == 1 else None
        parts.append(Participant(str(i), forbidden=forbidden, max_meetings=cap))
    meetings = []
    pairs: set[tuple[int, int]] = set()
    while len(meetings) < n_meetings:
        a, b = rng.sample(range(n), 2)
        if (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        others = [p for p in range(n) if p not in (a, b)]
        attendees = tuple(str(p) for p in rng.sample(others, rng.choice([0, 0, 1, 2])))
        meetings.append(Meeting(str(a), str(b), attendees=attendees))
    return Problem(
        parts,
        meetings,
        [Session("am", 1, slots // 2, 1), Session("pm", slots // 2 + 1, slots, 1)],
        [4] * slots,
        allow_unscheduled=True,
    )


def _greedy(problem: Problem) -> list[int | None]:
    """The constructive schedule less what breaks a cap (as the solver runs it)."""
    return drop_violations(problem, greedy_schedule(problem))


def _schedule(problem: Problem, slots) -> Schedule:
    return _finish(problem, list(slots), None, "FEASIBLE", False, 0, {}, 0.0)


def _assert_attendees_kept(problem: Problem, schedule: Schedule) -> None:
    report = validate(problem, schedule)
    assert report.ok, report.errors
    for k, m in enumerate(problem.meetings):
        s = schedule.slots[k]
        if s is None:
            continue
        for pid in m.attendees:
            person = problem.participants[problem.participant_index[pid]]
            assert s not in person.forbidden


SEEDS = [1, 2, 3, 4, 5]


def test_the_forums_have_attendees_who_could_collide():
    problem = _forum(1)
    with_attendees = [m for m in problem.meetings if m.attendees]
    assert len(with_attendees) >= 3
    # someone attends one meeting and is a side of another: a real chance of double booking
    sides = {pid for m in problem.meetings for pid in (m.a, m.b)}
    assert any(pid in sides for m in with_attendees for pid in m.attendees)


def test_the_validator_flags_an_attendee_in_two_meetings_of_a_slot():
    problem = Problem(
        [Participant(str(i)) for i in range(1, 6)],
        [Meeting("1", "2", attendees=("5",)), Meeting("3", "5")],
        [Session("all", 1, 3, 1)],
        [3, 3, 3],
    )
    report = validate(problem, Schedule(slots=[1, 1], tables=[1, 2]))
    assert not report.ok
    assert "participant 5 has 2 meetings in slot 1" in report.errors


def test_the_validator_flags_a_slot_an_attendee_forbids_and_their_cap():
    problem = Problem(
        [Participant("1"), Participant("2"), Participant("3", forbidden=frozenset({2}))],
        [Meeting("1", "2", attendees=("3",))],
        [Session("all", 1, 3, 1)],
        [3, 3, 3],
    )
    report = validate(problem, Schedule(slots=[2], tables=[1]))
    assert any("participant 3 forbids" in e for e in report.errors)
    capped = replace(
        problem,
        participants=[Participant("1"), Participant("2"), Participant("3", max_meetings=0)],
    )
    report = validate(capped, Schedule(slots=[1], tables=[1]))
    assert any("participant 3 has 1 meetings, above the cap of 0" in e for e in report.errors)


def test_an_attendee_forbidden_slot_is_not_allowed_and_their_breaks_count():
    problem = Problem(
        [Participant("1"), Participant("2"), Participant("3", forbidden=frozenset({2}))],
        [Meeting("1", "2", attendees=("3",)), Meeting("3", "1")],
        [Session("all", 1, 4, 1)],
        [2] * 4,
    )
    assert problem.allowed_slots[0] == [1, 3, 4]
    assert problem.meetings_of[2] == [0, 1]
    # participant 3 in slots 1 and 4: one break, counted for the attendee
    assert breaks_per_participant(problem, [1, 4]) == [1, 0, 1]


@pytest.mark.parametrize(
    ("attendees", "message"),
    [
        (("1",), "as an attendee and as a side"),
        (("2",), "as an attendee and as a side"),
        (("3", "3"), "lists attendee '3' twice"),
        (("9",), "unknown participant '9'"),
    ],
)
def test_the_problem_check_refuses_bad_attendees(attendees, message):
    problem = Problem(
        [Participant(str(i)) for i in range(1, 4)],
        [Meeting("1", "2", attendees=attendees)],
        [Session("all", 1, 2, 1)],
        [1, 1],
    )
    with pytest.raises(ProblemError, match=message):
        problem.check()


def test_json_carries_attendees_and_dzn_refuses_them():
    problem = _forum(2)
    back = problem_from_dict(problem_to_dict(problem))
    assert [m.attendees for m in back.meetings] == [m.attendees for m in problem.meetings]
    with pytest.raises(FormatError, match="attendees"):
        problem_to_dzn(problem)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_heuristic_and_completion_keep_attendees_apart(seed):
    problem = _forum(seed)
    slots = greedy_schedule(problem)
    slots = drop_violations(problem, complete(problem, slots, 0.3, seed=seed))
    _assert_attendees_kept(problem, _schedule(problem, slots))
    assert any(s is not None and problem.meetings[k].attendees for k, s in enumerate(slots))


@pytest.mark.parametrize("seed", SEEDS)
def test_insertion_places_left_out_meetings_without_double_booking_an_attendee(seed):
    problem = _forum(seed)
    slots = _greedy(problem)
    thinned = [s if k % 3 else None for k, s in enumerate(slots)]
    out = place_left_out(problem, thinned, None)
    _assert_attendees_kept(problem, _schedule(problem, out))
    assert sum(s is not None for s in out) > sum(s is not None for s in thinned)


@pytest.mark.parametrize("seed", SEEDS)
def test_annealing_keeps_attendees_apart(seed):
    problem = _forum(seed)
    start = _greedy(problem)
    out = anneal(problem, start, None, 0.5, seed=seed)
    _assert_attendees_kept(problem, _schedule(problem, out))
    assert [s is None for s in out] == [s is None for s in start]


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_the_exact_solve_keeps_attendees_apart(seed):
    problem = replace(_forum(seed, n_meetings=12, caps=False), allow_unscheduled=False)
    problem.check()
    schedule = solve(problem, time_limit=20, workers=1, method="exact")
    assert schedule.status in {"OPTIMAL", "FEASIBLE"}
    assert schedule.n_scheduled == len(problem.meetings)
    _assert_attendees_kept(problem, schedule)


@pytest.mark.parametrize("method", ["sat", "cpsat", "auto"])
def test_every_method_keeps_attendees_apart(method):
    problem = replace(_forum(3, n_meetings=12, caps=False), allow_unscheduled=False)
    problem.check()
    schedule = solve(problem, time_limit=20, workers=1, method=method)
    assert schedule.n_scheduled == len(problem.meetings)
    _assert_attendees_kept(problem, schedule)


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_an_oversubscribed_solve_keeps_attendees_apart_and_under_their_caps(seed):
    problem = _forum(seed, n_meetings=24)
    schedule = solve(problem, time_limit=10, workers=1)
    _assert_attendees_kept(problem, schedule)
    assert schedule.unscheduled  # the caps and the slots do leave meetings out


def test_an_attendee_makes_the_exact_solve_use_another_slot():
    # 1-2 with attendee 3 and 3-4 cannot share a slot; with one slot only one fits
    problem = Problem(
        [Participant(str(i)) for i in range(1, 5)],
        [Meeting("1", "2", attendees=("3",)), Meeting("3", "4")],
        [Session("all", 1, 2, 1)],
        [2, 2],
    )
    schedule = solve(problem, time_limit=10, workers=1, method="exact")
    assert validate(problem, schedule).ok
    assert schedule.slots[0] != schedule.slots[1]
    one_slot = replace(problem, sessions=[Session("all", 1, 1, 1)], tables=[2], online_capacity=[0])
    with pytest.raises(ProblemError, match="participant '3' has 2 meetings"):
        one_slot.check()


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_lns_keeps_attendees_apart(seed):
    problem = _forum(seed, n_meetings=20)
    incumbent = _schedule(problem, _greedy(problem))
    out = improve_lns(problem, incumbent, None, 2.0, workers=1, seed=seed)
    _assert_attendees_kept(problem, out)
    assert out.breaks <= incumbent.breaks


def test_repair_moves_a_meeting_an_attendee_can_no_longer_attend():
    problem = replace(_forum(4, n_meetings=12, caps=False), allow_unscheduled=False)
    published = solve(problem, time_limit=20, workers=1)
    assert validate(problem, published).ok
    k = next(k for k, m in enumerate(problem.meetings) if m.attendees)
    attendee = problem.meetings[k].attendees[0]
    res = repair(
        problem,
        published,
        [ForbidSlots(attendee, frozenset({published.slots[k]}))],
        time_limit=10,
        workers=1,
    )
    _assert_attendees_kept(res.problem, res.schedule)
    assert res.schedule.slots[k] != published.slots[k]


def test_repair_moves_a_meeting_whose_new_attendee_is_busy_in_its_slot():
    problem = Problem(
        [Participant(str(i)) for i in range(1, 6)],
        [Meeting("1", "2"), Meeting("3", "4"), Meeting("5", "1")],
        [Session("all", 1, 3, 1)],
        [3, 3, 3],
    )
    published = Schedule(slots=[1, 1, 2], tables=[1, 2, 1])
    assert validate(problem, published).ok
    # the meeting 3-4 brings participant 1 along, who is at 1-2 in slot 1
    changed = replace(
        problem,
        meetings=[problem.meetings[0], Meeting("3", "4", attendees=("1",)), problem.meetings[2]],
    )
    res = repair(changed, published, [], time_limit=10, workers=1)
    _assert_attendees_kept(res.problem, res.schedule)
    assert res.schedule.n_scheduled == 3
