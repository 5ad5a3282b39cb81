"""manage.py schedule_forum: the console's solving path, headless; it never publishes."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from matchforum.forums.models import Forum
from matchforum.schedules.services import schedule_forum_headless


class Command(BaseCommand):
    help = "Schedule a forum as a console run does and print the figures (does not publish)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--forum", help="the forum's slug (default: the only forum)")
        parser.add_argument("--time-limit", type=float, default=60.0)
        parser.add_argument("--fairness", type=int, default=None)
        parser.add_argument(
            "--method",
            choices=["auto", "heuristic"],
            default="auto",
            help="auto: the console's policy (default); heuristic: the constructive "
            "heuristic alone, for comparison",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: object, **options: object) -> None:
        slug = options.get("forum")
        if slug:
            forum = Forum.objects.filter(slug=slug).first()
            if forum is None:
                raise CommandError(f"no forum with slug {slug!r}")
        else:
            forums = list(Forum.objects.order_by("pk")[:2])
            if len(forums) != 1:
                raise CommandError("give --forum SLUG (there is not exactly one forum)")
            forum = forums[0]
        try:
            figures = schedule_forum_headless(
                forum=forum,
                time_limit=float(options["time_limit"]),  # type: ignore[arg-type]
                fairness=options.get("fairness"),  # type: ignore[arg-type]
                method=str(options["method"]),
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if options.get("json"):
            self.stdout.write(json.dumps(figures))
            return
        self.stdout.write(
            f"{figures['forum']}: {figures['placed']} placed, {figures['unplaced']} unplaced, "
            f"{figures['breaks']} idle gaps (bound {figures['bound']}), proven optimal "
            f"{'yes' if figures['proven_optimal'] else 'no'}, "
            f"{'valid' if figures['valid'] else 'INVALID'}, fairness range "
            f"{figures['fairness_range']}, {figures['seconds']} s"
        )
        for problem in figures["violations"]:  # type: ignore[attr-defined]
            self.stdout.write(f"  {problem}")
