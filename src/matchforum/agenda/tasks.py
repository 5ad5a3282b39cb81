"""Background work of the agenda: tasks call a service."""

from __future__ import annotations

from django_tasks import task


@task()
def send_meeting_reminders() -> int:
    from .services import meeting_reminders_send

    return meeting_reminders_send()
