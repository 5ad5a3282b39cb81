"""Scheduling benchmark: the 20 real B2B instances, large generated forums, repair.

    python bench/bench_schedule.py [--instances DIR] [--time-limit S] [--only NAME]
                                   [--large] [--repair] [--workers N] [--skip-real]
                                   [--demo] [--demo-large]

``make bench-schedule`` runs ``--large --demo --demo-large``: the real instances, the
generated forums, the repair (``--large`` implies ``--repair``), then the demo forums
(small: 60 s; large, 3,000 organisations: 300 s) seeded into a throw-away SQLite database
and scheduled through ``manage.py schedule_forum`` -- the console's path, as a whole
process -- beside the constructive heuristic alone (``--method heuristic``).

Every schedule is checked by the independent validator; the breaks printed are the
validator's, never the solver's. The instance directory defaults to
../shared/benchmarks/b2b beside the repository (or $MATCHFORUM_B2B_DIR).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.schedule_gen import generate_forum, with_precedences  # noqa: E402
from matchforum.scheduling import (  # noqa: E402
    AddMeeting,
    CancelMeeting,
    ForbidSlots,
    Meeting,
    read_dzn,
    read_schedule,
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


#: Whole-process seconds of the public PySAT implementation of the paper's encodings
#: (incremental CaDiCaL), measured beside ours in one alternating run on this project's
#: machine (issue 16). It is the reference for the whole-process column only: never
#: compare it with in-process times.
PEER_WHOLE_PROCESS = {
    "forum-13": 6.00,
    "forum-13crafb": 35.0,
    "forum-13crafc": 11.9,
    "forum-14": 20.4,
    "forumt-14": 0.97,
    "forumt-14crafc": 0.81,
    "forumt-14crafd": 2.01,
    "forumt-14crafe": 1.78,
    "tic-12": 0.40,
    "tic-12crafc": 0.45,
    "tic-13": 1.61,
    "tic-13crafb": 0.52,
    "tic-13crafc": 2.4,
    "tic-14crafa": 2.08,
    "tic-14crafc": 2.22,
    "tic-14crafd": 2.31,
    "ticf-13crafa": 5.47,
    "ticf-13crafb": 23.6,
    "ticf-13crafc": 13.2,
    "ticf-14crafa": 39.5,
}


def cli_env() -> dict[str, str]:
    """The environment of a user's shell: Python caches the package's bytecode as it does
    by default (a sandbox's PYTHONDONTWRITEBYTECODE would make every run compile it)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm_cli() -> None:
    """One run before the timed ones, as a user's first run writes the bytecode cache."""
    cmd = [sys.executable, "-m", "matchforum.scheduling", "--help"]
    subprocess.run(cmd, env=cli_env(), capture_output=True, check=False)
    code = "import matchforum.scheduling.satsearch, matchforum.scheduling.localsearch"
    subprocess.run([sys.executable, "-c", code], env=cli_env(), capture_output=True, check=False)


def whole_process(path: Path, args: argparse.Namespace, out: Path) -> tuple[float, bool, bool]:
    """Seconds of ``python -m matchforum.scheduling solve`` as a user runs it (start-up,
    parse, encode, solve, write), and whether its schedule is proven optimal and valid."""
    cmd = [
        sys.executable,
        "-m",
        "matchforum.scheduling",
        "solve",
        str(path),
        "--fairness",
        "2",
        "--time-limit",
        str(args.time_limit),
        "--workers",
        str(args.workers),
        "--quiet",
        "--out",
        str(out),
    ]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=cli_env(), capture_output=True, text=True, check=False)
    el = time.perf_counter() - t0
    if not out.exists():
        return el, False, False
    problem = read_dzn(path)
    sched = read_schedule(out)
    return (
        el,
        sched.proven_optimal,
        done.returncode == 0 and validate(problem, sched, fairness=2).ok,
    )


def run_real(args: argparse.Namespace) -> None:
    base = Path(args.instances)
    pub = {r["instance"]: r for r in csv.DictReader((base / "published.csv").open())}
    names = [args.only] if args.only else sorted(pub)
    print(
        "in-process: solve() in this process; whole process: the CLI as a user runs it "
        "(start-up included, bytecode cached after one warm-up run); peer: the public "
        "implementation, whole process"
    )
    warm_cli()
    print(
        f"{'instance':16s} {'part':>4s} {'meet':>4s} {'breaks':>6s} {'pub':>4s} "
        f"{'optimal':>7s} {'in-proc':>8s} {'cpu_s':>7s} {'whole':>7s} {'peer':>6s} "
        f"{'ratio':>5s}  check"
    )
    secs, wholes, n_opt, n_ok, slower = [], [], 0, 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            path = base / "instances" / f"{name}.dzn"
            problem = read_dzn(path)
            c0, t0 = cpu_seconds(), time.perf_counter()
            sched = solve(problem, fairness=2, time_limit=args.time_limit, workers=args.workers)
            el, cpu = time.perf_counter() - t0, cpu_seconds() - c0
            rep = validate(problem, sched, fairness=2)
            published = int(pub[name]["published_optimum_breaks"])
            good = rep.ok and sched.proven_optimal and rep.breaks == published
            whole, whole_opt, whole_ok = whole_process(path, args, Path(tmp) / f"{name}.json")
            good = good and whole_opt and whole_ok
            n_opt += good
            n_ok += rep.ok and whole_ok
            secs.append(el)
            wholes.append(whole)
            peer = PEER_WHOLE_PROCESS.get(name)
            ratio = f"{whole / peer:5.2f}" if peer else "    -"
            slower += bool(peer and whole > peer)
            print(
                f"{name:16s} {len(problem.participants):4d} {len(problem.meetings):4d} "
                f"{rep.breaks if rep.ok else '-':>6} {published:4d} {sched.proven_optimal!s:>7s} "
                f"{el:8.2f} {cpu:7.2f} {whole:7.2f} {peer or 0:6.2f} {ratio}  "
                f"{'valid' if rep.ok and whole_ok else 'INVALID'}",
                flush=True,
            )
    print(
        f"solved to the published optimum and proven (both ways): {n_opt}/{len(names)}; "
        f"valid {n_ok}; in-process median {statistics.median(secs):.2f} s, total "
        f"{sum(secs):.1f} s; whole-process median {statistics.median(wholes):.2f} s, total "
        f"{sum(wholes):.1f} s"
    )
    peers = [PEER_WHOLE_PROCESS[n] for n in names if n in PEER_WHOLE_PROCESS]
    if len(peers) == len(names):
        ratios = [w / PEER_WHOLE_PROCESS[n] for n, w in zip(names, wholes, strict=True)]
        print(
            f"whole process against the peer's: total {sum(wholes):.1f} s / {sum(peers):.1f} s, "
            f"geometric mean of ratios {statistics.geometric_mean(ratios):.2f}, "
            f"{slower} instance(s) slower than the peer's figure"
        )


def run_precedences(args: argparse.Namespace) -> None:
    """The real instances with random precedences added (data we made ourselves from the
    real instances: no published optimum exists for them), in-process."""
    base = Path(args.instances)
    pub = {r["instance"]: r for r in csv.DictReader((base / "published.csv").open())}
    names = [args.only] if args.only else sorted(pub)
    n = args.precedences
    print(f"the real instances with {n} random precedences each (seed {args.seed}), in-process")
    print(
        f"{'instance':16s} {'pub':>4s} {'breaks':>6s} {'status':>10s} {'proven':>6s} "
        f"{'seconds':>8s}  check"
    )
    secs, proven = [], 0
    for name in names:
        problem = with_precedences(read_dzn(base / "instances" / f"{name}.dzn"), n, args.seed)
        t0 = time.perf_counter()
        sched = solve(problem, fairness=2, time_limit=args.time_limit, workers=args.workers)
        el = time.perf_counter() - t0
        rep = validate(problem, sched, fairness=2)
        secs.append(el)
        infeasible = sched.status == "INFEASIBLE"
        proven += (sched.proven_optimal and rep.ok) or infeasible
        check = "valid" if rep.ok else "INVALID: " + "; ".join(rep.errors[:2])
        print(
            f"{name:16s} {pub[name]['published_optimum_breaks']:>4s} "
            f"{rep.breaks if rep.ok else '-':>6} {sched.status:>10s} {sched.proven_optimal!s:>6s} "
            f"{el:8.2f}  {'proven infeasible' if infeasible else check}",
            flush=True,
        )
    print(
        f"with {n} precedences: proven optimal or infeasible {proven}/{len(names)}; median "
        f"{statistics.median(secs):.2f} s, total {sum(secs):.1f} s"
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


def run_demo(args: argparse.Namespace, size: str, limit: float) -> None:
    """The demo forum of ``size`` through ``manage.py schedule_forum``, heuristic and auto."""
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as var:
        env = dict(os.environ, MATCHFORUM_VAR_DIR=var, DEBUG="false", SECRET_KEY="bench-only")
        env.pop("DATABASE_URL", None)

        def manage(*argv: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, str(ROOT / "manage.py"), *argv],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )

        t0 = time.perf_counter()
        manage("migrate", "--noinput")
        manage("seed_demo", "--size", size, "--seed", str(args.seed))
        print(f"\ndemo forum {size} (seed {args.seed}), seeded in {time.perf_counter() - t0:.0f} s")
        print("method     limit  placed unplaced  gaps  bound proven valid range  seconds  whole")
        for method in ("heuristic", "auto"):
            t1 = time.perf_counter()
            done = manage(
                "schedule_forum", "--json", "--method", method, "--time-limit", str(limit)
            )
            whole = time.perf_counter() - t1
            f = json.loads(done.stdout)
            print(
                f"{method:<10}{limit:>6.0f}{f['placed']:>8}{f['unplaced']:>9}{f['breaks']:>6}"
                f"{f['bound']:>7}{f['proven_optimal']!s:>7}{f['valid']!s:>6}"
                f"{f['fairness_range']:>6}{f['seconds']:>9}{whole:>7.1f}"
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
    ap.add_argument("--demo", action="store_true", help="the demo forum, 60 s")
    ap.add_argument("--demo-large", action="store_true", help="the large demo forum, 300 s")
    ap.add_argument(
        "--precedences", type=int, default=0, help="also the real instances with N precedences"
    )
    args = ap.parse_args()
    print(machine())
    if not args.skip_real:
        run_real(args)
    if args.precedences:
        run_precedences(args)
    if args.large:
        run_large(args)
    if args.repair or args.large:
        run_repair(args)
    if args.demo:
        run_demo(args, "small", 60.0)
    if args.demo_large:
        run_demo(args, "large", 300.0)


if __name__ == "__main__":
    main()
