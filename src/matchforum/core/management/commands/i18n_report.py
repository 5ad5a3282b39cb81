import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand

from matchforum.core.catalogues import LOCALE_DIR, catalogues_report
from matchforum.core.i18n_catalogues import catalogues_extract_fresh, translated_languages


class Command(BaseCommand):
    help = (
        "Per-language completeness of the catalogues against a fresh extraction of the "
        "source (the real catalogues are not changed); exits 1 when a language falls short."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-is",
            action="store_true",
            help="Measure the catalogues as they are, no extraction.",
        )
        parser.add_argument("--list", action="store_true", help="List missing and fuzzy strings.")

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as tmp:
            locale_dir = LOCALE_DIR if options["as_is"] else catalogues_extract_fresh(Path(tmp))
            report = catalogues_report(locale_dir, translated_languages())
        failing = False
        self.stdout.write(
            f"{'lang':<6}{'translated':>12}{'fuzzy':>8}{'missing':>9}{'share':>9}  need"
        )
        for row in report:
            failing |= not row.passes
            mark = "ok" if row.passes else "FAIL"
            self.stdout.write(
                f"{row.language:<6}{row.translated:>7}/{row.total:<4}{len(row.fuzzy):>8}"
                f"{len(row.missing):>9}{row.ratio:>9.1%}  {row.required:.0%} {mark}"
            )
            if options["list"]:
                for label in row.fuzzy:
                    self.stdout.write(f"    fuzzy:   {label}")
                for label in row.missing:
                    self.stdout.write(f"    missing: {label}")
        if failing:
            sys.exit(1)
