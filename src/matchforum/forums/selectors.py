"""Reads of forums and their timetable frame."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from .models import CapabilityTrack, Forum, Slot

FORUM_CURRENT_CACHE_KEY = "matchforum:forum-current"
_NONE = "none"  # a cached "no active forum", told apart from a cache miss


def forum_current() -> Forum | None:
    """The active forum (one site runs one forum at a time; the newest active wins).

    Every request asks for it, so it is remembered for FORUM_CACHE_SECONDS (a few
    seconds). Saving or deleting a forum forgets it at once (forums/signals.py); with the
    default per-process cache, other processes see the change within the TTL.
    """
    timeout = settings.FORUM_CACHE_SECONDS
    if timeout > 0:
        cached = cache.get(FORUM_CURRENT_CACHE_KEY)
        if cached is not None:
            return None if cached == _NONE else cached
    forum = Forum.objects.filter(is_active=True).order_by("-starts_on", "-pk").first()
    if timeout > 0:
        cache.set(FORUM_CURRENT_CACHE_KEY, _NONE if forum is None else forum, timeout)
    return forum


def forum_current_forget() -> None:
    cache.delete(FORUM_CURRENT_CACHE_KEY)


def forum_slots(*, forum: Forum) -> QuerySet[Slot]:
    return (
        Slot.objects.filter(session__day__forum=forum)
        .select_related("session", "session__day")
        .order_by("starts_at")
    )


def tracks_all() -> QuerySet[CapabilityTrack]:
    return CapabilityTrack.objects.all()


def forum_local_date(*, forum: Forum, now: dt.datetime | None = None) -> dt.date:
    """Today's date where the forum takes place (its time zone, not the server's)."""
    return (now or timezone.now()).astimezone(ZoneInfo(forum.time_zone)).date()


def forum_is_on(*, forum: Forum, now: dt.datetime | None = None) -> bool:
    """Whether today, in the forum's time zone, is one of the forum's days."""
    return forum.days.filter(date=forum_local_date(forum=forum, now=now)).exists()
