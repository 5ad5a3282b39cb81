"""The one way to tell a person something: record it once, then deliver it.

`notification_send` writes the message in the recipient's language, records a
`Notification` (unique per person and dedupe key, so an event or a day's reminder is
never recorded twice) and delivers it: an e-mail by a task enqueued when the
transaction commits, or, for people who chose the daily digest, in the next digest.
The texts are written beside the app whose event causes them (for instance
meetings/notices.py); every e-mail leaves through notifications/mail.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.core.enqueue import enqueue_on_commit
from matchforum.core.language import user_language

from .mail import MessageBuilder, mail_send
from .models import (
    REMINDER_CHOICES,
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from .tasks import deliver_notification


def notification_delivery_of(*, user: User) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.delivery if preference else Delivery.IMMEDIATE


def notification_preference_set(
    *, user: User, delivery: str, reminder_minutes: int | None = None
) -> NotificationPreference:
    """Set how `user` is e-mailed and, when given, how long before a meeting they are
    reminded (one of REMINDER_CHOICES; 0 turns reminders off)."""
    if delivery not in Delivery.values:
        raise ValueError(f"Unknown delivery {delivery!r}")
    defaults: dict[str, object] = {"delivery": delivery}
    if reminder_minutes is not None:
        if reminder_minutes not in dict(REMINDER_CHOICES):
            raise ValidationError(
                {"reminder_minutes": _("Choose one of the reminder times offered.")}
            )
        defaults["reminder_minutes"] = reminder_minutes
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults=defaults
    )
    return preference


def notification_send(
    *,
    user: User,
    kind: str,
    dedupe_key: str,
    build: MessageBuilder,
    link: str = "",
    at_once: bool = False,
    now: dt.datetime | None = None,
) -> Notification | None:
    """Tell `user` the (subject, body) that `build` writes, in the user's language; None
    when this was told before.

    `link` is the path of the page the notification is about, opened from the centre.
    `at_once` delivers in this call instead of by another task: for callers that already
    run in the background and record that the message went out (the survey run).
    """
    with translation.override(user_language(user)):
        subject, body = build()
    return notification_record(
        user=user,
        kind=kind,
        subject=str(subject),
        body=str(body),
        dedupe_key=dedupe_key,
        link=link,
        at_once=at_once,
        now=now,
    )


def notifications_send(
    *,
    users: Iterable[User],
    kind: str,
    dedupe_key: str,
    build: MessageBuilder,
    link: str = "",
    now: dt.datetime | None = None,
) -> int:
    """Tell each of `users` once (see `notification_send`); returns how many were told."""
    told = 0
    for user in {u.pk: u for u in users}.values():
        if notification_send(
            user=user, kind=kind, dedupe_key=dedupe_key, build=build, link=link, now=now
        ):
            told += 1
    return told


def notification_record(
    *,
    user: User,
    kind: str,
    subject: str,
    body: str,
    dedupe_key: str,
    link: str = "",
    at_once: bool = False,
    now: dt.datetime | None = None,
) -> Notification | None:
    """Record a notification written already and deliver it; None when it was recorded
    before."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                kind=kind,
                subject=subject[:200],
                body=body,
                dedupe_key=dedupe_key[:200],
                link=link,
                created_at=now,
            )
    except IntegrityError:
        return None
    if notification_delivery_of(user=user) == Delivery.IMMEDIATE:
        if at_once:
            notification_deliver(notification=notification, now=now)
        else:
            enqueue_on_commit(deliver_notification, notification.pk)
    return notification


def notification_deliver(*, notification: Notification, now: dt.datetime | None = None) -> bool:
    """Send one notification by e-mail unless it was sent already."""
    claimed = Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(
        sent_at=now or timezone.now()
    )
    if not claimed:
        return False
    mail_send(to=notification.user.email, subject=notification.subject, body=notification.body)
    return True


def notification_mark_read(
    *, notification: Notification, now: dt.datetime | None = None
) -> Notification:
    """Mark one notification read (once: the first reading time stays)."""
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user: User, now: dt.datetime | None = None) -> int:
    """Mark every unread notification of `user` read; returns how many were unread."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )


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
    with translation.override(user_language(user)):
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
                # A copy of notifications the centre shows already: never unread there.
                read_at=now,
            )
    except IntegrityError:
        return None
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(sent_at=now)
    mail_send(to=user.email, subject=subject, body=body)
    return digest


def digests_send_all(*, now: dt.datetime | None = None) -> int:
    """Send the digest of everyone who chose it and has something unsent; returns the count."""
    users = User.objects.filter(
        notification_preference__delivery=Delivery.DIGEST,
        notifications__sent_at__isnull=True,
    ).distinct()
    return sum(1 for user in users if digest_send(user=user, now=now) is not None)
