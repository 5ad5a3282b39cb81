import datetime as dt

import pytest
from django.utils import timezone

from matchforum.notifications.models import Delivery, Notification, NotificationKind
from matchforum.notifications.services import (
    digest_send,
    digests_send_all,
    notification_preference_set,
    notification_record,
)
from tests.factories import DelegateFactory, UserFactory

pytestmark = pytest.mark.django_db


def _record(user, key, now=None):
    return notification_record(
        user=user,
        kind=NotificationKind.REQUEST_RECEIVED,
        subject=f"Subject {key}",
        body=f"Body {key}",
        dedupe_key=key,
        now=now,
    )


def test_immediate_delivery_sends_one_mail_per_event_and_never_twice(
    mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert _record(user, "event-1") is not None
        assert _record(user, "event-1") is None
    assert [m.subject for m in mailoutbox] == ["Subject event-1"]
    assert Notification.objects.get(dedupe_key="event-1").sent_at is not None


def test_digest_users_get_one_mail_a_day_with_everything_unsent(mailoutbox, immediate_tasks):
    user = UserFactory()
    notification_preference_set(user=user, delivery=Delivery.DIGEST)
    now = timezone.now()
    _record(user, "a", now=now)
    _record(user, "b", now=now)
    assert mailoutbox == []  # nothing sent at the event
    assert digests_send_all(now=now) == 1
    assert len(mailoutbox) == 1
    assert "Subject a" in mailoutbox[0].body and "Subject b" in mailoutbox[0].body
    # A later event the same day waits for tomorrow's digest.
    _record(user, "c", now=now)
    assert digest_send(user=user, now=now) is None
    assert len(mailoutbox) == 1
    tomorrow = now + dt.timedelta(days=1)
    assert digest_send(user=user, now=tomorrow) is not None
    assert len(mailoutbox) == 2 and "Subject c" in mailoutbox[1].body


def test_nothing_to_tell_means_no_digest(mailoutbox):
    user = UserFactory()
    notification_preference_set(user=user, delivery=Delivery.DIGEST)
    assert digest_send(user=user) is None
    assert mailoutbox == []


def test_preference_page_saves_the_choice(client, forum):
    delegate = DelegateFactory(organisation__forum=forum)
    client.force_login(delegate.user)
    client.post("/notifications/preferences/", {"delivery": "digest", "reminder_minutes": "30"})
    preference = delegate.user.notification_preference
    assert (preference.delivery, preference.reminder_minutes) == (Delivery.DIGEST, 30)


def test_preference_page_refuses_a_reminder_lead_not_offered(client, forum):
    delegate = DelegateFactory(organisation__forum=forum)
    client.force_login(delegate.user)
    response = client.post(
        "/notifications/preferences/", {"delivery": "digest", "reminder_minutes": "7"}
    )
    assert response.status_code == 200 and "reminder_minutes" in response.context["form"].errors
    assert not Notification.objects.exists()
    from matchforum.notifications.models import NotificationPreference

    assert not NotificationPreference.objects.filter(user=delegate.user).exists()
