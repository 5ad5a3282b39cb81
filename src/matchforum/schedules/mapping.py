"""The one bridge between the forum's ORM rows and the pure scheduling engine.

Everything the engine needs is read here and turned into its plain `Problem`:

- slots in time order, numbered 1..T, grouped into the engine's sessions (one per forum
  session, named ``s<pk>``, with a day number 1..D);
- active tables (numbered 1..N in the engine, ordered by their real number) and the
  forum's online capacity per slot;
- every accepted or placed meeting, between its two delegates (participants are
  delegates, ``d<pk>``) and the colleagues they bring as attendees, with its session
  wish (morning/afternoon → the sessions of that part of the day), its pinned slot and
  table, its priority as a weight, and online mode;
- each delegate's unavailable slots and the forum's cap of meetings per delegate.

Meetings already held (or marked no-show) are pinned where they happened; with
``keep_published`` every scheduled meeting is pinned to its current slot and table.

The engine's result comes back as `Placement` rows keyed by database ids, which is all
the services need to store a run's result or publish it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matchforum import scheduling as engine


from matchforum.forums.models import Forum, Slot, Table
from matchforum.meetings.models import Meeting, MeetingMode, MeetingStatus, Priority, SessionWish
from matchforum.meetings.participants import attendee_ids_by_meeting
from matchforum.organisations.models import Delegate


def _engine():
    """The engine, imported when first used (the web layer loads without it)."""
    from matchforum import scheduling

    return scheduling


#: Meetings the solver places (accepted) or must respect (scheduled, held, no-show).
SCHEDULABLE_STATUSES = [
    MeetingStatus.ACCEPTED,
    MeetingStatus.SCHEDULED,
    MeetingStatus.HELD,
    MeetingStatus.NO_SHOW,
]
#: Meetings that happened (or were due) already: never moved.
PAST_STATUSES = {MeetingStatus.HELD, MeetingStatus.NO_SHOW}


@dataclass(frozen=True)
class Placement:
    """Where one meeting goes: a slot and a table, or a slot online."""

    meeting: int
    slot: int
    table: int | None
    online: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "meeting": self.meeting,
            "slot": self.slot,
            "table": self.table,
            "online": self.online,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Placement:
        return cls(
            meeting=int(data["meeting"]),
            slot=int(data["slot"]),
            table=None if data.get("table") is None else int(data["table"]),
            online=bool(data.get("online")),
        )


@dataclass
class MappedProblem:
    """The engine's problem with the keys to translate its indices back to rows."""

    problem: engine.Problem
    meeting_ids: list[int]  # engine meeting index k → Meeting.pk
    slot_ids: list[int]  # engine slot s (1-based) → Slot.pk at s - 1
    table_ids: list[int]  # engine table t (1-based) → Table.pk at t - 1
    delegate_ids: list[int]  # engine participant index → Delegate.pk
    current: dict[int, Placement] = field(default_factory=dict)  # live placements by meeting

    @property
    def slot_number(self) -> dict[int, int]:
        return {pk: i + 1 for i, pk in enumerate(self.slot_ids)}

    @property
    def table_number(self) -> dict[int, int]:
        return {pk: i + 1 for i, pk in enumerate(self.table_ids)}


def participant_key(delegate_id: int) -> str:
    return f"d{delegate_id}"


def live_placements(*, forum: Forum) -> dict[int, Placement]:
    """The placements the forum's meetings have right now, by meeting id."""
    rows = (
        Meeting.objects.filter(forum=forum, slot__isnull=False)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("pk", "slot_id", "table_id", "mode")
    )
    return {
        pk: Placement(
            meeting=pk, slot=slot, table=table, online=table is None and mode == MeetingMode.ONLINE
        )
        for pk, slot, table, mode in rows
    }


def forum_problem_build(
    *,
    forum: Forum,
    fairness: int | None = None,
    keep_published: bool = False,
    allow_unscheduled: bool = True,
) -> MappedProblem:
    """Read the forum's rows and build the engine's `Problem` for them.

    `keep_published` pins every scheduled meeting where it is (unless a delegate can no
    longer attend that slot); a table out of use is not pinned, only the slot.
    """
    engine = _engine()
    slots = list(
        Slot.objects.filter(session__day__forum=forum)
        .select_related("session", "session__day")
        .order_by("starts_at", "pk")
    )
    slot_number = {slot.pk: i + 1 for i, slot in enumerate(slots)}
    tables = list(Table.objects.filter(forum=forum, is_active=True).order_by("number"))
    table_number = {table.pk: i + 1 for i, table in enumerate(tables)}

    sessions, session_part = _sessions(slots)
    meetings = list(
        Meeting.objects.filter(forum=forum, status__in=SCHEDULABLE_STATUSES).order_by("pk")
    )
    attendees = attendee_ids_by_meeting(m.pk for m in meetings)
    people = {m.pk: [m.delegate_a_id, m.delegate_b_id, *attendees[m.pk]] for m in meetings}
    delegate_ids = sorted({d for ids in people.values() for d in ids})
    agreed: dict[int, int] = defaultdict(int)
    for ids in people.values():
        for d in ids:
            agreed[d] += 1
    participants = _participants(forum, delegate_ids, slot_number, agreed)
    forbidden = {p.id: p.forbidden for p in participants}

    engine_meetings = []
    for meeting in meetings:
        engine_meetings.append(
            _meeting(
                meeting,
                attendees=attendees[meeting.pk],
                slot_number=slot_number,
                table_number=table_number,
                sessions=sessions,
                session_part=session_part,
                keep_published=keep_published,
                forbidden=forbidden,
            )
        )
    n_slots = len(slots)
    problem = engine.Problem(
        participants=participants,
        meetings=engine_meetings,
        sessions=sessions,
        tables=[len(tables)] * n_slots,
        online_capacity=[forum.online_capacity_per_slot] * n_slots,
        fairness=fairness,
        allow_unscheduled=allow_unscheduled,
        name=forum.slug,
    )
    return MappedProblem(
        problem=problem,
        meeting_ids=[m.pk for m in meetings],
        slot_ids=[slot.pk for slot in slots],
        table_ids=[table.pk for table in tables],
        delegate_ids=delegate_ids,
        current=live_placements(forum=forum),
    )


def _sessions(slots: list[Slot]) -> tuple[list[engine.Session], dict[str, str]]:
    """Engine sessions (consecutive slot ranges) and the part of day of each."""
    engine = _engine()
    days: dict[object, int] = {}
    ranges: dict[int, list[int]] = defaultdict(list)
    order: list[int] = []
    parts: dict[str, str] = {}
    for number, slot in enumerate(slots, start=1):
        session = slot.session
        if session.pk not in ranges:
            order.append(session.pk)
        ranges[session.pk].append(number)
        days.setdefault(session.day.date, len(days) + 1)
        parts[f"s{session.pk}"] = session.part
    day_of = {slot.session.pk: days[slot.session.day.date] for slot in slots}
    result = []
    for pk in order:
        numbers = ranges[pk]
        result.append(engine.Session(f"s{pk}", min(numbers), max(numbers), day_of[pk]))
    return result, parts


def _participants(
    forum: Forum, delegate_ids: list[int], slot_number: dict[int, int], agreed: dict[int, int]
) -> list[engine.Participant]:
    """Delegates with their unavailable slots and meeting cap.

    The cap is enforced when a meeting is accepted; a cap lowered afterwards does not
    make the scheduler drop meetings already agreed, so it is never below that count.
    """
    engine = _engine()
    unavailable: dict[int, set[int]] = defaultdict(set)
    through = Delegate.unavailable_slots.through
    for delegate_id, slot_id in through.objects.filter(delegate_id__in=delegate_ids).values_list(
        "delegate_id", "slot_id"
    ):
        if slot_id in slot_number:
            unavailable[delegate_id].add(slot_number[slot_id])
    return [
        engine.Participant(
            id=participant_key(pk),
            forbidden=frozenset(unavailable[pk]),
            max_meetings=max(forum.max_meetings_per_delegate, agreed[pk]),
        )
        for pk in delegate_ids
    ]


def _meeting(
    meeting: Meeting,
    *,
    attendees: list[int],
    slot_number: dict[int, int],
    table_number: dict[int, int],
    sessions: list[engine.Session],
    session_part: dict[str, str],
    keep_published: bool,
    forbidden: dict[str, frozenset[int]],
) -> engine.Meeting:
    engine = _engine()
    a, b = participant_key(meeting.delegate_a_id), participant_key(meeting.delegate_b_id)
    extra = tuple(participant_key(pk) for pk in attendees)
    unavailable = frozenset().union(*(forbidden[p] for p in (a, b, *extra)))
    online = meeting.mode == MeetingMode.ONLINE
    allowed: tuple[str, ...] | None = None
    if meeting.allowed_session_id is not None:
        allowed = (f"s{meeting.allowed_session_id}",)
    elif meeting.session_wish in (SessionWish.MORNING, SessionWish.AFTERNOON):
        allowed = tuple(s.name for s in sessions if session_part[s.name] == meeting.session_wish)
    if allowed is not None and not any(s.name in allowed for s in sessions):
        allowed = None  # a wish no session can meet is dropped, not made impossible

    pinned_slot = slot_number.get(meeting.pinned_slot_id) if meeting.pinned_slot_id else None
    pinned_table = table_number.get(meeting.pinned_table_id) if meeting.pinned_table_id else None
    is_past = meeting.status in PAST_STATUSES
    published = meeting.status == MeetingStatus.SCHEDULED and meeting.slot_id in slot_number
    keep = is_past or (keep_published and published)
    if keep and meeting.slot_id in slot_number:
        here = slot_number[meeting.slot_id]
        if is_past or here not in unavailable:
            pinned_slot = here
            # A table out of use is not pinned: the meeting keeps its slot, another table.
            pinned_table = table_number.get(meeting.table_id) if meeting.table_id else None
            allowed = None  # where it already is wins over a wish
    if pinned_slot is not None:
        if allowed is not None:
            names = {s.name for s in sessions if s.first <= pinned_slot <= s.last}
            if not names & set(allowed):
                allowed = None
        if pinned_slot in unavailable and not is_past:
            pinned_slot = None  # an organiser's pin no longer possible: let the solver choose
    if online:
        pinned_table = None
    return engine.Meeting(
        a=a,
        b=b,
        sessions=allowed,
        weight=engine.MUST_MEET if meeting.priority == Priority.MUST else engine.NICE_TO_MEET,
        pinned_slot=pinned_slot,
        pinned_table=pinned_table,
        online=online,
        id=str(meeting.pk),
        attendees=extra,
    )


def placements_from_schedule(
    *, mapped: MappedProblem, schedule: engine.Schedule
) -> list[Placement]:
    """The engine's slots and tables as placements of meetings (unscheduled ones left out)."""
    result = []
    for k, slot in enumerate(schedule.slots):
        if slot is None:
            continue
        table = schedule.tables[k]
        online = mapped.problem.meetings[k].online
        result.append(
            Placement(
                meeting=mapped.meeting_ids[k],
                slot=mapped.slot_ids[slot - 1],
                table=None if online or table is None else mapped.table_ids[table - 1],
                online=online,
            )
        )
    return result


def unscheduled_from_schedule(
    *, mapped: MappedProblem, schedule: engine.Schedule
) -> list[dict[str, object]]:
    """Meetings the engine left out, with its reason, by meeting id."""
    return [
        {"meeting": mapped.meeting_ids[item.meeting], "reason": item.reason}
        for item in schedule.unscheduled
    ]


def schedule_from_placements(
    *, mapped: MappedProblem, placements: dict[int, Placement]
) -> tuple[list[int | None], list[int | None]]:
    """Engine slot and table numbers of the given placements (None where a meeting has none).

    Used to hand the published schedule to the engine's repair, and to validate.
    """
    slot_number, table_number = mapped.slot_number, mapped.table_number
    slots: list[int | None] = []
    tables: list[int | None] = []
    for meeting_id in mapped.meeting_ids:
        placement = placements.get(meeting_id)
        if placement is None or placement.slot not in slot_number:
            slots.append(None)
            tables.append(None)
            continue
        slots.append(slot_number[placement.slot])
        tables.append(table_number.get(placement.table) if placement.table else None)
    return slots, tables
