"""The periodic jobs and how often each runs; the scheduler and the health check share it."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command


@dataclass(frozen=True)
class Job:
    name: str
    every: dt.timedelta
    run: Callable[[], str]

    @property
    def overdue_after(self) -> dt.timedelta:
        """Late once twice its period and a minute have gone by without a start."""
        return 2 * self.every + dt.timedelta(minutes=1)


def _command(name: str, **options) -> Callable[[], str]:
    def run() -> str:
        out = io.StringIO()
        call_command(name, stdout=out, **options)
        return out.getvalue().strip().replace("\n", "; ")[:200]

    return run


def _retention_purge() -> str:
    from django.conf import settings

    days = settings.PERSONAL_DATA_RETENTION_DAYS
    return _command("purge_past_forums", older_than_days=days)()


def _heartbeat() -> str:
    from matchforum.operations.tasks import record_worker_heartbeat

    record_worker_heartbeat.enqueue()
    return "enqueued"


def _meeting_reminders() -> str:
    from matchforum.agenda.tasks import send_meeting_reminders

    send_meeting_reminders.enqueue()
    return "enqueued"


HEARTBEAT = Job(
    "worker_heartbeat", dt.timedelta(seconds=settings.WORKER_HEARTBEAT_SECONDS), _heartbeat
)

JOBS: tuple[Job, ...] = (
    HEARTBEAT,
    # Request expiry, reminders and daily digests (enqueued for the worker).
    Job("run_periodic", dt.timedelta(minutes=15), _command("run_periodic")),
    # Reminders before each meeting (each person's lead; told once per meeting and person).
    Job("send_meeting_reminders", dt.timedelta(minutes=5), _meeting_reminders),
    # Follow-up surveys 3 and 6 months after each forum.
    Job("send_outcome_surveys", dt.timedelta(days=1), _command("send_outcome_surveys")),
    # The full recommendation refit (edits update lists in between; enqueued for the worker).
    Job("recompute_recommendations", dt.timedelta(days=1), _command("recompute_recommendations")),
    # Personal data of forums past PERSONAL_DATA_RETENTION_DAYS (docs/security.md).
    Job("purge_past_forums", dt.timedelta(days=1), _retention_purge),
)
