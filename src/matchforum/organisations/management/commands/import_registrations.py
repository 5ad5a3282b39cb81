"""Import a registration list: `manage.py import_registrations FILE [--forum SLUG] [--dry-run]`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matchforum.forums.models import Forum
from matchforum.forums.selectors import forum_current
from matchforum.organisations.registration_import import (
    ImportReport,
    RegistrationFileError,
    parse_registrations,
    read_table,
)
from matchforum.organisations.services import registrations_import


class Command(BaseCommand):
    help = (
        "Import organisations, delegates, offers and needs from a CSV or XLSX file "
        "(columns in docs/importing.md). Exits with status 1 when any row has an error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--forum", help="the forum's slug (default: the current forum)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row and write nothing"
        )
        parser.add_argument(
            "--approve",
            action="store_true",
            help="approve new organisations instead of putting them in the vetting queue",
        )

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["file"]
        forum = self._forum(options["forum"])
        try:
            table = read_table(content=path.read_bytes(), filename=path.name)
            parsed = parse_registrations(table)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        except RegistrationFileError as error:
            raise CommandError(str(error)) from error
        approve = bool(options["approve"])
        actor = None
        if approve:
            from matchforum.accounts.models import User

            actor = (
                User.objects.filter(
                    committee_memberships__team__forum=forum,
                    committee_memberships__team__country="",
                    committee_memberships__role="organiser",
                    is_active=True,
                )
                .order_by("pk")
                .first()
            )
            if actor is None:
                raise CommandError(
                    "--approve needs an organiser of the forum's chair team to record the decision."
                )
        report = registrations_import(
            forum=forum,
            registrations=parsed,
            dry_run=bool(options["dry_run"]),
            approve=approve,
            actor=actor,
        )
        self._print(report)
        if report.errors:
            raise SystemExit(1)

    def _forum(self, slug: object) -> Forum:
        if slug:
            forum = Forum.objects.filter(slug=slug).first()
            if forum is None:
                raise CommandError(f"No forum with the slug {slug!r}.")
            return forum
        forum = forum_current()
        if forum is None:
            raise CommandError("No forum is set up; give --forum SLUG.")
        return forum

    def _print(self, report: ImportReport) -> None:
        verb = "would be created" if report.dry_run else "created"
        self.stdout.write(f"Rows read: {report.row_count}")
        self.stdout.write(
            f"Organisations {verb}: {len(report.organisations_created)}, "
            f"already there: {len(report.organisations_existing)}"
        )
        self.stdout.write(
            f"Delegates {verb}: {report.delegates_created}, "
            f"already there: {report.delegates_existing}"
        )
        self.stdout.write(
            f"Offers and needs {verb}: {report.profiles_created}, "
            f"already there: {report.profiles_existing}"
        )
        invited = "to send" if report.dry_run else "sent"
        self.stdout.write(f"Invitations {invited}: {report.invitations}")
        if report.errors:
            self.stderr.write(f"{len(report.errors)} error(s) in {len(report.error_rows)} row(s):")
            for error in report.sorted_errors():
                column = error.column or "-"
                self.stderr.write(f"  row {error.row}, column {column}: {error.message}")
        elif report.dry_run:
            self.stdout.write("No errors; run again without --dry-run to import.")
