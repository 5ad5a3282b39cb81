"""The readiness checks: each returns (ok, detail) with no private data in the detail."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from .models import WorkerHeartbeat
from .schedule import HEARTBEAT
from .selectors import periodic_jobs_status

Check = tuple[bool, str]


def check_database() -> Check:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any driver error means "not reachable"
        return False, f"unreachable ({type(error).__name__})"
    return True, "reachable"


def check_migrations() -> Check:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return False, f"{len(plan)} migration(s) not applied"
    return True, "all applied"


def check_worker(now: dt.datetime) -> Check:
    beat = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    if beat is None:
        return False, "no heartbeat recorded"
    age = (now - beat).total_seconds()
    if age > settings.HEALTH_HEARTBEAT_MAX_SECONDS:
        return False, f"last heartbeat {age:.0f} s ago"
    return True, f"last heartbeat {age:.0f} s ago"


def check_periodic_jobs(now: dt.datetime) -> Check:
    late = [
        status.name
        for status in periodic_jobs_status(now=now)
        if status.overdue and status.name != HEARTBEAT.name
    ]
    if late:
        return False, "overdue: " + ", ".join(late)
    return True, "none overdue"


def readiness() -> dict[str, Check]:
    database = check_database()
    if not database[0]:
        skipped = (False, "skipped: database unreachable")
        return {
            "database": database,
            "migrations": skipped,
            "worker": skipped,
            "periodic_jobs": skipped,
        }
    now = timezone.now()
    return {
        "database": database,
        "migrations": check_migrations(),
        "worker": check_worker(now),
        "periodic_jobs": check_periodic_jobs(now),
    }
