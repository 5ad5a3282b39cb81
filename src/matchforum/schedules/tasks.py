"""Background tasks of scheduling: they take ids, load objects and call a service."""

from __future__ import annotations

from django_tasks import task

from .models import ScheduleVersion, SchedulingRun


@task()
def solve_scheduling_run(run_id: int) -> str:
    """Solve one queued run and store its result (never touches the live schedule)."""
    from .services import scheduling_run_execute

    run = SchedulingRun.objects.get(pk=run_id)
    return scheduling_run_execute(run=run).status


@task()
def notify_schedule_published(version_id: int, changed_meeting_ids: list[int] | None = None) -> int:
    """Tell the delegates about a published version: everyone with a meeting that it is
    out, those whose meetings moved where they are now; returns how many were told."""
    from .notices import schedule_version_notify

    version = ScheduleVersion.objects.select_related("forum").get(pk=version_id)
    return schedule_version_notify(version=version, changed_meeting_ids=changed_meeting_ids)
