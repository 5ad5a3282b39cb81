"""Writes done from the organiser console: setup, vetting in bulk, on-site desk."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.forums.models import Forum, ForumDay, Session, Slot, Table
from matchforum.forums.services import forum_set_tables, session_generate_slots
from matchforum.meetings.gating import organisations_approved
from matchforum.meetings.models import Meeting, MeetingMode, MeetingSeat, MeetingStatus
from matchforum.meetings.services import DoubleBooking, meeting_cancel, meeting_place, ordered_pair
from matchforum.organisations.models import Delegate, Organisation
from matchforum.organisations.services import organisation_decide_accreditation


def _require_organiser(user: User) -> None:
    if not user.can_organise:
        raise PermissionDenied(_("Only organisers do this."))


@transaction.atomic
def session_save(
    *, forum: Forum, user: User, date: dt.date, session: Session | None = None, **fields: object
) -> Session:
    """Create or change a session (its day is created when new) and regenerate its slots."""
    _require_organiser(user)
    if not forum.starts_on <= date <= forum.ends_on:
        raise ValidationError({"date": _("The day is outside the forum's dates.")})
    day, _created = ForumDay.objects.get_or_create(forum=forum, date=date)
    session = session or Session(day=day)
    session.day = day
    for name, value in fields.items():
        setattr(session, name, value)
    clash = Session.objects.filter(day=day, part=session.part).exclude(pk=session.pk)
    if clash.exists():
        raise ValidationError({"part": _("This day already has a session for that part.")})
    session.full_clean()
    session.save()
    try:
        with transaction.atomic():
            session_generate_slots(session=session)
    except ProtectedError as exc:
        raise ValidationError(
            _("Meetings sit in slots this change removes; move them first.")
        ) from exc
    return session


@transaction.atomic
def session_delete(*, session: Session, user: User) -> None:
    _require_organiser(user)
    try:
        session.delete()
    except ProtectedError as exc:
        raise ValidationError(_("Meetings sit in this session's slots; move them first.")) from exc


def tables_set(*, forum: Forum, user: User, count: int, area: str = "Hall A") -> None:
    _require_organiser(user)
    forum_set_tables(forum=forum, count=count, area=area)


def table_update(*, table: Table, user: User, area: str, is_active: bool) -> Table:
    _require_organiser(user)
    table.area = area.strip()[:100]
    table.is_active = is_active
    table.save(update_fields=["area", "is_active"])
    return table


def accreditation_decide_bulk(
    *, organisations: list[Organisation], reviewer: User, decision: str, reason: str = ""
) -> int:
    """The same decision for several organisations, each recorded in its own history."""
    with transaction.atomic():
        for organisation in organisations:
            organisation_decide_accreditation(
                organisation=organisation, reviewer=reviewer, decision=decision, reason=reason
            )
    return len(organisations)


def delegate_check_in(*, delegate: Delegate, user: User, undo: bool = False) -> Delegate:
    _require_organiser(user)
    delegate.checked_in_at = None if undo else timezone.now()
    delegate.save(update_fields=["checked_in_at"])
    return delegate


def meeting_mark(*, meeting: Meeting, user: User, status: str) -> Meeting:
    """Mark a placed meeting held or no-show (or back to scheduled)."""
    _require_organiser(user)
    if status not in (MeetingStatus.HELD, MeetingStatus.NO_SHOW, MeetingStatus.SCHEDULED):
        raise ValidationError(_("Unknown meeting status."))
    if meeting.slot_id is None or meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Only a scheduled meeting can be held or missed."))
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])
    return meeting


def meeting_cancel_by_organiser(*, meeting: Meeting, user: User) -> Meeting:
    _require_organiser(user)
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.NO_SHOW):
        raise ValidationError(_("This meeting has taken place already."))
    return meeting_cancel(meeting=meeting)


def free_places(
    *, forum: Forum, delegates: list[Delegate], limit: int = 40
) -> list[tuple[Slot, Table]]:
    """(slot, table) pairs where the table is free and none of the delegates is busy."""
    busy = set(MeetingSeat.objects.filter(delegate__in=delegates).values_list("slot_id", flat=True))
    busy |= set(
        Delegate.unavailable_slots.through.objects.filter(delegate__in=delegates).values_list(
            "slot_id", flat=True
        )
    )
    taken: dict[int, set[int]] = {}
    for slot_id, table_id in (
        Meeting.objects.filter(forum=forum, table__isnull=False)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("slot_id", "table_id")
    ):
        taken.setdefault(slot_id, set()).add(table_id)
    tables = list(Table.objects.filter(forum=forum, is_active=True).order_by("number"))
    now = timezone.now()
    places = []
    for slot in Slot.objects.filter(session__day__forum=forum, ends_at__gt=now).order_by(
        "starts_at"
    ):
        if slot.pk in busy:
            continue
        free = [t for t in tables if t.pk not in taken.get(slot.pk, set())]
        if free:
            places.append((slot, free[0]))
        if len(places) >= limit:
            break
    return places


@transaction.atomic
def meeting_book(
    *,
    forum: Forum,
    user: User,
    delegate_a: Delegate,
    delegate_b: Delegate,
    slot: Slot | None = None,
    table: Table | None = None,
    walk_in: bool = False,
) -> Meeting:
    """Book a meeting between two delegates (a walk-in placed at once, or left to schedule).

    Double booking is refused by `meeting_place` and, under races, by the database.
    """
    _require_organiser(user)
    org_a, org_b = delegate_a.organisation, delegate_b.organisation
    if org_a.forum_id != forum.pk or org_b.forum_id != forum.pk:
        raise ValidationError(_("Both delegates must take part in this forum."))
    if org_a.pk == org_b.pk:
        raise ValidationError(_("A meeting is between two organisations."))
    if not organisations_approved(org_a, org_b):
        # The approval gate (meetings/gating.py) holds for organisers' bookings too.
        raise ValidationError(_("Both organisations must be approved before they meet."))
    low, high = ordered_pair(org_a, org_b)
    if (
        Meeting.objects.filter(forum=forum, pair_low=low, pair_high=high)
        .exclude(status=MeetingStatus.CANCELLED)
        .exists()
    ):
        raise ValidationError(_("These organisations already have a meeting."))
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                forum=forum,
                organisation_a=org_a,
                organisation_b=org_b,
                delegate_a=delegate_a,
                delegate_b=delegate_b,
                pair_low=low,
                pair_high=high,
                mode=MeetingMode.ONSITE,
                is_walk_in=walk_in,
                created_at=timezone.now(),
            )
    except IntegrityError as exc:
        raise ValidationError(_("These organisations already have a meeting.")) from exc
    if slot is not None:
        try:
            meeting = meeting_place(meeting=meeting, slot=slot, table=table)
        except DoubleBooking as exc:
            raise ValidationError(exc.messages[0]) from exc
    return meeting
