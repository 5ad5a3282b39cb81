"""Recompute every organisation's recommendations for the active forums.

Enqueues the background task (the db_worker runs it); `--inline` computes here, e.g.
after loading a demo forum on a machine without a worker.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from matchforum.forums.models import Forum
from matchforum.recommendations.tasks import recompute_forum_recommendations


class Command(BaseCommand):
    help = "Recompute the recommendations of every active forum."

    def add_arguments(self, parser):
        parser.add_argument("--inline", action="store_true", help="Compute here, now.")

    def handle(self, *args, inline: bool = False, **options):
        for forum in Forum.objects.filter(is_active=True):
            if inline:
                stored = recompute_forum_recommendations.call(forum.pk)
                self.stdout.write(f"{forum.slug}: {stored} recommendations stored")
            else:
                recompute_forum_recommendations.enqueue(forum.pk)
                self.stdout.write(f"{forum.slug}: recomputation enqueued")
