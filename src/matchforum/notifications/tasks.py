"""Background delivery of notifications: tasks take ids, load rows and call a service."""

from __future__ import annotations

from django_tasks import task

from .models import Notification
from .services import digests_send_all, notification_deliver


@task()
def deliver_notification(notification_id: int) -> bool:
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None:
        return False
    return notification_deliver(notification=notification)


@task()
def send_daily_digests() -> int:
    return digests_send_all()


@task()
def notify_schedule_published(version_id: int, changed_meeting_ids: list[int] | None = None) -> int:
    """Call after publishing a schedule version (same signature as the console's hook).

    Everyone with a meeting is told the schedule is out (once per version); the people
    whose meetings moved since the previous version are told which ones.
    """
    from matchforum.schedules.models import ScheduleVersion

    from .events import schedule_publication_notify

    version = ScheduleVersion.objects.select_related("forum").get(pk=version_id)
    return schedule_publication_notify(version, changed_meeting_ids)
