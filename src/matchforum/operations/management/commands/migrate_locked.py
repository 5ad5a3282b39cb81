"""`manage.py migrate` under a database lock: the start command of every server."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from matchforum.operations.migrating import migrations_apply_locked


class Command(BaseCommand):
    help = (
        "Apply migrations holding a PostgreSQL advisory lock, so that several servers "
        "starting at once migrate one after the other (SQLite: plain migrate)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", default=True
        )

    def handle(self, *args, interactive: bool = True, **options):
        verbosity = options["verbosity"]

        def migrate() -> None:
            call_command(
                "migrate", interactive=interactive, verbosity=verbosity, stdout=self.stdout
            )

        def on_wait() -> None:
            self.stdout.write("Another server is migrating; waiting for it to finish.")

        migrations_apply_locked(migrate=migrate, on_wait=on_wait)
