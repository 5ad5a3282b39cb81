"""JSON reader and writer for problems and schedules.

Problem JSON::

    {"name": "...", "fairness": 2, "allow_unscheduled": false,
     "sessions": [{"name": "morning", "first": 1, "last": 12, "day": 1}, ...],
     "tables": 14 | [per slot], "online_capacity": 0 | [per slot],
     "participants": [{"id": "1", "forbidden": [5], "max_meetings": 8, "host": false}],
     "meetings": [{"a": "1", "b": "2", "sessions": ["morning"], "weight": 1,
                   "pinned_slot": null, "pinned_table": null, "online": false, "id": "",
                   "attendees": ["3"]}],
     "precedences": [[0, 3]]}

Schedule JSON holds, in meeting order, the 1-based slot and table of each meeting
(``null`` when unscheduled / online): ``{"slots": [...], "tables": [...], "breaks": N,
"proven_optimal": bool, ...}``.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .errors import FormatError
from .model import Meeting, Participant, Problem, Schedule, Session, Unscheduled


def problem_to_dict(problem: Problem) -> dict[str, Any]:
    return {
        "name": problem.name,
        "fairness": problem.fairness,
        "allow_unscheduled": problem.allow_unscheduled,
        "sessions": [asdict(s) for s in problem.sessions],
        "tables": list(problem.tables),
        "online_capacity": list(problem.online_capacity),
        "participants": [
            {
                "id": p.id,
                "forbidden": sorted(p.forbidden),
                "max_meetings": p.max_meetings,
                "host": p.host,
                "name": p.name,
            }
            for p in problem.participants
        ],
        "meetings": [
            {
                "a": m.a,
                "b": m.b,
                "sessions": None if m.sessions is None else list(m.sessions),
                "weight": m.weight,
                "pinned_slot": m.pinned_slot,
                "pinned_table": m.pinned_table,
                "online": m.online,
                "id": m.id,
                "attendees": list(m.attendees),
            }
            for m in problem.meetings
        ],
        "precedences": [list(p) for p in problem.precedences],
    }


def problem_from_dict(d: dict[str, Any]) -> Problem:
    try:
        sessions = [
            Session(str(s["name"]), int(s["first"]), int(s["last"]), int(s.get("day", 1)))
            for s in d["sessions"]
        ]
        participants = [
            Participant(
                str(p["id"]),
                forbidden=frozenset(int(x) for x in p.get("forbidden", [])),
                max_meetings=p.get("max_meetings"),
                host=bool(p.get("host", False)),
                name=str(p.get("name", "")),
            )
            for p in d["participants"]
        ]
        meetings = [
            Meeting(
                str(m["a"]),
                str(m["b"]),
                sessions=None if m.get("sessions") is None else tuple(map(str, m["sessions"])),
                weight=int(m.get("weight", 1)),
                pinned_slot=m.get("pinned_slot"),
                pinned_table=m.get("pinned_table"),
                online=bool(m.get("online", False)),
                id=str(m.get("id", "")),
                attendees=tuple(map(str, m.get("attendees", ()))),
            )
            for m in d["meetings"]
        ]
        return Problem(
            participants,
            meetings,
            sessions,
            d["tables"],
            online_capacity=d.get("online_capacity", 0),
            precedences=[tuple(p) for p in d.get("precedences", [])],
            fairness=d.get("fairness"),
            allow_unscheduled=bool(d.get("allow_unscheduled", False)),
            name=str(d.get("name", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"cannot read problem JSON: {exc!r}") from exc


def schedule_to_dict(schedule: Schedule) -> dict[str, Any]:
    return {
        "slots": list(schedule.slots),
        "tables": list(schedule.tables),
        "breaks": schedule.breaks,
        "proven_optimal": schedule.proven_optimal,
        "bound": schedule.bound,
        "status": schedule.status,
        "breaks_per_participant": list(schedule.breaks_per_participant),
        "unscheduled": [{"meeting": u.meeting, "reason": u.reason} for u in schedule.unscheduled],
        "scheduled_weight": schedule.scheduled_weight,
        "stats": schedule.stats,
    }


def schedule_from_dict(d: dict[str, Any]) -> Schedule:
    try:
        slots = [None if s is None else int(s) for s in d["slots"]]
        tables = [None if t is None or t == 0 else int(t) for t in d.get("tables", [])]
        if not tables:
            tables = [None] * len(slots)
        return Schedule(
            slots=slots,
            tables=tables,
            breaks=int(d.get("breaks", 0)),
            breaks_per_participant=list(d.get("breaks_per_participant", [])),
            unscheduled=[
                Unscheduled(int(u["meeting"]), str(u["reason"])) for u in d.get("unscheduled", [])
            ],
            proven_optimal=bool(d.get("proven_optimal", False)),
            bound=float(d.get("bound", 0)),
            status=str(d.get("status", "UNKNOWN")),
            scheduled_weight=int(d.get("scheduled_weight", 0)),
            stats=dict(d.get("stats", {})),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"cannot read schedule JSON: {exc!r}") from exc


def read_problem(path: str | Path) -> Problem:
    """Read a problem from ``.json`` or ``.dzn``."""
    p = Path(path)
    if p.suffix == ".dzn":
        from .dzn import read_dzn

        return read_dzn(p)
    try:
        data = json.loads(p.read_text())
    except json.JSONDecodeError as exc:
        raise FormatError(f"{p}: not JSON ({exc})") from exc
    prob = problem_from_dict(data)
    if not prob.name:
        prob.name = p.stem
    return prob


def write_problem(problem: Problem, path: str | Path) -> None:
    Path(path).write_text(json.dumps(problem_to_dict(problem), indent=1))


def read_schedule(path: str | Path) -> Schedule:
    try:
        return schedule_from_dict(json.loads(Path(path).read_text()))
    except json.JSONDecodeError as exc:
        raise FormatError(f"{path}: not JSON ({exc})") from exc


def write_schedule(schedule: Schedule, path: str | Path) -> None:
    Path(path).write_text(json.dumps(schedule_to_dict(schedule), indent=1, default=str))
