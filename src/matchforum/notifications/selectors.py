"""Reads of a person's notification centre."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from matchforum.accounts.models import User

from .models import (
    DEFAULT_REMINDER_MINUTES,
    Notification,
    NotificationKind,
    NotificationPreference,
)


def notifications_of(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first; the daily digest is a copy of them and is
    left out."""
    return Notification.objects.filter(user=user).exclude(kind=NotificationKind.DIGEST)


def notifications_unread_count(*, user: User) -> int:
    return notifications_of(user=user).filter(read_at__isnull=True).count()


def reminder_minutes_of(*, user: User) -> int:
    """How many minutes before each meeting the user is reminded; 0 means never."""
    found = (
        NotificationPreference.objects.filter(user=user)
        .values_list("reminder_minutes", flat=True)
        .first()
    )
    return DEFAULT_REMINDER_MINUTES if found is None else found


def reminder_minutes_by_user(*, user_ids: Iterable[int]) -> dict[int, int]:
    """`reminder_minutes_of` for many users in one query."""
    ids = set(user_ids)
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids).values_list(
            "user_id", "reminder_minutes"
        )
    )
    return {pk: chosen.get(pk, DEFAULT_REMINDER_MINUTES) for pk in ids}
