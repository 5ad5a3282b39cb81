"""Marketplace search timings on a demo forum: p50/p95 of `/marketplace/` per query.

    flock /work/bench.lock python scripts/with_postgres.py -- \\
        python bench/bench_search.py [--size large] [-n 20]

Like bench_console.py: it migrates the database DATABASE_URL names (a throw-away one:
with_postgres.py starts one), collects the static files, seeds the demo forum
(`seed_demo`), signs an approved delegate in with Django's test client and requests the
marketplace page for each query N times after one warm-up request. It prints p50/p95,
the organisations found and the SQL queries per page (a count that grows with the page
is an N+1), then the load average: figures from a shared, loaded machine say little on
their own. On PostgreSQL it runs ANALYZE after seeding, so that the plans are those of a
database autovacuum has seen, not of one just bulk-loaded. With `--explain` it also
prints PostgreSQL's plan of the slowest statement of the slowest query.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import secrets
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# (label, query string) — several words, a phrase, plurals, a Ukrainian inflected form,
# a prefix, and filters alone and with words.
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("no words (first page)", {}),
    ("drone", {"q": "drone"}),
    ("drone detection", {"q": "drone detection"}),
    ("drones (plural)", {"q": "drones"}),
    ("thermal cameras (plural)", {"q": "thermal cameras"}),
    ("passive rf detector drones (4 words)", {"q": "passive rf detector drones"}),
    ("дронів (Ukrainian genitive plural)", {"q": "дронів"}),
    ("виявлення дронів (Ukrainian, 2 words)", {"q": "виявлення дронів"}),
    ("detec (prefix)", {"q": "detec"}),
    ("country UA", {"country": "UA"}),
    ("drone + country UA + offers", {"q": "drone", "country": "UA", "side": "offer"}),
    ("track (first) + needs", {"track": "{track}", "side": "need"}),
    ("demining + track (first)", {"q": "demining", "track": "{track}"}),
]
TARGET_P95_MS = 300


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=["small", "large"])
    parser.add_argument("-n", "--requests", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="plan of the slowest statement")
    parser.add_argument(
        "--no-seed", action="store_true", help="measure the forum an earlier run seeded"
    )
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        # It migrates and re-seeds the database: never the development one by accident.
        print("Set DATABASE_URL (run it under scripts/with_postgres.py).", file=sys.stderr)
        return 2
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchforum.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from matchforum.forums.models import CapabilityTrack
    from matchforum.organisations.models import Accreditation, Delegate

    setup_test_environment()  # lets the test client's "testserver" host in
    logging.getLogger("matchforum.request").setLevel(logging.WARNING)
    logging.getLogger("axes").setLevel(logging.WARNING)
    if not args.no_seed:
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", size=args.size, seed=1, replace=True, verbosity=0)
        print(f"seeded the {args.size} demo forum in {time.perf_counter() - started:.0f} s")
        if connection.vendor == "postgresql":
            # Statistics as autovacuum gathers them a little after a bulk load: without
            # them the planner guesses one row per filter and reads every row instead of
            # the trigram indexes, or not, depending on whether autovacuum came by yet.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    delegate = (
        Delegate.objects.filter(organisation__accreditation=Accreditation.APPROVED)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    track = CapabilityTrack.objects.order_by("position", "pk").values_list("slug", flat=True)[0]
    client = Client()
    client.force_login(delegate.user)
    print(f"database: {connection.vendor}; {args.requests} requests per query after a warm-up")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'query':<42} {'found':>6} {'SQL':>4} {'p50 ms':>7} {'p95 ms':>7}")
    worst: tuple[float, str, list] = (0.0, "", [])
    p95s = []
    for label, params in QUERIES:
        params = {k: v.replace("{track}", track) for k, v in params.items()}
        url = "/marketplace/" + (f"?{urlencode(params)}" if params else "")
        captured = StatementLog()
        with connection.execute_wrapper(captured):
            response = client.get(url, secure=True)  # production settings redirect to HTTPS
        if response.status_code != 200:
            print(f"{label:<42} status {response.status_code}")
            continue
        found = _found(response.content.decode())
        times = []
        for _ in range(args.requests):
            begin = time.perf_counter()
            client.get(url, secure=True)
            times.append((time.perf_counter() - begin) * 1000)
        p95 = percentile(times, 0.95)
        p95s.append(p95)
        if p95 > worst[0]:
            worst = (p95, label, captured.statements)
        print(
            f"{label:<42} {found:>6} {len(captured.statements):>4} "
            f"{statistics.median(times):>7.0f} {p95:>7.0f}"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    met = "met" if p95s and max(p95s) <= TARGET_P95_MS else "NOT met"
    print(f"worst p95 {max(p95s):.0f} ms ({worst[1]}); target ≤ {TARGET_P95_MS} ms: {met}")
    if args.explain and worst[2]:
        _explain(connection, worst[2])
    return 0


def _found(html: str) -> str:
    """The result count the page states ("123 organisations"), or "?"."""
    match = re.search(r'id="result-count">\s*(\d+)', html)
    return match.group(1) if match else "?"


class StatementLog:
    """An execute wrapper that records each statement with its time (DEBUG is off)."""

    def __init__(self) -> None:
        self.statements: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((time.perf_counter() - begin, sql, params))


def _explain(connection, statements: list[tuple[float, str, object]]) -> None:
    """EXPLAIN ANALYZE of the slowest statement the page ran (its first run's time)."""
    seconds, sql, params = max(statements, key=lambda statement: statement[0])
    print(f"\nslowest statement ({seconds * 1000:.0f} ms):\n{sql}\n{params}\n")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)  # nosec B608 - own SQL
        for (line,) in cursor.fetchall():
            print(line)


if __name__ == "__main__":
    sys.exit(main())
