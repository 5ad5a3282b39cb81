"""Writes of the operations app: heartbeats and periodic job claims."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from .models import PeriodicJob, WorkerHeartbeat

HEARTBEAT_NAME = "default"


def worker_heartbeat_record(*, now: dt.datetime, name: str = HEARTBEAT_NAME) -> dt.datetime:
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"beat_at": now})
    return now


def periodic_job_claim(*, name: str, every: dt.timedelta, now: dt.datetime) -> bool:
    """True for the one caller that may run the job now; one atomic conditional UPDATE.

    Several scheduler processes may ask at once: the database applies the UPDATE to
    the row only while its last start is older than the period, so one caller wins.
    """
    PeriodicJob.objects.get_or_create(name=name)
    due = Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - every)
    return PeriodicJob.objects.filter(due, name=name).update(last_started_at=now) == 1


def periodic_job_finish(*, name: str, now: dt.datetime, outcome: str) -> None:
    PeriodicJob.objects.filter(name=name).update(last_finished_at=now, last_outcome=outcome[:200])
