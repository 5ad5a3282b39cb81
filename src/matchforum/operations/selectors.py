"""Reads of the operations app: each periodic job's last run and when it is due again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import PeriodicJob
from .schedule import JOBS, Job


@dataclass(frozen=True)
class PeriodicJobStatus:
    name: str
    every: dt.timedelta
    last_started_at: dt.datetime | None
    last_finished_at: dt.datetime | None
    last_outcome: str
    next_due_at: dt.datetime | None  # None: never started, due at the next tick
    overdue: bool


def periodic_jobs_status(
    *, now: dt.datetime, jobs: tuple[Job, ...] = JOBS
) -> list[PeriodicJobStatus]:
    """Every scheduled job in schedule order, whether or not it has run yet."""
    rows = {row.name: row for row in PeriodicJob.objects.filter(name__in=[j.name for j in jobs])}
    statuses = []
    for job in jobs:
        row = rows.get(job.name)
        started = row.last_started_at if row else None
        statuses.append(
            PeriodicJobStatus(
                name=job.name,
                every=job.every,
                last_started_at=started,
                last_finished_at=row.last_finished_at if row else None,
                last_outcome=row.last_outcome if row else "",
                next_due_at=started + job.every if started else None,
                overdue=started is None or now - started > job.overdue_after,
            )
        )
    return statuses
