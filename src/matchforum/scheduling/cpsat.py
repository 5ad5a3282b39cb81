"""The CP-SAT model of the scheduling problem.

Variables: ``x[k, s]`` meeting k in slot s (only allowed slots); ``busy[p, s]`` participant
p busy in slot s (the sum of its meetings' ``x`` in s, so at most one of its meetings per
slot); ``start[p, s]`` a block of busy slots starts at s, reified in both directions so
that break counts are exact (the solver can never invent a break to satisfy fairness).
A participant's breaks are its block starts minus the days it is busy.

Implied constraints from Bofill et al. (2022): a participant with |M| meetings is busy in
exactly |M| slots; in each slot the number of busy participants is exactly the number of
participants of its meetings (twice the number of meetings without attendees).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .model import Problem


@dataclass
class CpModel:
    """A built CP-SAT model and the handles needed to read a solution back."""

    problem: Problem
    model: cp_model.CpModel
    x: dict[tuple[int, int], cp_model.IntVar]
    scheduled: list[cp_model.IntVar | int]
    busy: dict[tuple[int, int], cp_model.IntVar]
    breaks: list[cp_model.LinearExprT]
    total_breaks: cp_model.LinearExprT
    weight_expr: cp_model.LinearExprT
    lower_bound: int = 0
    extra: dict[str, object] = field(default_factory=dict)

    def slots_of(self, solver: cp_model.CpSolver) -> list[int | None]:
        out: list[int | None] = []
        allowed = self.problem.allowed_slots
        for k in range(len(self.problem.meetings)):
            slot = None
            for s in allowed[k]:
                if solver.BooleanValue(self.x[k, s]):
                    slot = s
                    break
            out.append(slot)
        return out


def build_model(
    problem: Problem,
    fairness: int | None,
    optional: bool | None = None,
    break_cap: list[int] | None = None,
    required: set[int] | frozenset[int] = frozenset(),
) -> CpModel:
    """Build the model. ``optional`` lets meetings be unscheduled (default: the problem's).

    ``break_cap`` optionally caps each participant's breaks; meetings in ``required`` are
    scheduled even when the others are optional (repair pins them).
    """
    opt = problem.allow_unscheduled if optional is None else optional
    m = cp_model.CpModel()
    allowed = problem.allowed_slots
    n_p = len(problem.participants)
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    scheduled: list[cp_model.IntVar | int] = []
    for k, slots in enumerate(allowed):
        lits = []
        for s in slots:
            v = m.NewBoolVar(f"x{k}_{s}")
            x[k, s] = v
            lits.append(v)
        if opt and k not in required:
            u = m.NewBoolVar(f"u{k}")
            m.Add(sum(lits) == u)
            scheduled.append(u)
        else:
            m.AddExactlyOne(lits)
            scheduled.append(1)

    # participant busy variables
    busy: dict[tuple[int, int], cp_model.IntVar] = {}
    busy_slots: list[list[int]] = []
    n_sched_of: list[cp_model.LinearExprT] = []
    for p in range(n_p):
        mine = problem.meetings_of[p]
        per_slot: dict[int, list[cp_model.IntVar]] = {}
        for k in mine:
            for s in allowed[k]:
                per_slot.setdefault(s, []).append(x[k, s])
        busy_slots.append(sorted(per_slot))
        for s, lits in per_slot.items():
            if len(lits) == 1:
                busy[p, s] = lits[0]
            else:
                b = m.NewBoolVar(f"b{p}_{s}")
                m.Add(sum(lits) == b)
                busy[p, s] = b
        cnt = sum(scheduled[k] for k in mine)
        n_sched_of.append(cnt)
        if per_slot:
            # implied 1: busy in exactly as many slots as (scheduled) meetings
            m.Add(sum(busy[p, s] for s in per_slot) == cnt)
        cap = problem.participants[p].max_meetings
        if cap is not None and mine:
            m.Add(sum(scheduled[k] for k in mine) <= cap)

    # capacity per slot + implied 2 (busy participants = participants of its meetings)
    size = [len(people) for people in problem.meeting_participants]
    for s in problem.slots:
        here = [k for k in range(len(allowed)) if (k, s) in x]
        onsite = [x[k, s] for k in here if not problem.meetings[k].online]
        online = [x[k, s] for k in here if problem.meetings[k].online]
        seats = [size[k] * x[k, s] for k in here]
        if onsite and len(onsite) > problem.tables[s - 1]:
            m.Add(sum(onsite) <= problem.tables[s - 1])
        if online and len(online) > problem.online_capacity[s - 1]:
            m.Add(sum(online) <= problem.online_capacity[s - 1])
        bs = [busy[p, s] for p in range(n_p) if (p, s) in busy]
        if bs and (onsite or online):
            m.Add(sum(bs) == sum(seats))

    # meetings pinned to the same table never share a slot
    groups: dict[int, list[int]] = {}
    for k, mt in enumerate(problem.meetings):
        if mt.pinned_table is not None:
            groups.setdefault(mt.pinned_table, []).append(k)
    for group in groups.values():
        if len(group) > 1:
            for s in problem.slots:
                lits = [x[k, s] for k in group if (k, s) in x]
                if len(lits) > 1:
                    m.AddAtMostOne(lits)

    # precedences on slot numbers
    if problem.precedences:
        t = {}
        for k, slots in enumerate(allowed):
            if slots:
                t[k] = m.NewIntVar(min(slots), max(slots), f"t{k}")
                c = m.Add(t[k] == sum(s * x[k, s] for s in slots))
                if not isinstance(scheduled[k], int):
                    c.OnlyEnforceIf(scheduled[k])
        for i, j in problem.precedences:
            if i not in t or j not in t:
                continue
            c = m.Add(t[i] < t[j])
            lits = [scheduled[q] for q in (i, j) if not isinstance(scheduled[q], int)]
            if lits:
                c.OnlyEnforceIf(lits)

    # exact break counting
    day_of = problem.day_of_slot
    breaks: list[cp_model.LinearExprT] = []
    for p in range(n_p):
        ps = busy_slots[p]
        mine = problem.meetings_of[p]
        if len(mine) < 2 or not ps:
            breaks.append(0)
            continue
        starts = []
        days_used = []
        by_day: dict[int, list[int]] = {}
        for s in ps:
            by_day.setdefault(day_of[s], []).append(s)
        for _day, ds in by_day.items():
            dset = set(ds)
            for s in ds:
                cur = busy[p, s]
                if s - 1 in dset:
                    prev = busy[p, s - 1]
                    st = m.NewBoolVar(f"st{p}_{s}")
                    m.AddBoolOr([cur.Not(), prev, st])  # cur & !prev -> st
                    m.AddImplication(st, cur)
                    m.AddImplication(st, prev.Not())
                    starts.append(st)
                else:
                    starts.append(cur)
            if len(by_day) == 1 and not opt:
                days_used.append(1)
            else:
                used = m.NewBoolVar(f"d{p}_{_day}")
                lits = [busy[p, s] for s in ds]
                m.AddBoolOr(lits).OnlyEnforceIf(used)
                for lit in lits:
                    m.AddImplication(lit, used)
                days_used.append(used)
        hi = max(0, len(mine) - 1)
        if break_cap is not None:
            hi = min(hi, break_cap[p])
        bp = m.NewIntVar(0, hi, f"br{p}")
        m.Add(bp == sum(starts) - sum(days_used))
        breaks.append(bp)

    if fairness is not None and n_p:
        zero_somewhere = any(isinstance(b, int) for b in breaks)
        vars_ = [b for b in breaks if not isinstance(b, int)]
        if zero_somewhere:
            for b in vars_:
                m.Add(b <= fairness)
        elif vars_:
            top = max(len(problem.meetings_of[p]) for p in range(n_p))
            mx = m.NewIntVar(0, top, "maxbreaks")
            mn = m.NewIntVar(0, top, "minbreaks")
            m.AddMaxEquality(mx, vars_)
            m.AddMinEquality(mn, vars_)
            m.Add(mx - mn <= fairness)
    total = sum(b for b in breaks if not isinstance(b, int))
    weight = sum(problem.meetings[k].weight * scheduled[k] for k in range(len(allowed)))
    return CpModel(problem, m, x, scheduled, busy, breaks, total, weight)
