"""Writes of forums: creation, the timetable (sessions and their slots) and the tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import formats
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.core.permissions import require_organiser

from .committee import can_manage_committee
from .models import (
    CommitteeMembership,
    CommitteeRole,
    CommitteeTeam,
    Forum,
    ForumDay,
    Session,
    Slot,
    Table,
)
from .selectors import forum_is_on, forum_local_date
from .validators import validate_countries


def session_slot_times(
    *, date: dt.date, start: dt.time, end: dt.time, slot_minutes: int, pause_minutes: int
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Naive local start/end pairs of every whole slot that fits in the session."""
    if slot_minutes < 5:
        raise ValidationError(_("A slot lasts at least 5 minutes."))
    cursor = dt.datetime.combine(date, start)
    stop = dt.datetime.combine(date, end)
    slot, pause = dt.timedelta(minutes=slot_minutes), dt.timedelta(minutes=pause_minutes)
    times = []
    while cursor + slot <= stop:
        times.append((cursor, cursor + slot))
        cursor += slot + pause
    return times


@transaction.atomic
def session_generate_slots(*, session: Session) -> list[Slot]:
    """(Re)derive the slots of a session from its start, end, slot length and pause.

    Slots that already carry meetings are kept when their times are unchanged;
    otherwise the caller must move those meetings first (PROTECT refuses).
    """
    tz = ZoneInfo(session.day.forum.time_zone)
    wanted = [
        (start.replace(tzinfo=tz), end.replace(tzinfo=tz))
        for start, end in session_slot_times(
            date=session.day.date,
            start=session.start_time,
            end=session.end_time,
            slot_minutes=session.slot_minutes,
            pause_minutes=session.pause_minutes,
        )
    ]
    existing = {slot.index: slot for slot in session.slots.all()}
    result = []
    for index, (start, end) in enumerate(wanted, start=1):
        slot = existing.pop(index, None)
        if slot is None:
            slot = Slot.objects.create(session=session, index=index, starts_at=start, ends_at=end)
        elif slot.starts_at != start or slot.ends_at != end:
            slot.starts_at, slot.ends_at = start, end
            slot.save(update_fields=["starts_at", "ends_at"])
        result.append(slot)
    for stale in existing.values():
        stale.delete()
    return result


@transaction.atomic
def forum_create(
    *,
    name: str,
    slug: str,
    days: list[dt.date],
    sessions: list[tuple[str, dt.time, dt.time]],
    slot_minutes: int = 30,
    pause_minutes: int = 0,
    tables: int = 0,
    online_capacity_per_slot: int = 0,
    time_zone: str = "Europe/Kyiv",
    **fields: object,
) -> Forum:
    """Create a forum with the same sessions on each day, its slots and numbered tables."""
    if not days:
        raise ValidationError(_("A forum needs at least one day."))
    forum = Forum.objects.create(
        name=name,
        slug=slug,
        starts_on=min(days),
        ends_on=max(days),
        time_zone=time_zone,
        online_capacity_per_slot=online_capacity_per_slot,
        **fields,
    )
    for date in sorted(days):
        day = ForumDay.objects.create(forum=forum, date=date)
        for part, start, end in sessions:
            session = Session.objects.create(
                day=day,
                part=part,
                start_time=start,
                end_time=end,
                slot_minutes=slot_minutes,
                pause_minutes=pause_minutes,
            )
            session_generate_slots(session=session)
    forum_set_tables(forum=forum, count=tables)
    committee_teams_sync(forum=forum)
    return forum


def committee_teams_sync(*, forum: Forum) -> None:
    """A chair team and one team per participating country (never deleting a team)."""
    for country in ["", *forum.participating_countries]:
        CommitteeTeam.objects.get_or_create(forum=forum, country=country)


def _require_committee_manager(*, forum: Forum, actor: User) -> None:
    if not can_manage_committee(actor, forum):
        raise PermissionDenied(_("Only the chair's organisers manage the committee."))


@transaction.atomic
def committee_countries_set(*, forum: Forum, actor: User, countries: list[str]) -> Forum:
    """Set the participating countries; each gets a co-organiser team.

    A country whose team still has members cannot be dropped (its members would lose
    their role without anyone deciding it): remove them first.
    """
    _require_committee_manager(forum=forum, actor=actor)
    countries = [code.strip().upper() for code in countries if code.strip()]
    validate_countries(countries)
    dropped = set(forum.participating_countries) - set(countries)
    staffed = sorted(
        str(code)
        for code in CommitteeTeam.objects.filter(
            forum=forum, country__in=dropped, memberships__isnull=False
        ).values_list("country", flat=True)
    )
    if staffed:
        raise ValidationError(
            _("These countries' teams still have members; remove them first: %(codes)s.")
            % {"codes": ", ".join(sorted(set(staffed)))}
        )
    previous = list(forum.participating_countries)
    forum.participating_countries = countries
    forum.save(update_fields=["participating_countries"])
    CommitteeTeam.objects.filter(forum=forum, country__in=dropped).delete()
    committee_teams_sync(forum=forum)
    audit_record(
        action=AuditEntry.Action.COMMITTEE_CHANGED,
        actor=actor,
        data={"participating_countries": countries, "previous": previous},
    )
    return forum


@transaction.atomic
def committee_member_add(
    *, team: CommitteeTeam, user: User, role: str, actor: User | None
) -> CommitteeMembership:
    """Give a person a role in a team. `actor` None: the system (demo seeder, migration)."""
    if actor is not None:
        _require_committee_manager(forum=team.forum, actor=actor)
    if role not in CommitteeRole.values:
        raise ValidationError(_("Choose organiser or vetting officer."))
    if not user.is_active:
        raise ValidationError(_("This account is not active."))
    membership, created = CommitteeMembership.objects.get_or_create(team=team, user=user, role=role)
    if not created:
        raise ValidationError(_("This person already has this role in the team."))
    user.committee_roles_changed()
    audit_record(
        action=AuditEntry.Action.COMMITTEE_CHANGED,
        actor=actor,
        actor_organisation=None,
        data={"added": user.email, "team": str(team.country) or "chair", "role": role},
    )
    return membership


@transaction.atomic
def committee_member_remove(*, membership: CommitteeMembership, actor: User) -> None:
    """Take a role away. The chair keeps at least one organiser, so someone can still
    manage the committee."""
    team = membership.team
    _require_committee_manager(forum=team.forum, actor=actor)
    if (
        team.is_chair
        and membership.role == CommitteeRole.ORGANISER
        and not team.memberships.filter(role=CommitteeRole.ORGANISER)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(_("The chair needs at least one organiser."))
    user = membership.user
    membership.delete()
    user.committee_roles_changed()
    audit_record(
        action=AuditEntry.Action.COMMITTEE_CHANGED,
        actor=actor,
        actor_organisation=None,
        data={"removed": user.email, "team": str(team.country) or "chair", "role": membership.role},
    )


def forum_set_tables(*, forum: Forum, count: int, area: str = "Hall A") -> None:
    """Ensure tables 1..count exist and are in use; tables above count go out of use."""
    have = set(forum.tables.values_list("number", flat=True))
    Table.objects.bulk_create(
        [Table(forum=forum, number=n, area=area) for n in range(1, count + 1) if n not in have]
    )
    forum.tables.filter(number__gt=count).update(is_active=False)
    forum.tables.filter(number__lte=count).update(is_active=True)


@transaction.atomic
def session_save(
    *, forum: Forum, user: User, date: dt.date, session: Session | None = None, **fields: object
) -> Session:
    """Create or change a session (its day is created when new) and regenerate its slots."""
    require_organiser(user)
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
    require_organiser(user)
    try:
        session.delete()
    except ProtectedError as exc:
        raise ValidationError(_("Meetings sit in this session's slots; move them first.")) from exc


def tables_set(*, forum: Forum, user: User, count: int, area: str = "Hall A") -> None:
    """The organiser's `forum_set_tables`."""
    require_organiser(user)
    forum_set_tables(forum=forum, count=count, area=area)


def capability_tracks_seed() -> None:
    """Ensure the seeded taxonomy exists (as the data migration leaves it).

    Tests that flush the database (transactional tests) call this to start from the same
    taxonomy a migrated installation has.
    """
    from .models import CapabilityTrack
    from .taxonomy import TRACKS

    for position, (slug, name, description, lead) in enumerate(TRACKS):
        CapabilityTrack.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "is_coalition": bool(lead),
                "lead_country": lead,
                "position": position,
            },
        )


# ---------------------------------------------------------------------- date rules

DATE_OVERRIDE_REASON_MAX = 500


def forum_day_rule_apply(
    *,
    forum: Forum,
    user: User,
    what: str,
    target: models.Model,
    override_reason: str = "",
    now: dt.datetime | None = None,
) -> None:
    """Refuse an on-site record (check-in, held, no-show) outside the forum's days.

    The forum's days are read in its time zone. An organiser may record it anyway with a
    reason, which goes to the audit log with what was recorded and the local date.
    """
    if forum_is_on(forum=forum, now=now):
        return
    reason = override_reason.strip()
    first, last = formats.date_format(forum.starts_on), formats.date_format(forum.ends_on)
    if not reason:
        raise ValidationError(
            _(
                "This is recorded only on the forum's days (%(first)s to %(last)s, "
                "%(zone)s time). To record it anyway, give a reason."
            )
            % {"first": first, "last": last, "zone": forum.time_zone}
        )
    if len(reason) > DATE_OVERRIDE_REASON_MAX:
        raise ValidationError(
            _("The reason is %(n)s characters long; at most %(max)s are allowed.")
            % {"n": len(reason), "max": DATE_OVERRIDE_REASON_MAX}
        )
    require_organiser(user)
    audit_record(
        action=AuditEntry.Action.DATE_RULE_OVERRIDDEN,
        actor=user,
        target=target,
        data={
            "what": what,
            "reason": reason,
            "local_date": forum_local_date(forum=forum, now=now).isoformat(),
        },
    )


TABLE_AREA_MAX = 100


@dataclass(frozen=True)
class TableRow:
    """One table's wanted area and use, as the tables form sends it."""

    pk: int
    area: str
    is_active: bool


@transaction.atomic
def tables_bulk_update(
    *,
    forum: Forum,
    user: User,
    rows: Iterable[TableRow] = (),
    add: int = 0,
    add_area: str = "",
    range_first: int | None = None,
    range_last: int | None = None,
    range_area: str | None = None,
    range_active: bool | None = None,
) -> dict[str, int]:
    """The tables page's one form, in one transaction: every row's area and use as sent,
    then `add` new tables numbered after the last, then a range of numbers given an area
    and/or put in or out of use. Returns how many tables each part changed or created."""
    require_organiser(user)
    areas = [row.area for row in rows] + [add_area, range_area or ""]
    for area in areas:
        if len(area.strip()) > TABLE_AREA_MAX:
            raise ValidationError(
                _("An area name is %(n)s characters long; at most %(max)s are allowed.")
                % {"n": len(area.strip()), "max": TABLE_AREA_MAX}
            )
    tables = {t.pk: t for t in forum.tables.all()}
    changed = []
    for row in rows:
        table = tables.get(row.pk)
        if table is None:
            raise ValidationError(_("A table of another forum was sent."))
        if (table.area, table.is_active) != (row.area.strip(), row.is_active):
            table.area, table.is_active = row.area.strip(), row.is_active
            changed.append(table)
    Table.objects.bulk_update(changed, ["area", "is_active"])
    if add < 0 or add > 1000:
        raise ValidationError(_("Add between 0 and 1000 tables at a time."))
    last = max((t.number for t in tables.values()), default=0)
    if last + add > 9999:
        raise ValidationError(_("Table numbers stop at 9999."))
    Table.objects.bulk_create(
        [Table(forum=forum, number=last + n, area=add_area.strip()) for n in range(1, add + 1)]
    )
    in_range = 0
    if range_first is not None or range_last is not None:
        if range_first is None or range_last is None or range_first > range_last:
            raise ValidationError(_("Give the first and the last table number of the range."))
        fields: dict[str, object] = {}
        if range_area is not None and range_area.strip():
            fields["area"] = range_area.strip()
        if range_active is not None:
            fields["is_active"] = range_active
        if not fields:
            raise ValidationError(_("Give the range an area or say whether it is in use."))
        in_range = forum.tables.filter(number__gte=range_first, number__lte=range_last).update(
            **fields
        )
    return {"changed": len(changed), "added": add, "in_range": in_range}
