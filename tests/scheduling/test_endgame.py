"""The end game of the large-forum search: exact steps on the stars of the participants
still with a gap, and the early stop once the schedule reaches the lower bound."""

from __future__ import annotations

import random

from matchforum.scheduling import Meeting, Participant, Problem, Session, validate
from matchforum.scheduling.breaks import breaks_per_participant
from matchforum.scheduling.lns import _endgame, improve_lns, star
from matchforum.scheduling.localsearch import anneal
from matchforum.scheduling.solver import _finish, quality


def _schedule(problem: Problem, slots):
    return _finish(problem, list(slots), None, "FEASIBLE", False, 0, {}, 0.0)


def _chain() -> tuple[Problem, list[int | None]]:
    """A meets B, C and D, D also meets E. A's meetings sit in slots 1, 2 and 4, D-E in
    3: one gap, closed by exchanging A-D and D-E (one move of A-D alone would clash)."""
    parts = [Participant(x) for x in "ABCDE"]
    meetings = [
        Meeting("A", "B", id="AB"),
        Meeting("A", "C", id="AC"),
        Meeting("A", "D", id="AD"),
        Meeting("D", "E", id="DE"),
    ]
    problem = Problem(
        participants=parts,
        meetings=meetings,
        sessions=[Session("am", 1, 4, 1)],
        tables=2,
        allow_unscheduled=True,
    )
    return problem, [1, 2, 4, 3]


def test_the_star_holds_the_participants_meetings_then_its_partners():
    problem, slots = _chain()
    a = problem.participant_index["A"]
    assert sorted(star(problem, slots, a, 1, 0, 60)) == [0, 1, 2]
    assert sorted(star(problem, slots, a, 1, 1, 60)) == [0, 1, 2, 3]
    assert len(star(problem, slots, a, 1, 1, 2)) == 2  # the cap holds


def test_one_end_game_step_removes_the_gap_and_keeps_every_rule():
    problem, slots = _chain()
    assert sum(breaks_per_participant(problem, slots)) == 1
    info = {"improvements": 0}
    import time

    out, total, cancelled = _endgame(
        problem,
        list(slots),
        1,
        None,
        time.perf_counter() + 10,
        random.Random(1),
        1,
        0,
        time.perf_counter(),
        info,
        None,
        0,
    )
    assert not cancelled
    assert total == 0 == sum(breaks_per_participant(problem, out))
    assert validate(problem, _schedule(problem, out)).ok
    assert info["endgame_gains"] == 1


def _forum(seed: int) -> Problem:
    rng = random.Random(seed)
    n = 60
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < 170:
        a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    return Problem(
        participants=[Participant(str(i)) for i in range(n)],
        meetings=[Meeting(str(a), str(b)) for a, b in sorted(pairs)],
        sessions=[Session("am", 1, 5, 1), Session("pm", 6, 10, 1), Session("d2", 11, 16, 2)],
        tables=9,
        allow_unscheduled=True,
    )


def test_the_end_game_never_worsens_the_incumbent():
    import time

    from matchforum.scheduling import solve

    for seed in (1, 2, 3):
        problem = _forum(seed)
        quick = solve(problem, fairness=1, time_limit=1.0, method="heuristic")
        before = sum(breaks_per_participant(problem, quick.slots))
        info = {"improvements": 0}
        out, total, _ = _endgame(
            problem,
            list(quick.slots),
            before,
            1,
            time.perf_counter() + 3,
            random.Random(seed),
            1,
            seed,
            time.perf_counter(),
            info,
            None,
            0,
        )
        assert total == sum(breaks_per_participant(problem, out)) <= before
        assert validate(problem, _schedule(problem, out), fairness=1).ok


def test_the_search_stops_at_the_bound_and_says_proven_optimal():
    problem, slots = _chain()
    quick = _schedule(problem, slots)
    assert quick.bound == 0 and quick.breaks == 1
    out = improve_lns(problem, quick, None, 30.0, workers=1, seed=1)
    assert out.breaks == 0 and out.proven_optimal and out.status == "OPTIMAL"
    assert validate(problem, out).ok
    assert out.stats["seconds"] < 15  # it stopped at the bound, not at its limit
    assert quality(problem, out, None) > quality(problem, quick, None)


def test_annealing_stops_at_its_target_and_tells_the_other_chain():
    import threading

    problem, slots = _chain()
    stop = threading.Event()
    out = anneal(problem, slots, None, 30.0, seed=1, target=0, stop=stop)
    assert sum(breaks_per_participant(problem, out)) == 0
    assert stop.is_set()


def test_a_day_sub_problem_keeps_the_freed_meetings_on_their_day_and_drops_the_others():
    from matchforum.scheduling.lns import _subproblem

    problem = _forum(4)
    quick = solve_heuristic(problem)
    day1 = [k for k, s in enumerate(quick.slots) if s is not None and s <= 10][:5]
    sub, index = _subproblem(problem, list(quick.slots), day1, 1)
    assert index[: len(day1)] == day1
    for i, k in enumerate(index):
        assert quick.slots[k] <= 10  # nothing of day 2 is in it
        if i < len(day1):
            assert set(sub.allowed_slots[i]) <= set(range(1, 11))
            assert quick.slots[k] in sub.allowed_slots[i]
        else:
            assert sub.meetings[i].pinned_slot == quick.slots[k]


def test_an_improving_step_is_refuted_when_the_incumbent_is_optimal():
    from matchforum.scheduling.solver import _cp_breaks

    problem, slots = _chain()
    best = [1, 2, 3, 4]  # A in 1-3, D in 3-4: no gap
    got = _cp_breaks(problem, None, 5.0, 1, 0, None, best, below=0)
    assert got[0] is None and got[1] == "INFEASIBLE"
    got = _cp_breaks(problem, None, 5.0, 1, 0, None, slots, below=1)
    assert got[0] is not None and sum(breaks_per_participant(problem, got[0])) == 0


def solve_heuristic(problem: Problem):
    from matchforum.scheduling import solve

    return solve(problem, fairness=None, time_limit=1.0, method="heuristic")
