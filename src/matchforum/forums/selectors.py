"""Reads of forums and their timetable frame."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import CapabilityTrack, Forum, Slot


def forum_current() -> Forum | None:
    """The active forum (one site runs one forum at a time; the newest active wins)."""
    return Forum.objects.filter(is_active=True).order_by("-starts_on", "-pk").first()


def forum_slots(*, forum: Forum) -> QuerySet[Slot]:
    return (
        Slot.objects.filter(session__day__forum=forum)
        .select_related("session", "session__day")
        .order_by("starts_at")
    )


def tracks_all() -> QuerySet[CapabilityTrack]:
    return CapabilityTrack.objects.all()
