"""manage.py schedule_forum runs the console's solving path headless and publishes nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from matchforum.meetings.models import Meeting
from matchforum.schedules.models import ScheduleVersion
from tests.factories import realistic_forum_build

pytestmark = pytest.mark.django_db(transaction=True)

KEYS = {
    "placed",
    "unplaced",
    "breaks",
    "bound",
    "proven_optimal",
    "valid",
    "fairness_range",
    "seconds",
}


def test_schedule_forum_prints_the_figures_and_publishes_nothing():
    forum = realistic_forum_build(organisations=24, meetings=40, seed=3)
    before = sorted(Meeting.objects.filter(forum=forum).values_list("pk", "slot_id", "status"))
    out = StringIO()
    call_command(
        "schedule_forum",
        "--forum",
        forum.slug,
        "--time-limit",
        "5",
        "--fairness",
        "2",
        "--json",
        stdout=out,
    )
    figures = json.loads(out.getvalue())
    assert set(figures) >= KEYS
    assert figures["valid"] is True
    assert figures["placed"] + figures["unplaced"] == 40
    assert figures["placed"] > 0
    assert figures["fairness_range"] <= 2
    assert figures["bound"] <= figures["breaks"]
    assert not ScheduleVersion.objects.filter(forum=forum).exists()
    after = sorted(Meeting.objects.filter(forum=forum).values_list("pk", "slot_id", "status"))
    assert after == before


def test_schedule_forum_can_run_the_heuristic_alone_for_comparison():
    forum = realistic_forum_build(organisations=24, meetings=40, seed=4)
    runs = {}
    for method in ("heuristic", "auto"):
        out = StringIO()
        call_command(
            "schedule_forum",
            "--forum",
            forum.slug,
            "--time-limit",
            "4",
            "--method",
            method,
            "--json",
            stdout=out,
        )
        runs[method] = json.loads(out.getvalue())
    assert runs["heuristic"]["valid"] is True and runs["auto"]["valid"] is True
    # the one policy starts from the heuristic's schedule and never ends worse
    assert runs["auto"]["placed"] >= runs["heuristic"]["placed"]
    if runs["auto"]["placed"] == runs["heuristic"]["placed"]:
        assert runs["auto"]["breaks"] <= runs["heuristic"]["breaks"]
