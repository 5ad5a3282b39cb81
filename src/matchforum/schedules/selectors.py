"""Reads of scheduling: runs, the published version, free places and the waiting list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from matchforum.forums.models import Forum, Slot, Table
from matchforum.meetings.models import Meeting, MeetingMode, MeetingSeat, MeetingStatus
from matchforum.meetings.participants import attendee_ids_by_meeting, meeting_delegate_ids
from matchforum.organisations.models import Delegate

from .mapping import Placement, live_placements
from .models import ScheduleVersion, SchedulingRun, VersionStatus


def schedule_version_published(*, forum: Forum) -> ScheduleVersion | None:
    return ScheduleVersion.objects.filter(forum=forum, status=VersionStatus.PUBLISHED).first()


def scheduling_runs(*, forum: Forum) -> QuerySet[SchedulingRun]:
    """The forum's runs, newest first (the model's ordering)."""
    return SchedulingRun.objects.filter(forum=forum).select_related("created_by")


def free_places(
    *,
    forum: Forum,
    delegates: Iterable[Delegate | int],
    online: bool = False,
    session_id: int | None = None,
    part: str = "",
    upcoming: bool = False,
    limit: int | None = None,
) -> list[tuple[Slot, Table | None]]:
    """(slot, table) places where a meeting of these delegates fits without moving anyone.

    The table is the first free active one; with `online`, it is None and the slot still
    has online capacity. None of the delegates may be seated or unavailable in the slot.
    `session_id` and `part` ("morning"/"afternoon") narrow the slots as a meeting's
    constraints do; `upcoming` leaves out slots that are over (the desk books walk-ins).
    """
    delegate_ids = [d if isinstance(d, int) else d.pk for d in delegates]
    busy = set(
        MeetingSeat.objects.filter(delegate_id__in=delegate_ids).values_list("slot_id", flat=True)
    )
    busy |= set(
        Delegate.unavailable_slots.through.objects.filter(delegate_id__in=delegate_ids).values_list(
            "slot_id", flat=True
        )
    )
    taken_tables: dict[int, set[int]] = {}
    online_used: Counter[int] = Counter()
    placed = Meeting.objects.filter(forum=forum, slot__isnull=False).exclude(
        status=MeetingStatus.CANCELLED
    )
    for slot_id, table_id in placed.values_list("slot_id", "table_id"):
        if table_id is None:
            online_used[slot_id] += 1
        else:
            taken_tables.setdefault(slot_id, set()).add(table_id)
    tables = list(Table.objects.filter(forum=forum, is_active=True).order_by("number"))
    slots = (
        Slot.objects.filter(session__day__forum=forum)
        .select_related("session")
        .order_by("starts_at")
    )
    if upcoming:
        slots = slots.filter(ends_at__gt=timezone.now())
    places: list[tuple[Slot, Table | None]] = []
    for slot in slots:
        if slot.pk in busy:
            continue
        if session_id and slot.session_id != session_id:
            continue
        if part in ("morning", "afternoon") and slot.session.part != part:
            continue
        if online:
            if online_used[slot.pk] < forum.online_capacity_per_slot:
                places.append((slot, None))
        else:
            free = [t for t in tables if t.pk not in taken_tables.get(slot.pk, set())]
            if free:
                places.append((slot, free[0]))
        if limit is not None and len(places) >= limit:
            break
    return places


def meeting_free_places(
    *, forum: Forum, meeting: Meeting, upcoming: bool = False
) -> list[tuple[Slot, Table | None]]:
    """Where this meeting fits without moving anyone, within its mode and its session
    constraints: for the waiting list, and (`upcoming`) for a move its sides ask for (its
    own seats count as busy, so its current slot is never offered)."""
    return free_places(
        forum=forum,
        delegates=meeting_delegate_ids(meeting),
        online=meeting.mode == MeetingMode.ONLINE,
        session_id=meeting.allowed_session_id,
        part=meeting.session_wish,
        upcoming=upcoming,
    )


def waiting_list(*, forum: Forum) -> list[dict[str, Any]]:
    """Accepted meetings without a place, each with the first free places it could take."""
    waiting = (
        Meeting.objects.filter(forum=forum, status=MeetingStatus.ACCEPTED, slot__isnull=True)
        .select_related("organisation_a", "organisation_b", "delegate_a__user", "delegate_b__user")
        .order_by("-priority", "created_at", "pk")
    )
    rows = []
    for meeting in waiting:
        places = meeting_free_places(forum=forum, meeting=meeting)
        rows.append({"meeting": meeting, "places": places[:5], "fits": bool(places)})
    return rows


def run_known_meeting_ids(*, run: SchedulingRun) -> set[int]:
    """The meetings a run decided on: the ones it placed and the ones it left out.

    Publishing the run places the first and takes the place of the second away; every
    other meeting keeps its place.
    """
    result = run.result or {}
    return (
        set(result.get("meeting_ids") or [])
        | {int(p["meeting"]) for p in result.get("placements", [])}
        | {int(item["meeting"]) for item in result.get("unscheduled", [])}
    )


def schedule_publish_preview(*, run: SchedulingRun) -> dict[str, int]:
    """What publishing `run` would do, for the confirmation page.

    `placed`: meetings with a place afterwards; `changed`: meetings whose place changes;
    `moved`: of those, the ones that had a place (their delegates are told where they are
    now); `unplaced`: meetings the run could not fit; `told`: delegates told that the
    schedule is out (everyone with a placed meeting, and only if something changes).
    """
    result = run.result or {}
    wanted = {
        p.meeting: p for p in (Placement.from_dict(item) for item in result.get("placements", []))
    }
    before = live_placements(forum=run.forum)
    open_ids = set(
        Meeting.objects.filter(
            forum=run.forum, status__in=[MeetingStatus.ACCEPTED, MeetingStatus.SCHEDULED]
        ).values_list("pk", flat=True)
    )
    touched = run_known_meeting_ids(run=run) & open_ids
    after = {pk: p for pk, p in before.items() if pk not in touched}
    after.update({pk: p for pk, p in wanted.items() if pk in touched})
    changed = {pk for pk in set(before) | set(after) if before.get(pk) != after.get(pk)}
    told: set[int] = set()
    if changed:
        for a, b in Meeting.objects.filter(pk__in=list(after)).values_list(
            "delegate_a_id", "delegate_b_id"
        ):
            told.update((a, b))
        for ids in attendee_ids_by_meeting(after).values():
            told.update(ids)
    return {
        "placed": len(after),
        "changed": len(changed),
        "moved": len(changed & set(before) & set(after)),
        "unplaced": len(result.get("unscheduled", [])),
        "told": len(told),
    }
