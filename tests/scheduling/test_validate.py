"""The validator rejects each kind of corrupted schedule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from matchforum.scheduling import Meeting, Participant, Problem, Schedule, Session, validate


def _problem(**kw) -> Problem:
    parts = [
        Participant("A"),
        Participant("B", forbidden=frozenset({4})),
        Participant("C", max_meetings=2),
        Participant("D"),
    ]
    meetings = [
        Meeting("A", "B", sessions=("am",)),  # 0
        Meeting("A", "C"),  # 1
        Meeting("B", "C", pinned_slot=3),  # 2
        Meeting("C", "D", pinned_table=2, sessions=None),  # 3 (C has 3 meetings only if cap allows)
    ]
    base = dict(
        participants=parts,
        meetings=meetings[:3],
        sessions=[Session("am", 1, 2, 1), Session("pm", 3, 4, 1)],
        tables=[1, 1, 2, 2],
        precedences=[(0, 1)],
        fairness=1,
    )
    base.update(kw)
    return Problem(**base)


def _good() -> Schedule:
    # A-B at 1, A-C at 2, B-C at 3 -> A busy 1,2; B busy 1,3 (1 break); C busy 2,3
    return Schedule(slots=[1, 2, 3], tables=[1, 1, 1], breaks=1)


def test_good_schedule_is_valid():
    rep = validate(_problem(), _good())
    assert rep.ok, rep.errors
    assert rep.breaks == 1
    assert rep.breaks_per_participant == {"A": 0, "B": 1, "C": 0, "D": 0}


@pytest.mark.parametrize(
    ("slots", "tables", "breaks", "needle"),
    [
        ([1, 1, 3], [1, 1, 1], 1, "participant A has 2 meetings in slot 1"),
        ([1, 2, 3], [1, 2, 1], 1, "which has 1 tables"),  # table 2 in a one-table slot
        ([3, 2, 4], [1, 1, 1], 0, "not in its sessions"),
        ([1, 2, 4], [1, 1, 1], 1, "which participant B forbids"),
        ([1, 2, 4], [1, 1, 1], 1, "pinned to slot 3"),
        ([2, 1, 3], [1, 1, 1], 1, "must take place before"),
        ([1, 2, 3], [1, 1, 1], 0, "claims 0 breaks but has 1"),
        ([1, 2, None], [1, 1, None], 0, "is not scheduled"),
        ([1, 9, 3], [1, 1, 1], 1, "does not exist"),
    ],
)
def test_corruptions_are_rejected(slots, tables, breaks, needle):
    rep = validate(_problem(), Schedule(slots=slots, tables=tables, breaks=breaks))
    assert not rep.ok
    assert any(needle in e for e in rep.errors), rep.errors


def test_over_table_capacity():
    p = _problem(meetings=[Meeting("A", "B"), Meeting("C", "D")])
    rep = validate(p, Schedule(slots=[1, 1], tables=[1, 2], breaks=0))
    assert any("2 onsite meetings but 1 tables" in e for e in rep.errors), rep.errors


def test_duplicate_table_in_slot():
    p = _problem(meetings=[Meeting("A", "B"), Meeting("C", "D")], precedences=[])
    rep = validate(p, Schedule(slots=[3, 3], tables=[1, 1], breaks=0))
    assert any("table 1 in slot 3 holds meetings 1 and 2" in e for e in rep.errors), rep.errors


def test_pinned_table_moved():
    p = _problem(meetings=[Meeting("A", "B"), Meeting("C", "D", pinned_table=2)], precedences=[])
    rep = validate(p, Schedule(slots=[3, 3], tables=[2, 1], breaks=0))
    assert any("pinned to table 2" in e for e in rep.errors), rep.errors


def test_cap_exceeded():
    p = _problem(
        meetings=[Meeting("A", "C"), Meeting("B", "C"), Meeting("C", "D")],
        precedences=[],
        fairness=None,
    )
    rep = validate(p, Schedule(slots=[1, 2, 3], tables=[1, 1, 1], breaks=0))
    assert any("above the cap of 2" in e for e in rep.errors), rep.errors


def test_fairness_violated():
    # B has 2 breaks (slots 1, 3? no: B busy 1 and 4 would be forbidden) -> build directly
    p = _problem(meetings=[Meeting("A", "D"), Meeting("A", "C")], precedences=[], fairness=0)
    rep = validate(p, Schedule(slots=[1, 3], tables=[1, 1], breaks=1))
    assert any("fairness" in e for e in rep.errors), rep.errors


def test_online_capacity_and_table():
    p = _problem(
        meetings=[Meeting("A", "B", online=True), Meeting("C", "D", online=True)],
        precedences=[],
        online_capacity=[1, 1, 1, 1],
    )
    rep = validate(p, Schedule(slots=[1, 1], tables=[None, 3], breaks=0))
    assert any("online meetings but room for 1" in e for e in rep.errors), rep.errors
    assert any("is online but has table 3" in e for e in rep.errors), rep.errors


def test_breaks_do_not_span_days():
    p = replace(
        _problem(meetings=[Meeting("A", "B"), Meeting("A", "C")], precedences=[]),
        sessions=[Session("d1", 1, 2, 1), Session("d2", 3, 4, 2)],
    )
    assert validate(p, Schedule(slots=[1, 4], tables=[1, 1], breaks=0)).ok
    rep = validate(p, Schedule(slots=[1, 4], tables=[1, 1], breaks=1))
    assert not rep.ok
