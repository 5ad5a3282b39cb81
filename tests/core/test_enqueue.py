"""Services enqueue through one helper, which waits for the transaction to commit."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from matchforum.core.enqueue import enqueue_on_commit
from matchforum.notifications.models import Notification, NotificationKind
from matchforum.notifications.tasks import deliver_notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notification() -> Notification:
    return Notification.objects.create(
        user=UserFactory(),
        kind=NotificationKind.REMINDER,
        subject="Requests wait",
        body="Two requests wait for your answer.",
        dedupe_key="reminder:test",
        created_at=timezone.now(),
    )


def test_the_task_runs_only_once_the_transaction_commits(
    mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    notification = _notification()
    with django_capture_on_commit_callbacks() as callbacks:
        enqueue_on_commit(deliver_notification, notification.pk)
        assert mailoutbox == []  # the worker must not see uncommitted rows
    assert len(callbacks) == 1
    callbacks[0]()  # the commit
    assert [m.subject for m in mailoutbox] == ["Requests wait"]
    notification.refresh_from_db()
    assert notification.sent_at is not None


def test_a_rolled_back_transaction_enqueues_nothing(
    mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    notification = _notification()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                enqueue_on_commit(deliver_notification, notification.pk)
                raise RuntimeError("the service failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mailoutbox == []
