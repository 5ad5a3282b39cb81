"""manage.py seed_demo: seed the deterministic demo forum and print its sign-in details."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matchforum.demo.generator import SIZES
from matchforum.demo.selectors import demo_forum_digest
from matchforum.demo.services import DemoForumExists, demo_credentials_table, demo_forum_seed
from matchforum.demo.vectors import demo_vectors_load


class Command(BaseCommand):
    help = "Seed a deterministic, realistic demo forum (invented organisations and people)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete an existing demo forum and the demo users first.",
        )
        parser.add_argument(
            "--digest", action="store_true", help="Also print the content digest (SHA-256)."
        )

    def handle(self, *args: object, size: str, seed: int, replace: bool, digest: bool, **options):
        try:
            result = demo_forum_seed(size=size, seed=seed, replace=replace)
        except DemoForumExists as exc:
            raise CommandError(str(exc)) from exc
        shipped = demo_vectors_load()
        counts = ", ".join(f"{value:,} {name}" for name, value in result.counts.items())
        verb = "Replaced and seeded" if result.replaced else "Seeded"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} “{result.forum.name}” ({size}, seed {seed}) in {result.seconds:.1f} s: "
                f"{counts}."
            )
        )
        self.stdout.write(f"{shipped:,} text vectors of the demo loaded into the matcher's cache.")
        if digest:
            self.stdout.write(f"Digest: {demo_forum_digest(forum=result.forum)}")
        self.stdout.write("\nSign-in details (random passwords, new on every seeding):\n")
        self.stdout.write(demo_credentials_table(result.credentials))
        if result.credentials_path:
            self.stdout.write(f"\nWritten to {result.credentials_path} (readable by you only).")
