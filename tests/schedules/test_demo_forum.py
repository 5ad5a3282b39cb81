"""The large demo forum (seeded by `manage.py seed_demo --size large`: 3,000 organisations,
about 15,000 meetings) solves to a valid schedule. Run with `pytest -m slow tests/schedules`.
"""

import pytest
from django.core.management import call_command, get_commands

from matchforum import scheduling as engine
from matchforum.forums.selectors import forum_current
from matchforum.schedules.mapping import Placement, forum_problem_build, schedule_from_placements
from matchforum.schedules.models import RunStatus, SchedulingRun
from matchforum.schedules.services import scheduling_run_execute

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_large_demo_forum_run_finishes_and_is_valid(organiser):
    if "seed_demo" not in get_commands():
        pytest.skip("the demo seeder (seed_demo) is not installed")
    call_command("seed_demo", size="large", seed=1)
    forum = forum_current()
    run = SchedulingRun.objects.create(
        forum=forum, options={"time_limit": 120, "fairness": None}, created_by=organiser
    )
    run = scheduling_run_execute(run=run)
    assert run.status == RunStatus.FINISHED, run.error
    assert run.result["scheduled"] > 0.95 * run.result["meetings"]
    mapped = forum_problem_build(forum=forum)
    placements = {p["meeting"]: Placement.from_dict(p) for p in run.result["placements"]}
    slots, tables = schedule_from_placements(mapped=mapped, placements=placements)
    report = engine.validate(
        mapped.problem,
        engine.Schedule(slots=slots, tables=tables),
        claimed_breaks=run.result["breaks"],
    )
    assert report.ok, str(report)
