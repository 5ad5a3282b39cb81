#!/usr/bin/env python3
"""Server-side cost of each endpoint of the load scenario: queries and time per request.

Runs in-process (Django's test client, no HTTP, no gunicorn) against an already seeded
database (DATABASE_URL), as one delegate of an approved organisation with an API token.
`cpu ms` is this process's CPU time (Python, without the database server's), `db ms` the
time spent waiting for queries:

    DATABASE_URL=postgres://… python bench/load/profile_endpoints.py [--repeat 20] [--profile NAME]

`--profile NAME` prints the top of a cProfile of that endpoint (cumulative time).
Read-only endpoints are repeated; the writes (send, accept) are measured on distinct
objects so each call does the real work.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchforum.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "profile-endpoints-only-not-a-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("API_THROTTLE_USER", "100000/min")
os.environ.setdefault("LOG_LEVEL", "ERROR")


def _profiler() -> cProfile.Profile:
    """A cProfile on the wall clock, or on this process's CPU time with PROFILE_TIMER=cpu.

    The CPU timer leaves out the time spent waiting for PostgreSQL, so what it shows is
    what a gunicorn worker spends of its core.
    """
    if os.environ.get("PROFILE_TIMER") == "cpu":
        return cProfile.Profile(time.process_time)
    return cProfile.Profile()


def main() -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from matchforum.api.services import api_token_create
    from matchforum.forums.selectors import forum_current
    from matchforum.meetings.models import MeetingRequest
    from matchforum.organisations.models import Delegate, Organisation

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", default="")
    parser.add_argument("--queries", default="", help="print the SQL of this endpoint")
    parser.add_argument(
        "--mix", action="store_true", help="one profile of the scenario's weighted mix of reads"
    )
    args = parser.parse_args()

    forum = forum_current()
    delegates = list(
        Delegate.objects.filter(organisation__forum=forum, organisation__accreditation="approved")
        .select_related("user", "organisation")
        .order_by("organisation_id", "pk")[:400]
    )
    organisation_ids = list(Organisation.objects.filter(forum=forum).values_list("pk", flat=True))
    random.seed(1)

    client = Client()  # one handler, as one gunicorn worker has (middleware loaded once)

    class As:
        """The client, authenticated as one delegate's token."""

        def __init__(self, delegate) -> None:
            self.auth = f"Token {api_token_create(user=delegate.user)[1]}"

        def get(self, path, **kw):
            return client.get(path, HTTP_AUTHORIZATION=self.auth, **kw)

        def post(self, path, data=None, **kw):
            return client.post(path, data, HTTP_AUTHORIZATION=self.auth, **kw)

    client_for = As

    # As in the load scenario: a delegate of a public organisation, with recommendations
    # and an agenda to read (the first delegates of the seeding may have neither).
    from matchforum.meetings.models import Meeting
    from matchforum.recommendations.models import Recommendation

    with_lists = set(
        Recommendation.objects.filter(forum=forum).values_list("organisation_id", flat=True)
    )
    with_meetings = set(
        Meeting.objects.filter(forum=forum, status__in=["scheduled", "held"]).values_list(
            "delegate_a_id", flat=True
        )
    )
    me_delegate = next(
        (
            d
            for d in delegates
            if d.organisation_id in with_lists
            and d.pk in with_meetings
            and d.organisation.visibility == "listed"
        ),
        delegates[0],
    )
    me = client_for(me_delegate)
    words = ["drone", "demining", "radar", "training", "armour", "sensor", "logistics"]
    senders = iter([client_for(d) for d in delegates[1 : 3 * args.repeat + 5]])

    acceptors = []
    pending_requests = MeetingRequest.objects.filter(
        forum=forum, status="pending", recipient_organisation__accreditation="approved"
    ).select_related("recipient_organisation")
    seen: set[int] = set()
    for pending in pending_requests.order_by("-pk")[:2000]:
        if pending.recipient_organisation_id in seen:
            continue
        seen.add(pending.recipient_organisation_id)
        recipient = Delegate.objects.filter(organisation=pending.recipient_organisation).first()
        if recipient is not None:
            acceptors.append((client_for(recipient), pending.pk))
        if len(acceptors) > 3 * args.repeat + 5:
            break
    acceptors = iter(acceptors)

    endpoints = {
        "page: home": lambda: me.get("/"),
        "api: organisations": lambda: me.get(
            f"/api/v1/organisations/?page={random.randint(1, 5)}&page_size=20"
        ),
        "api: organisation detail": lambda: me.get(
            f"/api/v1/organisations/{random.choice(organisation_ids)}/"
        ),
        "api: search profiles": lambda: me.get(
            f"/api/v1/profiles/?search={random.choice(words)}&page_size=20"
        ),
        "api: recommendations": lambda: me.get("/api/v1/recommendations/"),
        "api: received requests": lambda: me.get(
            "/api/v1/meeting-requests/?box=received&status=pending&page_size=5"
        ),
        "api: agenda": lambda: me.get("/api/v1/agenda/"),
        "api: send request (write)": lambda: next(senders).post(
            "/api/v1/meeting-requests/",
            {"recipient_organisation": random.choice(organisation_ids), "message": "Meet?"},
            content_type="application/json",
        ),
        "api: accept request (write)": lambda: (
            lambda c, pk: c.post(f"/api/v1/meeting-requests/{pk}/accept/")
        )(*next(acceptors)),
    }
    if args.mix:
        # Per 11 tasks of the locustfile: browse ×3 (3 requests), search ×3, agenda ×2, ...
        weights = {
            "page: home": 3,
            "api: organisations": 3,
            "api: organisation detail": 3,
            "api: search profiles": 3,
            "api: recommendations": 1,
            "api: received requests": 1,
            "api: agenda": 2,
        }
        for name in weights:
            endpoints[name]()
        profiler = _profiler()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(args.repeat):
            for name, weight in weights.items():
                for _ in range(weight):
                    endpoints[name]()
        profiler.disable()
        count = args.repeat * sum(weights.values())
        print(f"{count} requests, {(time.perf_counter() - started) * 1000 / count:.1f} ms each")
        if os.environ.get("PROFILE_DUMP"):
            profiler.dump_stats(os.environ["PROFILE_DUMP"])
        stats = pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
        stats.print_stats(os.environ.get("PROFILE_FILTER", ""), 80)
        return 0
    print(
        f"{'endpoint':30} {'status':>8} {'queries':>8} {'mean ms':>8} {'min ms':>7} "
        f"{'cpu ms':>7} {'db ms':>6}"
    )
    for name, call in endpoints.items():
        call()  # warm up
        times, cpu, db, queries, statuses = [], [], [], [], set()
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = call()
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            queries.append(len(captured))
            db.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
            statuses.add(response.status_code)
        print(
            f"{name:30} {','.join(map(str, sorted(statuses))):>8} {max(queries):>8} "
            f"{statistics.mean(times):>8.1f} {min(times):>7.1f} "
            f"{statistics.mean(cpu):>7.1f} {statistics.mean(db):>6.1f}"
        )
        if args.queries and args.queries in name:
            with CaptureQueriesContext(connection) as captured:
                call()
            for query in captured.captured_queries:
                print(f"  [{query['time']}] {query['sql'][:400]}")
        if args.profile and args.profile in name:
            profiler = _profiler()
            profiler.enable()
            for _ in range(args.repeat):
                call()
            profiler.disable()
            order = os.environ.get("PROFILE_SORT", "cumulative")
            pstats.Stats(profiler).sort_stats(order).print_stats(45)
    return 0


if __name__ == "__main__":
    sys.exit(main())
