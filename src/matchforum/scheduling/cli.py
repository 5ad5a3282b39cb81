"""Command line: ``python -m matchforum.scheduling solve|check``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .errors import SchedulingError
from .jsonio import read_problem, read_schedule, schedule_to_dict, write_schedule
from .progress import Progress
from .solver import solve
from .validate import validate


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m matchforum.scheduling")
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("solve", help="schedule a problem (.dzn or .json)")
    s.add_argument("file")
    s.add_argument(
        "--fairness",
        type=int,
        default=None,
        help="max - min breaks (default: the problem's, 2 for .dzn files)",
    )
    s.add_argument("--time-limit", type=float, default=60.0)
    s.add_argument("--workers", type=int, default=2)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--out", help="write the schedule JSON here (default: stdout)")
    s.add_argument("--quiet", action="store_true", help="no progress on stderr")
    c = sub.add_parser("check", help="validate a schedule JSON against a problem")
    c.add_argument("file")
    c.add_argument("schedule")
    c.add_argument("--fairness", type=int, default=None)
    args = ap.parse_args(argv)
    try:
        if args.cmd == "solve":
            return _solve(args)
        return _check(args)
    except (SchedulingError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _fairness(args: argparse.Namespace, problem_fairness: int | None, path: str) -> int | None:
    if args.fairness is not None:
        return int(args.fairness)
    if problem_fairness is None and path.endswith(".dzn"):
        return 2
    return problem_fairness


def _solve(args: argparse.Namespace) -> int:
    problem = read_problem(args.file)
    d = _fairness(args, problem.fairness, args.file)

    def progress(p: Progress) -> None:
        if not args.quiet:
            print(f"[{p.elapsed:7.2f}s] {p.phase}: best {p.best} bound {p.bound}", file=sys.stderr)

    sched = solve(
        problem,
        fairness=d,
        time_limit=args.time_limit,
        workers=args.workers,
        seed=args.seed,
        callback=progress,
    )
    rep = validate(problem, sched, fairness=d)
    if args.out:
        write_schedule(sched, args.out)
    else:
        print(json.dumps(schedule_to_dict(sched), default=str))
    print(
        f"{problem.name}: {sched.status}, {sched.n_scheduled}/{len(problem.meetings)} meetings, "
        f"{sched.breaks} breaks (bound {sched.bound}), proven optimal {sched.proven_optimal}, "
        f"{sched.stats.get('seconds')} s; check: {'valid' if rep.ok else 'INVALID'}",
        file=sys.stderr,
    )
    if not rep.ok:
        print(str(rep), file=sys.stderr)
    return 0 if rep.ok else 1


def _check(args: argparse.Namespace) -> int:
    problem = read_problem(args.file)
    sched = read_schedule(args.schedule)
    d = _fairness(args, problem.fairness, args.file)
    rep = validate(problem, sched, fairness=d)
    print(str(rep))
    return 0 if rep.ok else 1
