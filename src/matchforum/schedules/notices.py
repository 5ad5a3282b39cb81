"""What people are told when a schedule version is published: that it is out, and, to
those whose meetings moved since the previous version, where their meeting is now.
Each notice has a dedupe key per version, so publishing is never told twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.core.links import site_url
from matchforum.meetings.models import Meeting, MeetingMode
from matchforum.meetings.participants import meeting_people
from matchforum.notifications.models import NotificationKind
from matchforum.notifications.services import notifications_send

from .models import ScheduleVersion


def schedule_published_notify(*, version: ScheduleVersion, users: Iterable[User]) -> int:
    def build() -> tuple[str, str]:
        return (
            _("The meeting schedule is published"),
            _("Your personal agenda is ready: %(link)s")
            % {"link": site_url(reverse("agenda:agenda"))},
        )

    return notifications_send(
        users=users,
        kind=NotificationKind.SCHEDULE_PUBLISHED,
        dedupe_key=f"schedule:{version.pk}:published",
        build=build,
        link=reverse("agenda:agenda"),
    )


def meeting_moved_notify(
    *, meeting: Meeting, users: Iterable[User], when: dt.datetime, table_number: int | None
) -> int:
    """`when` in the forum's time zone; no table_number means online. Worded per recipient."""

    def build() -> tuple[str, str]:
        place = (
            _("online")
            if table_number is None
            else _("table %(number)s") % {"number": table_number}
        )
        where = f"{formats.date_format(when, 'D j M H:i')}, {place}"
        return (
            _("One of your meetings moved"),
            _("Your meeting (no. %(number)s) is now: %(where)s.\n\n%(link)s")
            % {"number": meeting.pk, "where": where, "link": site_url(reverse("agenda:agenda"))},
        )

    return notifications_send(
        users=users,
        kind=NotificationKind.MEETING_MOVED,
        dedupe_key=(
            f"meeting:{meeting.pk}:moved:{meeting.slot_id}:{meeting.table_id}:{meeting.mode}"
        ),
        build=build,
        link=reverse("agenda:agenda"),
    )


def schedule_version_notify(
    *, version: ScheduleVersion, changed_meeting_ids: Iterable[int] | None = None
) -> int:
    """Tell every delegate with a meeting that the schedule is out, and who moved since the
    previous version (limited to `changed_meeting_ids` when the publisher knows them)."""
    placements = {int(p["meeting"]): p for p in version.placements}
    meetings = (
        Meeting.objects.filter(pk__in=placements)
        .select_related("delegate_a__user", "delegate_b__user", "slot", "table")
        .prefetch_related("attendees__delegate__user")
    )
    told = schedule_published_notify(
        version=version,
        users=[d.user for m in meetings for d in meeting_people(m)],
    )
    previous = (
        ScheduleVersion.objects.filter(forum=version.forum, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    if previous is None:
        return told
    before = {int(p["meeting"]): p for p in previous.placements}
    only = set(changed_meeting_ids) if changed_meeting_ids is not None else None
    for meeting in meetings:
        if only is not None and meeting.pk not in only:
            continue
        old, new = before.get(meeting.pk), placements[meeting.pk]
        if old is None or (old.get("slot"), old.get("table"), bool(old.get("online"))) == (
            new.get("slot"),
            new.get("table"),
            bool(new.get("online")),
        ):
            continue
        when = meeting.slot.starts_at.astimezone(ZoneInfo(version.forum.time_zone))
        online = meeting.mode == MeetingMode.ONLINE or not meeting.table_id
        told += meeting_moved_notify(
            meeting=meeting,
            users=[d.user for d in meeting_people(meeting)],
            when=when,
            table_number=None if online else meeting.table.number,
        )
    return told
