#!/usr/bin/env python3
"""`make bench-load`: seed a forum, serve it with gunicorn, run locust, print percentiles.

Runs inside scripts/with_postgres.py (DATABASE_URL points at a throw-away PostgreSQL on
127.0.0.1). Everything listens on loopback only and stops by itself: locust runs for
--time, gunicorn is stopped afterwards.

    python scripts/with_postgres.py -- python bench/load/run_load.py --users 200 --time 3m
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_credentials(env: dict, path: Path, users: int) -> None:
    """API tokens for delegates of approved organisations (only hashes reach the database)."""
    code = f"""
import json
from matchforum.api.services import api_token_create
from matchforum.forums.selectors import forum_current
from matchforum.organisations.models import Delegate, Organisation
forum = forum_current()
delegates = (Delegate.objects.filter(organisation__forum=forum,
             organisation__accreditation="approved").select_related("user")
             .order_by("organisation_id", "pk").distinct("organisation_id")[:{users}])
tokens = [{{"token": api_token_create(user=d.user, name="load")[1]}} for d in delegates]
organisations = list(Organisation.objects.filter(forum=forum).values_list("pk", flat=True))
from django.urls import NoReverseMatch, reverse
try:
    recommendations = reverse("api:recommendation-list")
except NoReverseMatch:
    recommendations = None
open({str(path)!r}, "w").write(json.dumps({{"delegates": tokens, "organisations": organisations,
    "recommendations_url": recommendations}}))
print(f"{{len(tokens)}} delegates with tokens, {{len(organisations)}} organisations")
"""
    manage(env, "shell", "-c", code)


def publish_schedule(env: dict) -> None:
    """Solve and publish the seeded forum's schedule as its organiser, as the console does:
    the seeding accepts meetings but places none, and the agenda endpoint would read empty
    agendas."""
    code = """
import time
from matchforum.accounts.models import User
from matchforum.forums.selectors import forum_current
from matchforum.schedules.services import (schedule_publish, scheduling_run_execute,
    scheduling_run_start)
started = time.monotonic()
organiser = User.objects.get(email="organiser@demo.matchforum.test")
run = scheduling_run_start(forum=forum_current(), user=organiser, options={"time_limit": 30})
run = scheduling_run_execute(run=run)
schedule_publish(run=run, user=organiser)
print(f"schedule solved and published in {time.monotonic() - started:.0f} s")
"""
    manage(env, "shell", "-c", code)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url}")


def _processes() -> dict[int, tuple[int, str, float]]:
    """pid -> (parent pid, command line, CPU seconds so far) of every live process."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            found[int(entry.name)] = (
                int(fields[1]),
                command,
                (int(fields[11]) + int(fields[12])) / tick,
            )
        except (OSError, IndexError, ValueError):
            continue
    return found


def cpu_seconds(roots: set[int]) -> float:
    """CPU time so far of the given processes and their children (gunicorn's workers,
    PostgreSQL's backends)."""
    return sum(
        cpu for pid, (parent, _command, cpu) in _processes().items() if {pid, parent} & roots
    )


def postmaster_pid(port: str) -> int | None:
    for pid, (_parent, command, _cpu) in _processes().items():
        if "/bin/postgres" in command and f"-p {port} " in command + " ":
            return pid
    return None


def machine_busy_seconds() -> float:
    """CPU time all processes of the machine spent so far (from /proc/stat), in seconds."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    busy = sum(values) - values[3] - values[4]  # minus idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def print_report(prefix: Path) -> dict:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))  # noqa: SIM115
    print(
        f"\n{'endpoint':32} {'requests':>9} {'fails':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    summary = {}
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(
            f"{name:32} {row['Request Count']:>9} {row['Failure Count']:>6} "
            f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
        summary[name] = row
    total = summary["ALL"]
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    rate = failures / requests if requests else 0.0
    print(
        f"\nerror rate: {failures}/{requests} = {rate:.4%}; "
        f"throughput {float(total['Requests/s']):.1f} req/s"
    )
    return summary


def run_stage(
    args, port: int, work: Path, credentials: Path, env: dict, users: int, gunicorn_pid: int
) -> None:
    prefix = work / f"locust-{users}"
    before = os.getloadavg()
    database_port = os.environ["DATABASE_URL"].rsplit(":", 1)[1].split("/")[0]
    server = {"gunicorn": {gunicorn_pid}, "postgres": {postmaster_pid(database_port) or -1}}
    cpu_before = {name: cpu_seconds(roots) for name, roots in server.items()}
    busy_before = machine_busy_seconds()
    locust_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 20)),
            "--run-time",
            args.time,
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
        ],
        cwd=ROOT,
        env=env | {"LOAD_CREDENTIALS": str(credentials)},
        check=False,
        timeout=3600,
        stdout=subprocess.DEVNULL,
    )
    print(
        f"\nLoad: {users} users for {args.time}, {args.size} demo forum, "
        f"gunicorn {args.workers} workers × {args.threads} threads, PostgreSQL, all on loopback"
    )
    cpu = {name: cpu_seconds(roots) - cpu_before[name] for name, roots in server.items()}
    locust_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu["locust"] = (locust_after.ru_utime + locust_after.ru_stime) - (
        locust_before.ru_utime + locust_before.ru_stime
    )
    busy = machine_busy_seconds() - busy_before
    cpu["anything else"] = max(0.0, busy - sum(cpu.values()))
    print(
        "CPU seconds during the stage: "
        + ", ".join(f"{name} {seconds:.0f}" for name, seconds in cpu.items())
        + f" (machine busy {busy:.0f} s)"
    )
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*before))
    print("load average after:  {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    summary = print_report(prefix)
    # The figure to size a server by (docs/operations.md, "Scale-out"): the CPU each
    # request costs the application server and the database, whatever the machine's load.
    requests = int(summary["ALL"]["Request Count"]) if "ALL" in summary else 0
    if requests:
        print(
            f"CPU per request: gunicorn {cpu['gunicorn'] * 1000 / requests:.1f} ms, "
            f"PostgreSQL {cpu['postgres'] * 1000 / requests:.1f} ms "
            f"({requests} requests)"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument(
        "--also-users",
        default=os.environ.get("LOAD_ALSO_USERS", ""),
        help="comma-separated smaller user counts to run first on the same server (e.g. 50)",
    )
    parser.add_argument("--time", default="3m")
    parser.add_argument("--size", default=os.environ.get("LOAD_SIZE", "large"))
    # One single-threaded process per core measured best on 2 cores (docs/performance.md).
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("LOAD_WORKERS", os.cpu_count() or 2))
    )
    parser.add_argument("--threads", type=int, default=int(os.environ.get("LOAD_THREADS", "1")))
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="skip migrating and seeding: DATABASE_URL already holds a seeded forum",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql")):
        raise SystemExit("run me under scripts/with_postgres.py (DATABASE_URL must be PostgreSQL)")
    work = Path(tempfile.mkdtemp(prefix="matchforum-load-"))
    port = free_port()
    env = os.environ | {
        "PYTHONPATH": str(ROOT / "src"),
        "MATCHFORUM_VAR_DIR": str(work),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: no TLS redirect, cookies not marked Secure, no HSTS.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        # One simulated delegate sends ~30 requests a minute; keep throttles out of the way.
        "API_THROTTLE_USER": "100000/min",
        "API_THROTTLE_ANON": "100000/min",
        "LOG_LEVEL": "ERROR",
    }
    started = time.monotonic()
    manage(env, "collectstatic", "--noinput", "-v", "0")
    if not args.reuse_database:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "seed_demo", "--size", args.size, "--seed", "1")
        # As `make seed-large` does: the recommendations task reads stored lists.
        manage(env, "recompute_recommendations", "--inline")
        publish_schedule(env)
        print(f"seeded and recommendations computed in {time.monotonic() - started:.0f} s")
    credentials = work / "credentials.json"
    prepare_credentials(env, credentials, args.users)
    gunicorn = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "matchforum.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--timeout",
            "120",
            # Longer than a simulated user's pause, so a kept-alive connection is never
            # closed by the server just as the client reuses it.
            "--keep-alive",
            "10",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/health/")
        stages = [int(n) for n in args.also_users.split(",") if n.strip()] + [args.users]
        for users in stages:
            run_stage(args, port, work, credentials, env, users, gunicorn.pid)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
