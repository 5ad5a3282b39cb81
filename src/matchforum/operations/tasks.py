"""The heartbeat task: a worker that runs it shows the health check it takes tasks."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def record_worker_heartbeat() -> str:
    from .services import worker_heartbeat_record

    beat = worker_heartbeat_record(now=timezone.now())
    return beat.isoformat()
