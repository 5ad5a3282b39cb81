"""One scheduler tick: run every periodic job that is due and that this process claims."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from .schedule import JOBS, Job
from .services import periodic_job_claim, periodic_job_finish

logger = logging.getLogger(__name__)


def periodic_job_run_if_due(*, job: Job, now: dt.datetime) -> str | None:
    """The job's outcome when this caller claimed and ran it, None when it was not due."""
    if not periodic_job_claim(name=job.name, every=job.every, now=now):
        return None
    try:
        outcome = job.run() or "done"
    except Exception as error:  # a failing job is recorded; the scheduler goes on
        logger.exception("periodic job %s failed", job.name)
        outcome = f"failed: {type(error).__name__}"
    periodic_job_finish(name=job.name, now=timezone.now(), outcome=outcome)
    return outcome


def scheduler_tick(*, now: dt.datetime | None = None, jobs: tuple[Job, ...] = JOBS) -> dict:
    """Run the due jobs; {job name: outcome} of those this process ran."""
    now = now or timezone.now()
    ran = {}
    for job in jobs:
        outcome = periodic_job_run_if_due(job=job, now=now)
        if outcome is not None:
            ran[job.name] = outcome
    return ran
