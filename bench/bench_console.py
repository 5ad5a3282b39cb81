"""Console page timings on a demo forum: p50/p95 of each organiser page over N requests.

    python scripts/with_postgres.py -- python bench/bench_console.py [--size large] [-n 20]
        [--runs 2]

It migrates the database DATABASE_URL names, collects the static files (into
MATCHFORUM_VAR_DIR; point it at a temporary directory) (a throw-away one: with_postgres.py starts
one), seeds the demo forum (`seed_demo`), solves two scheduling runs and publishes the first
(`--runs`), signs an organiser in with Django's test client
and requests every console page N times after one warm-up request, printing the timings
and the machine's load average. The client runs in-process (no network, no gunicorn), so
the figures are the server's own time per request. Figures from a shared, loaded machine
say little on their own: quote the load average printed with them.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PAGES = [
    "/console/",
    "/console/setup/",
    "/console/setup/sessions/",
    "/console/setup/tables/",
    "/console/import/",
    "/console/vetting/",
    "/console/vetting/?show=approved",
    "/console/runs/",
    "/console/repair/",
    "/console/waiting-list/",
    "/console/meetings/",
    "/console/meetings/add/",
    "/console/search/delegates/?field=delegate_a&delegate_a_search=a",
    "/console/search/organisations/?field=organisation&organisation_search=a",
    "/console/onsite/check-in/",
    "/console/analytics/",
    "/console/print/",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def schedule_and_publish(organiser, *, runs: int) -> list[int]:
    """Solve `runs` runs of the demo forum in-process (as the worker would) and publish
    the first; returns their ids."""
    from matchforum.forums.models import Forum
    from matchforum.schedules.services import (
        schedule_publish,
        scheduling_run_execute,
        scheduling_run_start,
    )

    forum = Forum.objects.get()
    ids = []
    for number in range(runs):
        started = time.perf_counter()
        run = scheduling_run_start(forum=forum, user=organiser, options={"time_limit": 30})
        run = scheduling_run_execute(run=run)
        if number == 0:
            schedule_publish(run=run, user=organiser)
        print(f"run {run.pk}: {run.status} in {time.perf_counter() - started:.0f} s")
        ids.append(run.pk)
    return ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=["small", "large"])
    parser.add_argument("-n", "--requests", type=int, default=20)
    parser.add_argument(
        "--runs",
        type=int,
        default=2,
        help="scheduling runs solved before the timings (the first is published, so the "
        "runs, compare and waiting-list pages show a forum after publishing); 0 for none",
    )
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        # It migrates and re-seeds the database: never the development one by accident.
        print("Set DATABASE_URL (run it under scripts/with_postgres.py).", file=sys.stderr)
        return 2
    # Production settings (DEBUG off); a throw-away key for this throw-away database.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchforum.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from matchforum.accounts.models import User

    setup_test_environment()  # lets the test client's "testserver" host in
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest pages need
    started = time.perf_counter()
    call_command("seed_demo", size=args.size, seed=1, replace=True, verbosity=0)
    print(f"seeded the {args.size} demo forum in {time.perf_counter() - started:.0f} s")
    # The seeded organiser (a seat on the chair team; organisers are no longer a user flag).
    organiser = User.objects.get(email="organiser@demo.matchforum.test")
    run_ids = schedule_and_publish(organiser, runs=args.runs) if args.runs else []
    pages = list(PAGES)
    if run_ids:
        pages.insert(pages.index("/console/runs/") + 1, f"/console/runs/{run_ids[-1]}/?page=40")
        pages.insert(pages.index("/console/runs/") + 1, f"/console/runs/{run_ids[-1]}/")
        compare = "&".join(f"runs={pk}" for pk in run_ids)
        pages.insert(pages.index("/console/runs/") + 1, f"/console/runs/compare/?{compare}")
    client = Client()
    client.force_login(organiser)
    print(f"database: {connection.vendor}; {args.requests} requests per page after a warm-up")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'page':<70} {'p50 ms':>8} {'p95 ms':>8}")
    for page in pages:
        status = client.get(page, secure=True).status_code
        if status != 200:
            print(f"{page:<70} status {status}")
            continue
        times = []
        for _ in range(args.requests):
            begin = time.perf_counter()
            client.get(page, secure=True)  # production settings redirect to HTTPS
            times.append((time.perf_counter() - begin) * 1000)
        print(f"{page:<70} {statistics.median(times):>8.0f} {percentile(times, 0.95):>8.0f}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
