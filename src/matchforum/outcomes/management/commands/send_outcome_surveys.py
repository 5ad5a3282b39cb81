"""Send the follow-up surveys that are due (run daily, e.g. from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from matchforum.forums.models import Forum
from matchforum.outcomes.services import SURVEY_MONTHS, follow_up_surveys_send


class Command(BaseCommand):
    help = "E-mail the follow-up surveys due 3 and 6 months after each forum."

    def handle(self, *args, **options):
        total = 0
        for forum in Forum.objects.all():
            for months in SURVEY_MONTHS:
                total += follow_up_surveys_send(forum=forum, months=months)
        self.stdout.write(f"{total} survey e-mails sent.")
