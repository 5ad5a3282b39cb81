"""Reader and writer for the MiniZinc data format of the B2B benchmark.

Fields: ``nBusiness``, ``nMeetings``, ``nTables``, ``nTotalSlots``, ``nMorningSlots``,
``requested`` (rows ``a, b, session`` with session 1 morning, 2 afternoon, 3 either) and
the optional ``forbidden`` (one slot set per participant, ``0`` ignored), ``fixed`` (one
slot per meeting, ``0`` = not pinned) and ``precedences`` (one set per meeting m: the
meetings that must take place strictly before m). ``meetingsxBusiness`` and
``nMeetingsBusiness`` are derived data and are ignored when reading (their index base
differs between files; ``requested`` is the source of truth).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import FormatError
from .model import Meeting, Participant, Problem, Session

_TOKEN = re.compile(r"\[\||\|\]|\d+\s*\.\.\s*\d+|-?\d+|[A-Za-z_]\w*|[\[\]{}|,;=]|\S")


def _strip_comments(text: str) -> str:
    return "\n".join(line.split("%", 1)[0] for line in text.splitlines())


def parse_dzn(text: str) -> dict[str, Any]:
    """Parse the assignments of a DZN file into Python values (ints, lists, sets)."""
    out: dict[str, Any] = {}
    for stmt in _strip_comments(text).split(";"):
        if not stmt.strip():
            continue
        if "=" not in stmt:
            raise FormatError(f"cannot read DZN statement {stmt.strip()[:40]!r}")
        name, value = stmt.split("=", 1)
        name = name.strip()
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise FormatError(f"bad DZN name {name!r}")
        out[name] = _parse_value(value.strip(), name)
    return out


def _parse_value(v: str, name: str) -> Any:
    try:
        if re.fullmatch(r"-?\d+", v):
            return int(v)
        if v.startswith("[|"):
            body = v[2:].rstrip()
            if not body.endswith("|]"):
                raise ValueError
            body = body[:-2]
            rows = [r for r in body.split("|") if r.strip()]
            return [[int(x) for x in r.replace(" ", "").split(",") if x.strip()] for r in rows]
        if v.startswith("["):
            inner = v[1:-1].strip()
            if not inner:
                return []
            if "{" in inner or ".." in inner:
                return [_parse_set(x) for x in re.findall(r"\{[^}]*\}|\d+\s*\.\.\s*\d+", inner)]
            return [int(x) for x in inner.split(",") if x.strip()]
        if v.startswith("{") or ".." in v:
            return _parse_set(v)
    except ValueError:
        pass
    raise FormatError(f"cannot read the value of {name}")


def _parse_set(v: str) -> set[int]:
    v = v.strip()
    if ".." in v and not v.startswith("{"):
        lo, hi = (int(x) for x in v.split(".."))
        return set(range(lo, hi + 1))
    inner = v.strip("{}").strip()
    out: set[int] = set()
    for part in inner.split(","):
        part = part.strip()
        if not part:
            continue
        if ".." in part:
            lo, hi = (int(x) for x in part.split(".."))
            out.update(range(lo, hi + 1))
        else:
            out.add(int(part))
    return out


def problem_from_dzn(text: str, name: str = "") -> Problem:
    """Build a :class:`Problem` from DZN text (participants are named ``"1".."n"``)."""
    d = parse_dzn(text)
    for key in ("nBusiness", "nTables", "nTotalSlots", "nMorningSlots", "requested"):
        if key not in d:
            raise FormatError(f"DZN data lacks {key}")
    n, tables, n_slots, k = d["nBusiness"], d["nTables"], d["nTotalSlots"], d["nMorningSlots"]
    requested = d["requested"]
    if "nMeetings" in d and d["nMeetings"] != len(requested):
        raise FormatError(f"nMeetings is {d['nMeetings']} but requested has {len(requested)} rows")
    if not 0 <= k <= n_slots:
        raise FormatError(f"nMorningSlots {k} is outside 0..{n_slots}")
    sessions = []
    if k >= 1:
        sessions.append(Session("morning", 1, k, 1))
    if k < n_slots:
        sessions.append(Session("afternoon", k + 1, n_slots, 1))
    forbidden = d.get("forbidden") or [set() for _ in range(n)]
    if len(forbidden) != n:
        raise FormatError(f"forbidden has {len(forbidden)} entries for {n} participants")
    participants = [
        Participant(str(i + 1), forbidden=frozenset(s for s in forbidden[i] if s != 0))
        for i in range(n)
    ]
    fixed = d.get("fixed") or [0] * len(requested)
    if len(fixed) != len(requested):
        raise FormatError(f"fixed has {len(fixed)} entries for {len(requested)} meetings")
    meetings = []
    for i, row in enumerate(requested):
        if len(row) != 3:
            raise FormatError(f"requested row {i + 1} has {len(row)} values, expected 3")
        a, b, sess = row
        if sess == 1:
            names: tuple[str, ...] | None = ("morning",)
        elif sess == 2:
            names = ("afternoon",)
        elif sess == 3:
            names = None
        else:
            raise FormatError(f"requested row {i + 1} has session {sess} (expected 1, 2 or 3)")
        meetings.append(
            Meeting(str(a), str(b), sessions=names, pinned_slot=fixed[i] or None, id=str(i + 1))
        )
    precedences: list[tuple[int, int]] = []
    prec = d.get("precedences") or []
    if prec and len(prec) != len(requested):
        raise FormatError(f"precedences has {len(prec)} entries for {len(requested)} meetings")
    for j, before in enumerate(prec):
        for i in sorted(before):
            if i == 0:
                continue
            if not 1 <= i <= len(requested):
                raise FormatError(f"precedences of meeting {j + 1} names unknown meeting {i}")
            precedences.append((i - 1, j))
    return Problem(
        participants, meetings, sessions, [tables] * n_slots, precedences=precedences, name=name
    )


def read_dzn(path: str | Path) -> Problem:
    p = Path(path)
    return problem_from_dzn(p.read_text(), name=p.stem)


def problem_to_dzn(problem: Problem) -> str:
    """Write ``problem`` in the benchmark's DZN format.

    Only problems that fit the format can be written: one day, at most two sessions,
    the same number of tables in every slot, participants ``"1".."n"`` in order, onsite
    meetings of two participants (no attendees).
    """
    with_attendees = [k + 1 for k, m in enumerate(problem.meetings) if m.attendees]
    if with_attendees:
        raise FormatError(
            f"DZN holds meetings of two participants only; meetings {with_attendees[:5]} "
            "have attendees (write JSON instead)"
        )
    ps = problem.participants
    if [p.id for p in ps] != [str(i + 1) for i in range(len(ps))]:
        raise FormatError('DZN needs participants named "1".."n" in order')
    if len(set(problem.tables)) > 1:
        raise FormatError("DZN needs the same number of tables in every slot")
    sessions = sorted(problem.sessions, key=lambda s: s.first)
    if len(sessions) > 2 or len({s.day for s in sessions}) > 1:
        raise FormatError("DZN holds one day with at most two sessions")
    if any(m.online for m in problem.meetings):
        raise FormatError("DZN has no online meetings")
    n_slots = problem.n_slots
    morning = sessions[0].last if len(sessions) == 2 else n_slots
    first_name = sessions[0].name
    rows = []
    for m in problem.meetings:
        if m.sessions is None or set(m.sessions) >= {s.name for s in sessions}:
            code = 3
        elif m.sessions == (first_name,) or (len(sessions) == 1):
            code = 1
        else:
            code = 2
        rows.append(f"{m.a}, {m.b}, {code}")
    of = problem.meetings_of
    lines = [
        f"nBusiness = {len(ps)};",
        f"nMeetings = {len(problem.meetings)};",
        f"nTables = {problem.tables[0] if problem.tables else 0};",
        f"nTotalSlots = {n_slots};",
        f"nMorningSlots = {morning};",
        "",
        "requested = [|" + "\n|".join(rows) + "|];" if rows else "requested = [| |];",
        "",
        "meetingsxBusiness = ["
        + ",\n".join(
            "{" + ",".join(str(k + 1) for k in sorted(of[i])) + "}" for i in range(len(ps))
        )
        + "];",
        "",
        "nMeetingsBusiness = [" + ",".join(str(len(of[i])) for i in range(len(ps))) + "];",
        "",
        "forbidden = ["
        + ",\n".join("{" + ",".join(map(str, sorted(p.forbidden))) + "}" for p in ps)
        + "];",
        "",
        "fixed = [" + ",".join(str(m.pinned_slot or 0) for m in problem.meetings) + "];",
        "",
    ]
    before: list[list[int]] = [[] for _ in problem.meetings]
    for i, j in problem.precedences:
        before[j].append(i + 1)
    lines.append(
        "precedences = ["
        + ",\n".join("{" + ",".join(map(str, sorted(b))) + "}" for b in before)
        + "];"
    )
    return "\n".join(lines) + "\n"


def write_dzn(problem: Problem, path: str | Path) -> None:
    Path(path).write_text(problem_to_dzn(problem))
