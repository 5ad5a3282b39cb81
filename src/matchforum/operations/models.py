"""What the health check reads: the task worker's heartbeat and each periodic job's last run."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time a task worker ran the heartbeat task (one row per queue name)."""

    name = models.CharField(max_length=64, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class PeriodicJob(models.Model):
    """One periodic job; `last_started_at` is claimed with a conditional update."""

    name = models.CharField(max_length=64, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_outcome = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.name
