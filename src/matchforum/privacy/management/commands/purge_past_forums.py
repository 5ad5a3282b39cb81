from django.core.management.base import BaseCommand, CommandError

from matchforum.privacy.services import forums_purge_personal_data


class Command(BaseCommand):
    help = "Anonymise the personal data of forums that ended more than N days ago."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, required=True)

    def handle(self, *args, older_than_days: int, **options):
        if older_than_days < 0:
            raise CommandError("--older-than-days must be 0 or more.")
        result = forums_purge_personal_data(older_than_days=older_than_days)
        self.stdout.write(
            f"Purged {result['forums']} forum(s): {result['delegates']} delegation(s) erased, "
            f"{result['people']} account(s) anonymised."
        )
