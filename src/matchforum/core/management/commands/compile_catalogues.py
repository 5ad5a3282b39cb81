from django.core.management.base import BaseCommand

from matchforum.core.catalogues import catalogues_compile


class Command(BaseCommand):
    help = "Compile the project's .po catalogues to .mo (GNU msgfmt, or polib without it)."

    def add_arguments(self, parser):
        parser.add_argument("--stale-only", action="store_true", help="Only outdated .mo files.")

    def handle(self, *args, **options):
        compiled = catalogues_compile(stale_only=options["stale_only"])
        self.stdout.write(f"{len(compiled)} catalogue(s) compiled.")
