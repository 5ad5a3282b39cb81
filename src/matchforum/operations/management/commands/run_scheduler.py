"""Periodic work without cron: start one or more beside the task workers.

Every few seconds it runs the periodic jobs that are due (see operations/schedule.py):
the worker heartbeat, `run_periodic` (request expiry, reminders, digests) and
`send_outcome_surveys`. Each job's last start is claimed in the database with one
conditional UPDATE, so several schedulers on several machines run each job once.
"""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from matchforum.operations.models import PeriodicJob
from matchforum.operations.scheduler import scheduler_tick


class Command(BaseCommand):
    help = "Run the periodic jobs on their schedules (heartbeat, run_periodic, surveys)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between ticks")
        parser.add_argument("--once", action="store_true", help="One tick, then exit")
        parser.add_argument("--status", action="store_true", help="Print each job's last run")

    def handle(
        self, *args, interval: float = 5.0, once: bool = False, status: bool = False, **options
    ):
        if status:
            self.print_status()
            return
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while running:
            for name, outcome in scheduler_tick().items():
                self.stdout.write(f"{name}: {outcome}")
            if once:
                break
            time.sleep(interval)
            # As a request does: drop a connection the server closed or that is too old.
            close_old_connections()

    def print_status(self) -> None:
        for job in PeriodicJob.objects.order_by("name"):
            started = f"{job.last_started_at:%Y-%m-%d %H:%M:%S}" if job.last_started_at else "never"
            self.stdout.write(f"{job.name}: last started {started}; {job.last_outcome or '-'}")
