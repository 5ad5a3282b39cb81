"""Scheduling benchmark: the 20 real B2B instances, large generated forums, repair.

    python bench/bench_schedule.py [--instances DIR] [--time-limit S] [--only NAME]
                                   [--large] [--repair] [--workers N] [--skip-real]

``make bench-schedule`` runs ``--large``: the real instances, then the generated
forums, then the repair (``--large`` implies ``--repair``).

Every schedule is checked by the independent validator; the breaks printed are the
validator's, never the solver's. The instance directory defaults to
../shared/benchmarks/b2b beside the repository (or $MATCHFORUM_B2B_DIR).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.schedule_gen import generate_forum  # noqa: E402
from matchforum.scheduling import (  # noqa: E402
    AddMeeting,
    CancelMeeting,
    ForbidSlots,
    Meeting,
    read_dzn,
    repair,
    solve,
    validate,
)
from matchforum.scheduling.heuristic import simple_lower_bound  # noqa: E402


def default_dir() -> Path:
    env = os.environ.get("MATCHFORUM_B2B_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared/benchmarks/b2b"


def cpu_seconds() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()
    return (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, nproc {os.cpu_count()}, "
        f"{model}, Python {platform.python_version()}, load average {load[0]:.1f}"
    )


def run_real(args: argparse.Namespace) -> None:
    base = Path(args.instances)
    pub = {r["instance"]: r for r in csv.DictReader((base / "published.csv").open())}
    names = [args.only] if args.only else sorted(pub)
    print(
        f"{'instance':16s} {'part':>4s} {'meet':>4s} {'breaks':>6s} {'pub':>4s} "
        f"{'optimal':>7s} {'seconds':>8s} {'cpu_s':>7s}  check"
    )
    secs, n_opt, n_ok = [], 0, 0
    for name in names:
        problem = read_dzn(base / "instances" / f"{name}.dzn")
        c0, t0 = cpu_seconds(), time.perf_counter()
        sched = solve(problem, fairness=2, time_limit=args.time_limit, workers=args.workers)
        el, cpu = time.perf_counter() - t0, cpu_seconds() - c0
        rep = validate(problem, sched, fairness=2)
        published = int(pub[name]["published_optimum_breaks"])
        good = rep.ok and sched.proven_optimal and rep.breaks == published
        n_opt += good
        n_ok += rep.ok
        secs.append(el)
        print(
            f"{name:16s} {len(problem.participants):4d} {len(problem.meetings):4d} "
            f"{rep.breaks if rep.ok else '-':>6} {published:4d} {sched.proven_optimal!s:>7s} "
            f"{el:8.2f} {cpu:7.2f}  {'valid' if rep.ok else 'INVALID'}",
            flush=True,
        )
    print(
        f"solved to the published optimum and proven: {n_opt}/{len(names)}; valid {n_ok}; "
        f"median {statistics.median(secs):.2f} s; max {max(secs):.2f} s; "
        f"total {sum(secs):.1f} s"
    )


def run_large(args: argparse.Namespace) -> None:
    print(
        f"{'forum':24s} {'part':>5s} {'meet':>6s} {'tables':>6s} {'breaks':>6s} {'bound':>5s} "
        f"{'gap':>6s} {'seconds':>7s}  check"
    )
    for n, m in ((500, 5000), (2000, 20000)):
        problem = generate_forum(n, m, seed=args.seed)
        t0 = time.perf_counter()
        sched = solve(problem, time_limit=60, workers=args.workers)
        el = time.perf_counter() - t0
        rep = validate(problem, sched)
        lb = max(simple_lower_bound(problem), int(sched.bound))
        print(
            f"{problem.name:24s} {n:5d} {len(problem.meetings):6d} {problem.tables[0]:6d} "
            f"{rep.breaks:6d} {lb:5d} {rep.breaks - lb:6d} {el:7.2f}  "
            f"{'valid' if rep.ok else 'INVALID'}",
            flush=True,
        )


def random_changes(problem, published, rng: random.Random, share: float = 0.05):  # type: ignore[no-untyped-def]
    """About ``share`` x meetings changes: cancellations, additions, new forbidden slots."""
    n = max(1, round(len(problem.meetings) * share))
    changes = []
    ids = [p.id for p in problem.participants]
    cancelled = set()
    for i in range(n):
        kind = i % 3
        if kind == 0:
            k = rng.randrange(len(problem.meetings))
            if k not in cancelled:
                cancelled.add(k)
                changes.append(CancelMeeting(k))
        elif kind == 1:
            a, b = rng.sample(ids, 2)
            changes.append(AddMeeting(Meeting(a, b, id=f"new{i}")))
        else:
            k = rng.randrange(len(problem.meetings))
            s = published.slots[k]
            changes.append(ForbidSlots(problem.meetings[k].a, frozenset({s})))
    return changes


def run_repair(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    problem = generate_forum(150, 1500, seed=args.seed)
    published = solve(problem, time_limit=30, workers=args.workers, method="heuristic")
    assert validate(problem, published).ok
    changes = random_changes(problem, published, rng)
    t0 = time.perf_counter()
    res = repair(problem, published, changes, time_limit=5.0, workers=args.workers)
    el = time.perf_counter() - t0
    rep = validate(res.problem, res.schedule)
    # lower bound on moves: published meetings that cannot stay (their slot became
    # forbidden for a participant)
    forced = 0
    for new_k, old_k in enumerate(res.old_index):
        if old_k is None:
            continue
        s = published.slots[old_k]
        m = res.problem.meetings[new_k]
        people = res.problem.participant_index
        forb = (
            res.problem.participants[people[m.a]].forbidden
            | res.problem.participants[people[m.b]].forbidden
        )
        forced += s in forb
    print(
        f"repair: {len(problem.meetings)} meetings, {res.changes} changes, moved {res.moved} "
        f"(forced at least {forced}), unscheduled {len(res.schedule.unscheduled)}, "
        f"breaks {rep.breaks} (published {published.breaks}), {el:.2f} s, "
        f"status {res.schedule.status}, check {'valid' if rep.ok else 'INVALID'}"
        f"\n  {res.stats}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--instances", default=str(default_dir()))
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--only")
    ap.add_argument("--large", action="store_true", help="also the generated large forums")
    ap.add_argument("--repair", action="store_true", help="also the repair benchmark")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-real", action="store_true")
    args = ap.parse_args()
    print(machine())
    if not args.skip_real:
        run_real(args)
    if args.large:
        run_large(args)
    if args.repair or args.large:
        run_repair(args)


if __name__ == "__main__":
    main()
