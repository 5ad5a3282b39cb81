"""The events people are told about: each builds its text and records a notification.

Texts are written in the recipient's interface language. Each event has a dedupe key,
so calling an event twice never tells anyone twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from matchforum.accounts.models import User

from .models import NotificationKind
from .services import notification_record, site_url


def _tell(users: Iterable[User], kind: str, key: str, build) -> int:
    told = 0
    for user in {u.pk: u for u in users}.values():
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject, body = build()
        if notification_record(
            user=user, kind=kind, subject=str(subject), body=str(body), dedupe_key=key
        ):
            told += 1
    return told


def _recipients_of(request) -> list[User]:
    if request.recipient_id:
        return [request.recipient.user]
    return [d.user for d in request.recipient_organisation.delegates.select_related("user")]


def request_received(request) -> int:
    def build():
        subject = _("Meeting request from %(org)s") % {"org": request.sender_organisation.name}
        body = _(
            "%(person)s of %(org)s asks your organisation for a meeting.\n\n%(message)s\n\n"
            "Answer it here: %(link)s"
        ) % {
            "person": request.sender.user,
            "org": request.sender_organisation.name,
            "message": request.message or "",
            "link": site_url(reverse("meetings:inbox")),
        }
        return subject, body

    return _tell(
        _recipients_of(request),
        NotificationKind.REQUEST_RECEIVED,
        f"request:{request.pk}:received",
        build,
    )


def request_answered(request) -> int:
    """Tell the sender that the request was accepted, declined or expired."""
    kinds = {
        "accepted": NotificationKind.REQUEST_ACCEPTED,
        "declined": NotificationKind.REQUEST_DECLINED,
        "expired": NotificationKind.REQUEST_EXPIRED,
    }
    kind = kinds[request.status]

    def build():
        names = {"org": request.recipient_organisation.name}
        if request.status == "accepted":
            subject = _("%(org)s accepted your meeting request") % names
            body = _("The meeting will appear in your agenda once the schedule is published.")
        elif request.status == "declined":
            subject = _("%(org)s declined your meeting request") % names
            body = (
                _("Their reason: %(reason)s") % {"reason": request.decline_reason}
                if request.decline_reason
                else _("They gave no reason.")
            )
        else:
            subject = _("Your meeting request to %(org)s expired") % names
            body = _(
                "It was not answered in time, so it no longer holds a place in your day. "
                "You may send a new request."
            )
        return subject, f"{body}\n\n{site_url(reverse('meetings:outbox'))}"

    return _tell([request.sender.user], kind, f"request:{request.pk}:{request.status}", build)


def schedule_published(*, version, users: Iterable[User]) -> int:
    def build():
        return (
            _("The meeting schedule is published"),
            _("Your personal agenda is ready: %(link)s")
            % {"link": site_url(reverse("agenda:agenda"))},
        )

    return _tell(
        users, NotificationKind.SCHEDULE_PUBLISHED, f"schedule:{version.pk}:published", build
    )


def meeting_moved(
    *, meeting, users: Iterable[User], when: dt.datetime, table_number: int | None
) -> int:
    """`when` in the forum's time zone; no table_number means online. Worded per recipient."""

    def build():
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

    return _tell(
        users,
        NotificationKind.MEETING_MOVED,
        f"meeting:{meeting.pk}:moved:{meeting.slot_id}:{meeting.table_id}:{meeting.mode}",
        build,
    )


def pending_requests_reminder(*, user: User, count: int, now: dt.datetime | None = None) -> int:
    """At most one reminder a day per person (the date is part of the dedupe key)."""
    day = timezone.localdate(now or timezone.now())

    def build():
        return (
            _("Meeting requests are waiting for your answer"),
            ngettext(
                "%(count)s meeting request waits for your organisation's answer: %(link)s",
                "%(count)s meeting requests wait for your organisation's answer: %(link)s",
                count,
            )
            % {"count": count, "link": site_url(reverse("meetings:inbox"))},
        )

    return _tell([user], NotificationKind.REMINDER, f"reminder:pending:{day.isoformat()}", build)


def schedule_publication_notify(version, changed_meeting_ids: Iterable[int] | None = None) -> int:
    """Tell every delegate with a meeting that the schedule is out, and who moved since the
    previous version (limited to `changed_meeting_ids` when the publisher knows them)."""
    from matchforum.meetings.models import Meeting, MeetingMode
    from matchforum.schedules.models import ScheduleVersion

    placements = {int(p["meeting"]): p for p in version.placements}
    meetings = Meeting.objects.filter(pk__in=placements).select_related(
        "delegate_a__user", "delegate_b__user", "slot", "table"
    )
    told = schedule_published(
        version=version,
        users=[m.delegate_a.user for m in meetings] + [m.delegate_b.user for m in meetings],
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
        told += meeting_moved(
            meeting=meeting,
            users=[meeting.delegate_a.user, meeting.delegate_b.user],
            when=when,
            table_number=None if online else meeting.table.number,
        )
    return told
