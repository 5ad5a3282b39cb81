"""Write one archive of the database and the uploaded files (see operations/backups.py)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from matchforum.operations.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one tar.gz with a manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "--out",
            dest="output",
            type=Path,
            default=None,
            help="Directory for the archive (MATCHFORUM_VAR_DIR/backups)",
        )

    def handle(self, *args, output: Path | None = None, **options):
        output = output or Path(settings.VAR_DIR) / "backups"
        try:
            archive = backup_create(output_dir=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
