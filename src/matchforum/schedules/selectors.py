"""Reads of scheduling: runs, the published version, free places and the waiting list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.fields.json import KeyTransform
from django.utils import timezone

from matchforum.core.db_functions import JSONArraySlice
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


@dataclass(frozen=True)
class ForumOccupancy:
    """What is taken in a forum's slots, loaded once and asked many times.

    `busy` maps each delegate loaded to the slots they are seated or unavailable in;
    `taken_tables` and `online_used` count the forum's placed meetings per slot. A page
    that lists free places for many meetings loads this once (`forum_occupancy`) instead
    of querying per meeting.
    """

    online_capacity: int
    slots: list[Slot]
    tables: list[Table]
    taken_tables: dict[int, set[int]]
    online_used: Counter[int]
    busy: dict[int, set[int]] = field(default_factory=dict)

    def places(
        self,
        *,
        delegate_ids: Iterable[int],
        online: bool = False,
        session_id: int | None = None,
        part: str = "",
        upcoming: bool = False,
        limit: int | None = None,
    ) -> list[tuple[Slot, Table | None]]:
        """(slot, table) places where a meeting of these delegates fits (see free_places)."""
        busy: set[int] = set()
        for delegate_id in delegate_ids:
            if delegate_id not in self.busy:
                raise KeyError(f"delegate {delegate_id} is not loaded in this occupancy")
            busy |= self.busy[delegate_id]
        now = timezone.now()
        places: list[tuple[Slot, Table | None]] = []
        for slot in self.slots:
            if slot.pk in busy:
                continue
            if upcoming and slot.ends_at <= now:
                continue
            if session_id and slot.session_id != session_id:
                continue
            if part in ("morning", "afternoon") and slot.session.part != part:
                continue
            if online:
                if self.online_used[slot.pk] < self.online_capacity:
                    places.append((slot, None))
            else:
                taken = self.taken_tables.get(slot.pk, set())
                table = next((t for t in self.tables if t.pk not in taken), None)
                if table is not None:
                    places.append((slot, table))
            if limit is not None and len(places) >= limit:
                break
        return places


def forum_occupancy(*, forum: Forum, delegate_ids: Iterable[int]) -> ForumOccupancy:
    """The forum's taken tables and online rooms per slot, and the busy slots of these
    delegates: five queries, however many delegates and meetings."""
    ids = set(delegate_ids)
    busy: dict[int, set[int]] = {pk: set() for pk in ids}
    seats = MeetingSeat.objects.filter(delegate_id__in=ids).values_list("delegate_id", "slot_id")
    unavailable = Delegate.unavailable_slots.through.objects.filter(
        delegate_id__in=ids
    ).values_list("delegate_id", "slot_id")
    for rows in (seats, unavailable):
        for delegate_id, slot_id in rows:
            busy[delegate_id].add(slot_id)
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
    return ForumOccupancy(
        online_capacity=forum.online_capacity_per_slot,
        slots=list(
            Slot.objects.filter(session__day__forum=forum)
            .select_related("session")
            .order_by("starts_at")
        ),
        tables=list(Table.objects.filter(forum=forum, is_active=True).order_by("number")),
        taken_tables=taken_tables,
        online_used=online_used,
        busy=busy,
    )


def scheduling_runs_listed(*, forum: Forum) -> QuerySet[SchedulingRun]:
    """The forum's runs for a list page: the figures are read from each run's summary in
    SQL (`scheduled`, `meetings_total`, `breaks`, `unscheduled_count`, `moves_count`)
    instead of loading each result, which holds every placement of a run; versions come
    in one query, without their placements."""

    def key(name: str) -> KeyTransform:
        return KeyTransform(name, "summary")

    return (
        scheduling_runs(forum=forum)
        .defer("result", "summary", "progress")
        .annotate(
            scheduled=key("scheduled"),
            meetings_total=key("meetings"),
            breaks=key("breaks"),
            unscheduled_count=key("unscheduled_count"),
            moves_count=key("moves_count"),
        )
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ScheduleVersion.objects.only("pk", "number", "run_id").order_by("number"),
            )
        )
    )


def scheduling_run_shown(*, forum: Forum, pk: int) -> SchedulingRun | None:
    """One run of the forum for its page: everything but its result (see `run_moves`)."""
    return scheduling_runs(forum=forum).defer("result").filter(pk=pk).first()


class RunMoves:
    """A run's changes against the live schedule as a sequence Django's Paginator pages:
    its length comes from the run's summary and each page is sliced out of the stored
    result in SQL, so a page of 200 never decodes the other 15,000 (`[{meeting, from, to}]`,
    by meeting id)."""

    def __init__(self, run: SchedulingRun) -> None:
        self.run = run

    def count(self) -> int:
        return int((self.run.summary or {}).get("moves_count") or 0)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("a run's moves are read a page (a slice) at a time")
        start, stop, _step = index.indices(self.count())
        if stop <= start:
            return []
        page = (
            SchedulingRun.objects.filter(pk=self.run.pk)
            .annotate(page=JSONArraySlice(KeyTransform("moves", "result"), start=start, stop=stop))
            .values_list("page", flat=True)
            .first()
        )
        return list(page or [])


def run_moves(*, run: SchedulingRun) -> RunMoves:
    return RunMoves(run)


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
    return forum_occupancy(forum=forum, delegate_ids=delegate_ids).places(
        delegate_ids=delegate_ids,
        online=online,
        session_id=session_id,
        part=part,
        upcoming=upcoming,
        limit=limit,
    )


def meeting_free_places(
    *,
    forum: Forum,
    meeting: Meeting,
    upcoming: bool = False,
    limit: int | None = None,
    occupancy: ForumOccupancy | None = None,
) -> list[tuple[Slot, Table | None]]:
    """Where this meeting fits without moving anyone, within its mode and its session
    constraints: for the waiting list, and (`upcoming`) for a move its sides ask for (its
    own seats count as busy, so its current slot is never offered). A page listing many
    meetings passes one `occupancy` loaded for all their delegates (attendees included)."""
    delegate_ids = meeting_delegate_ids(meeting)
    if occupancy is None:
        occupancy = forum_occupancy(forum=forum, delegate_ids=delegate_ids)
    return occupancy.places(
        delegate_ids=delegate_ids,
        online=meeting.mode == MeetingMode.ONLINE,
        session_id=meeting.allowed_session_id,
        part=meeting.session_wish,
        upcoming=upcoming,
        limit=limit,
    )


WAITING_PLACES_SHOWN = 5


def waiting_meetings(*, forum: Forum) -> QuerySet[Meeting]:
    """Accepted meetings without a place, the most wanted and the oldest first."""
    return (
        Meeting.objects.filter(forum=forum, status=MeetingStatus.ACCEPTED, slot__isnull=True)
        .select_related("organisation_a", "organisation_b", "delegate_a__user", "delegate_b__user")
        .prefetch_related("attendees")
        .order_by("-priority", "created_at", "pk")
    )


def waiting_list(
    *, forum: Forum, meetings: Iterable[Meeting] | None = None
) -> list[dict[str, Any]]:
    """Waiting meetings (`meetings`, a page of `waiting_meetings`; all of them without it),
    each with the first free places it could take; the busy slots are loaded once."""
    chosen = list(waiting_meetings(forum=forum) if meetings is None else meetings)
    occupancy = forum_occupancy(
        forum=forum,
        delegate_ids={pk for m in chosen for pk in meeting_delegate_ids(m)},
    )
    rows = []
    for meeting in chosen:
        places = meeting_free_places(
            forum=forum, meeting=meeting, limit=WAITING_PLACES_SHOWN, occupancy=occupancy
        )
        rows.append({"meeting": meeting, "places": places, "fits": bool(places)})
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
