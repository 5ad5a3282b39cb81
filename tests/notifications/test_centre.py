"""The notification centre: one's own notifications, unread state, the header badge."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from matchforum.notifications.models import Notification, NotificationKind
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_centre_lists_own_notifications_newest_first_without_the_digest(client, make_delegate):
    me, other = make_delegate().user, make_delegate().user
    now = timezone.now()
    NotificationFactory(user=me, subject="Older news", created_at=now - dt.timedelta(hours=1))
    NotificationFactory(user=me, subject="Newer news", created_at=now)
    NotificationFactory(user=me, subject="Digest copy", kind=NotificationKind.DIGEST)
    NotificationFactory(user=other, subject="Not for you")
    client.force_login(me)
    html = client.get(reverse("notifications:centre")).content.decode()
    assert html.index("Newer news") < html.index("Older news")
    assert "Digest copy" not in html and "Not for you" not in html


def test_centre_pages_twenty_at_a_time(client, make_delegate):
    me = make_delegate().user
    now = timezone.now()
    for n in range(25):
        NotificationFactory(user=me, subject=f"Event {n:02d}", created_at=now - dt.timedelta(n))
    client.force_login(me)
    first = client.get(reverse("notifications:centre")).content.decode()
    second = client.get(reverse("notifications:centre") + "?page=2").content.decode()
    assert "Event 00" in first and "Event 19" in first and "Event 20" not in first
    assert "Event 20" in second and "Event 24" in second and "Event 00" not in second


def test_header_badge_counts_unread_in_one_query(client, make_delegate):
    me = make_delegate().user
    NotificationFactory.create_batch(3, user=me)
    NotificationFactory(user=me, read_at=timezone.now())
    client.force_login(me)
    html = client.get(reverse("notifications:centre")).content.decode()
    assert 'data-testid="unread-count"' in html
    assert html.count('class="notification unread"') == 3
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("notifications:centre"))
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and "notification" in q["sql"]]
    # One for the badge (shown twice on this page: header and the "mark all" button), one
    # for the paginator.
    assert len(counts) == 2


def test_mark_one_read_then_all_read_clears_the_badge(client, make_delegate):
    me = make_delegate().user
    first, second = NotificationFactory(user=me), NotificationFactory(user=me)
    client.force_login(me)
    response = client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=me, read_at__isnull=True).exists()
    html = client.get(reverse("notifications:centre")).content.decode()
    assert 'data-testid="unread-count"' not in html


def test_first_reading_time_stays(make_delegate):
    from matchforum.notifications.services import notification_mark_read

    notification = NotificationFactory(user=make_delegate().user)
    first = timezone.now() - dt.timedelta(days=1)
    notification_mark_read(notification=notification, now=first)
    notification_mark_read(notification=Notification.objects.get(pk=notification.pk))
    notification.refresh_from_db()
    assert notification.read_at == first


def test_open_marks_read_and_goes_to_the_linked_page(client, make_delegate):
    me = make_delegate().user
    notification = NotificationFactory(user=me, link=reverse("agenda:agenda"))
    client.force_login(me)
    response = client.post(
        reverse("notifications:mark_read", args=[notification.pk]), {"open": "1"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("agenda:agenda")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_next_elsewhere_is_not_followed(client, make_delegate):
    me = make_delegate().user
    notification = NotificationFactory(user=me)
    client.force_login(me)
    response = client.post(
        reverse("notifications:mark_read", args=[notification.pk]),
        {"next": "https://elsewhere.example/"},
    )
    assert response["Location"] == reverse("notifications:centre")


def test_another_persons_notification_is_not_found(client, make_delegate):
    me, other = make_delegate().user, make_delegate().user
    theirs = NotificationFactory(user=other)
    client.force_login(me)
    response = client.post(reverse("notifications:mark_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.post(reverse("notifications:mark_all_read"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_post(client, make_delegate):
    me = make_delegate().user
    notification = NotificationFactory(user=me)
    client.force_login(me)
    assert client.get(reverse("notifications:mark_read", args=[notification.pk])).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("notifications:centre"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_preferences_live_under_the_centre(client, make_delegate):
    client.force_login(make_delegate().user)
    assert reverse("notifications:preferences") == "/notifications/preferences/"
    assert client.get(reverse("notifications:preferences")).status_code == 200
