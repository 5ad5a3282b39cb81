"""Periodic work, for cron or a systemd timer (e.g. every 15 minutes).

Enqueues the tasks the db_worker runs: expire unanswered meeting requests (their
senders are told), remind organisations of requests waiting for an answer (once a
day at most), and send the daily digests after the digest hour. `--inline` runs the
tasks here instead of enqueueing them (for a setup without a worker).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from matchforum.forums.models import Forum
from matchforum.meetings.tasks import expire_meeting_requests, remind_pending_requests
from matchforum.notifications.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Expire meeting requests, send reminders and daily digests (run it periodically)."

    def add_arguments(self, parser):
        parser.add_argument("--inline", action="store_true", help="Run the tasks here.")

    def handle(self, *args, inline: bool = False, **options):
        def run(task, *task_args):
            if inline:
                return task.call(*task_args)
            task.enqueue(*task_args)
            return "enqueued"

        for forum in Forum.objects.filter(is_active=True):
            expired = run(expire_meeting_requests, forum.pk)
            reminded = run(remind_pending_requests, forum.pk)
            self.stdout.write(f"{forum.slug}: expired {expired}; reminders {reminded}")
        forum = Forum.objects.filter(is_active=True).order_by("-starts_on").first()
        zone = ZoneInfo(forum.time_zone if forum else settings.TIME_ZONE)
        if timezone.now().astimezone(zone).hour >= settings.NOTIFICATION_DIGEST_HOUR:
            self.stdout.write(f"digests: {run(send_daily_digests)}")
