"""Background delivery of notifications: tasks take ids, load rows and call a service."""

from __future__ import annotations

from django_tasks import task

from .models import Notification


@task()
def deliver_notification(notification_id: int) -> bool:
    from .services import notification_deliver

    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None:
        return False
    return notification_deliver(notification=notification)


@task()
def send_daily_digests() -> int:
    from .services import digests_send_all

    return digests_send_all()
