"""Impossible or malformed input raises ProblemError naming what is wrong."""

from __future__ import annotations

from dataclasses import replace

import pytest

from matchforum.scheduling import Meeting, ProblemError, Session, solve

from .helpers import tiny


@pytest.mark.parametrize(
    ("mutate", "needle"),
    [
        (
            lambda p: replace(p, meetings=[*p.meetings, Meeting("1", "9")]),
            "unknown participant '9'",
        ),
        (
            lambda p: replace(p, meetings=[*p.meetings, Meeting("1", "4")]),
            "has 4 meetings but only 3",
        ),
        (lambda p: replace(p, precedences=[(0, 1), (1, 2), (2, 0)]), "precedence cycle"),
        (lambda p: replace(p, precedences=[(0, 7)]), "unknown meeting"),
        (
            lambda p: replace(p, meetings=[Meeting("1", "2", sessions=("am",), pinned_slot=3)]),
            "outside its sessions",
        ),
        (lambda p: replace(p, meetings=[Meeting("1", "2", pinned_slot=9)]), "does not exist"),
        (lambda p: replace(p, meetings=[Meeting("1", "1")]), "on both sides"),
        (lambda p: replace(p, meetings=[Meeting("1", "2", sessions=("xx",))]), "unknown sessions"),
        (lambda p: replace(p, tables=[0, 0, 0]), "no possible slot"),
        (
            lambda p: replace(p, meetings=[Meeting("1", "2"), Meeting("3", "4")], tables=[1, 0, 0]),
            "do not fit",
        ),
        (lambda p: replace(p, sessions=[Session("am", 1, 2), Session("pm", 2, 3)]), "belong"),
        (
            # the afternoon meeting must come before a morning one
            lambda p: replace(
                p,
                meetings=[Meeting("1", "2", sessions=("pm",)), Meeting("1", "3", sessions=("am",))],
                precedences=[(0, 1)],
            ),
            "must come after meeting 1 between '1' and '2', which cannot take place before slot 3",
        ),
    ],
)
def test_problem_errors(mutate, needle):
    base = tiny([(1, 2), (1, 3), (1, 4)], 3)
    base = replace(base, sessions=[Session("am", 1, 2), Session("pm", 3, 3)])
    bad = mutate(base)
    with pytest.raises(ProblemError, match=needle.replace("(", r"\(")):
        solve(bad, time_limit=5, workers=1)


def test_cap_below_meetings_is_an_error_unless_unscheduled_allowed():
    p = tiny([(1, 2), (1, 3)], 3)
    p.participants[0] = replace(p.participants[0], max_meetings=1)
    with pytest.raises(ProblemError, match="cap of 1"):
        p.check()
    p.allow_unscheduled = True
    sched = solve(p, time_limit=10, workers=1)
    assert sched.n_scheduled == 1


def test_pinned_to_forbidden_slot():
    p = tiny([(1, 2)], 3)
    p.participants[1] = replace(p.participants[1], forbidden=frozenset({2}))
    p.meetings[0] = replace(p.meetings[0], pinned_slot=2)
    with pytest.raises(ProblemError, match="participant '2' forbids"):
        p.check()
