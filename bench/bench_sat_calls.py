"""Conflicts, decisions and propagations of one SAT worker per call of the bound search.

    python bench/bench_sat_calls.py [--instances DIR] [--precedences N] [--mode 0|1]
                                    [--budget CONFLICTS] [--only NAME] [--opts JSON]

Runs the upward bound search of one portfolio worker (``--mode``: its index in
``satsearch.portfolio``) in this process on each real instance, optionally with the
benchmark's random precedences (``bench_schedule.with_precedences``, seed 1), and prints
CaDiCaL's counters per instance and for the last calls (B, U/S/? = refuted, satisfied,
budget spent). CaDiCaL is deterministic, so the counts do not depend on the machine's
load: this is how encodings are compared on a shared machine. No timings are printed.
``--opts`` overrides encoding options, e.g. ``'{"windows": true}'``. The search stops at
a refutation with no failed assumption (infeasible), as the workers do.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from pysat.solvers import Solver  # noqa: E402

from bench.bench_schedule import default_dir  # noqa: E402
from bench.schedule_gen import with_precedences  # noqa: E402
from matchforum.scheduling import Schedule, read_dzn, validate  # noqa: E402
from matchforum.scheduling.satenc import attach_totalizer, encode  # noqa: E402
from matchforum.scheduling.satsearch import (  # noqa: E402
    SAT_SOLVER,
    _bound_assumption,
    _decode,
    portfolio,
)

COUNTERS = ("conflicts", "decisions", "propagations")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--instances", default=str(default_dir()))
    ap.add_argument("--precedences", type=int, default=10)
    ap.add_argument("--mode", type=int, default=0)
    ap.add_argument("--budget", type=int, default=300_000)
    ap.add_argument("--only")
    ap.add_argument("--opts", default="{}")
    args = ap.parse_args()
    base = Path(args.instances)
    names = (
        [args.only]
        if args.only
        else sorted(r["instance"] for r in csv.DictReader((base / "published.csv").open()))
    )
    extra = json.loads(args.opts)
    total = 0
    for name in names:
        problem = read_dzn(base / "instances" / f"{name}.dzn")
        if args.precedences:
            problem = with_precedences(problem, args.precedences, 1)
        problem.check()
        mode, opts = portfolio(problem, 2, 2)[args.mode]
        e = encode(problem, 2, **{**opts, **extra})
        attach_totalizer(e, min(len(e.break_lits), 60))
        assert e.totalizer is not None
        solver = Solver(name=SAT_SOLVER, bootstrap_with=e.clauses)
        solver.append_formula(e.totalizer.cnf.clauses)
        calls, b, prev = [], 0, dict.fromkeys(COUNTERS, 0)
        while True:
            solver.conf_budget(max(1, args.budget - prev["conflicts"]))
            answer = solver.solve_limited(assumptions=_bound_assumption(e, solver, b))
            stats = solver.accum_stats()
            now = {k: stats.get(k, 0) for k in COUNTERS}
            mark = "S" if answer else ("U" if answer is False else "?")
            calls.append(f"{b}{mark} {(now['conflicts'] - prev['conflicts']) / 1000:.1f}k")
            prev = now
            if answer is None:
                result = "budget spent"
                break
            if answer:
                slots, breaks = _decode(e, solver.get_model())
                sched = Schedule(slots=list(slots), tables=[None] * len(slots), breaks=breaks)
                ok = validate(problem, sched, fairness=2, check_tables=False).ok
                result = f"optimum {breaks} {'valid' if ok else 'INVALID'}"
                break
            if b >= len(e.break_lits) or not solver.get_core():
                result = f"infeasible (refuted without a bound at B={b})"
                break
            b += 1
        solver.delete()
        total += prev["conflicts"]
        print(
            f"{name:15s} {mode:18s} vars {e.top:6d} clauses {len(e.clauses):7d} "
            f"conflicts {prev['conflicts'] / 1000:7.1f}k "
            f"decisions {prev['decisions'] / 1000:6.0f}k "
            f"propagations {prev['propagations'] / 1e6:6.1f}M  {result} | "
            f"{'; '.join(calls[-4:])} ({len(calls)} calls)",
            flush=True,
        )
    print(f"total conflicts {total / 1000:.0f}k")


if __name__ == "__main__":
    main()
