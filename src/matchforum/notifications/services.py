"""Recording and sending notifications through Django's e-mail layer.

Services record a `Notification` (unique per person and dedupe key, so an event or a
day's reminder is never recorded twice) and enqueue its delivery; the e-mail itself is
sent by a task. People who chose the daily digest get one mail a day with everything
not yet sent.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from matchforum.accounts.models import User

from .models import Delivery, Notification, NotificationKind, NotificationPreference


def notification_delivery_of(*, user: User) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.delivery if preference else Delivery.IMMEDIATE


def notification_preference_set(*, user: User, delivery: str) -> NotificationPreference:
    if delivery not in Delivery.values:
        raise ValueError(f"Unknown delivery {delivery!r}")
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"delivery": delivery}
    )
    return preference


def notification_record(
    *,
    user: User,
    kind: str,
    subject: str,
    body: str,
    dedupe_key: str,
    now: dt.datetime | None = None,
) -> Notification | None:
    """Record a notification and enqueue its e-mail; None when it was recorded before."""
    from .tasks import deliver_notification

    now = now or timezone.now()
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                kind=kind,
                subject=subject[:200],
                body=body,
                dedupe_key=dedupe_key[:200],
                created_at=now,
            )
    except IntegrityError:
        return None
    if notification_delivery_of(user=user) == Delivery.IMMEDIATE:
        deliver_notification.enqueue(notification.pk)
    return notification


def _language_of(user: User) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def notification_deliver(*, notification: Notification, now: dt.datetime | None = None) -> bool:
    """Send one notification by e-mail unless it was sent already."""
    claimed = Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(
        sent_at=now or timezone.now()
    )
    if not claimed:
        return False
    send_mail(
        subject=notification.subject,
        message=notification.body,
        from_email=None,
        recipient_list=[notification.user.email],
    )
    return True


def digest_send(*, user: User, now: dt.datetime | None = None) -> Notification | None:
    """Send the user's daily digest of unsent notifications; at most one per day."""
    now = now or timezone.now()
    pending = list(
        Notification.objects.filter(user=user, sent_at__isnull=True, created_at__lte=now)
        .exclude(kind=NotificationKind.DIGEST)
        .order_by("created_at", "pk")
    )
    if not pending:
        return None
    day = timezone.localdate(now)
    with translation.override(_language_of(user)):
        subject = _("Your matchforum digest for %(day)s") % {"day": day.isoformat()}
        parts = [f"— {n.subject}\n{n.body}" for n in pending]
        body = "\n\n".join(parts)
    try:
        with transaction.atomic():
            digest = Notification.objects.create(
                user=user,
                kind=NotificationKind.DIGEST,
                subject=subject,
                body=body,
                dedupe_key=f"digest:{day.isoformat()}",
                created_at=now,
                sent_at=now,
            )
    except IntegrityError:
        return None
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(sent_at=now)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
    return digest


def digests_send_all(*, now: dt.datetime | None = None) -> int:
    """Send the digest of everyone who chose it and has something unsent; returns the count."""
    users = User.objects.filter(
        notification_preference__delivery=Delivery.DIGEST,
        notifications__sent_at__isnull=True,
    ).distinct()
    return sum(1 for user in users if digest_send(user=user, now=now) is not None)


def site_url(path: str = "") -> str:
    return settings.SITE_URL.rstrip("/") + path
