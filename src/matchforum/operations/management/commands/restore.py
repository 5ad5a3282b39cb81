"""Restore an archive written by `manage.py backup` (see operations/backups.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from matchforum.operations.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from a backup archive; "
        "--yes confirms replacing a site that holds data."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="A .tar.gz written by manage.py backup")
        parser.add_argument(
            "--yes", action="store_true", help="Replace the existing data without asking"
        )

    def handle(self, *args, archive: Path, yes: bool = False, **options):
        try:
            result = backup_restore(archive=archive, replace=yes)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            f"restored the backup of {manifest['created_at']} (matchforum "
            f"{manifest['app_version']}, {manifest['media_files']} uploaded files)"
        )
        if result.pending_migrations:
            self.stdout.write(
                f"{result.pending_migrations} migration(s) to apply: run "
                "manage.py migrate_locked before starting the site"
            )
