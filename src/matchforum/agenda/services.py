"""Calendar tokens, the RFC 5545 feed and the one-page PDF of a delegate's agenda."""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from matchforum.core.pdf import a4_document, fitting_font_size
from matchforum.forums.models import Forum
from matchforum.meetings.gating import meetings_between_approved
from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.meetings.participants import meeting_people
from matchforum.notifications.models import REMINDER_CHOICES
from matchforum.notifications.selectors import reminder_minutes_by_user, reminder_minutes_of
from matchforum.organisations.models import Delegate
from matchforum.schedules.selectors import schedule_version_published

from .models import CalendarToken
from .selectors import agenda_for, place_of


def calendar_token_regenerate(*, delegate: Delegate) -> CalendarToken:
    """A new secret URL; the previous one stops working at once."""
    token, _created = CalendarToken.objects.update_or_create(
        delegate=delegate, defaults={"token": secrets.token_urlsafe(32)}
    )
    return token


def calendar_token_revoke(*, delegate: Delegate) -> None:
    CalendarToken.objects.filter(delegate=delegate).delete()


def calendar_token_delegate(*, token: str) -> Delegate | None:
    """The delegate whose feed this secret opens; None once their account is closed."""
    found = (
        CalendarToken.objects.select_related("delegate__organisation__forum", "delegate__user")
        .filter(token=token, delegate__user__is_active=True)
        .first()
    )
    return found.delegate if found else None


def _alarm(*, minutes: int, summary: str) -> Alarm:
    """The same lead as the in-app reminder (the person's setting)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", dt.timedelta(minutes=-minutes))
    return alarm


def meeting_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind each attendee of their meetings of a published schedule that start within
    their chosen lead; returns how many were told. Run every few minutes: every reminder
    is told once (its dedupe key), so running often or late never repeats one."""
    from .notices import meeting_reminder_notify

    now = now or timezone.now()
    longest = max(minutes for minutes, _label in REMINDER_CHOICES)
    forums = [
        f for f in Forum.objects.filter(is_active=True) if schedule_version_published(forum=f)
    ]
    meetings = list(
        Meeting.objects.filter(
            forum__in=forums,
            status=MeetingStatus.SCHEDULED,
            slot__starts_at__gt=now,
            slot__starts_at__lte=now + dt.timedelta(minutes=longest),
        )
        .filter(meetings_between_approved())
        .select_related(
            "forum",
            "slot",
            "table",
            "organisation_a",
            "organisation_b",
            "delegate_a__user",
            "delegate_b__user",
        )
        .prefetch_related("attendees__delegate__user")
    )
    leads = reminder_minutes_by_user(
        user_ids={d.user_id for m in meetings for d in meeting_people(m)}
    )
    told = 0
    for meeting in meetings:
        for delegate in meeting_people(meeting):
            user = delegate.user
            lead = leads[user.pk]
            if not lead or not user.is_active:
                continue
            if meeting.slot.starts_at - dt.timedelta(minutes=lead) > now:
                continue
            if meeting_reminder_notify(meeting=meeting, delegate=delegate, now=now) is not None:
                told += 1
    return told


def agenda_ical(*, delegate: Delegate, host: str, now: dt.datetime | None = None) -> bytes:
    """The delegate's placed meetings of the published schedule, in the forum's time zone.

    UIDs are stable per meeting, so a calendar app updates a moved meeting in place.
    """
    now = now or timezone.now()
    forum = delegate.organisation.forum
    zone = ZoneInfo(forum.time_zone)
    version, entries = agenda_for(delegate=delegate)
    calendar = Calendar()
    calendar.add("prodid", "-//matchforum//agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{forum.name} — {delegate.user}")
    calendar.add("x-wr-timezone", forum.time_zone)
    lead = reminder_minutes_of(user=delegate.user)
    if version is not None:
        for entry in entries:
            slot = entry.meeting.slot
            if slot is None:
                continue
            event = Event()
            event.add("uid", f"meeting-{entry.meeting.pk}@{host}")
            event.add("dtstamp", now.astimezone(dt.UTC))
            event.add("last-modified", entry.meeting.updated_at.astimezone(dt.UTC))
            event.add("dtstart", slot.starts_at.astimezone(zone))
            event.add("dtend", slot.ends_at.astimezone(zone))
            event.add("summary", _("Meeting: %(org)s") % {"org": entry.counterpart.name})
            event.add("location", place_of(entry.meeting))
            description = [f"{entry.counterpart.name} — {entry.counterpart_delegate.user}"]
            if entry.attendees:
                description.append(entry.attendees_text)
            description += entry.topics
            event.add("description", "\n".join(description))
            if entry.online_url:
                event.add("url", entry.online_url)
            if lead:
                event.add_component(_alarm(minutes=lead, summary=event["summary"]))
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


#: Bottom of an A4 page's printable area, in mm: a row that would cross it starts a page.
PAGE_BOTTOM = 285.0
PLACE_BOX_WIDTH = 40.0
TEXT_X, TEXT_WIDTH = 95.0, 105.0


def agenda_pdf(*, delegate: Delegate) -> bytes:
    """An A4 agenda with table numbers large enough to read standing (one page for a usual
    day). Names and details wrap inside their column, never cut: a row grows to hold them,
    and a row that no longer fits the page starts the next one."""
    pdf = a4_document()
    forum = delegate.organisation.forum
    zone = ZoneInfo(forum.time_zone)
    version, entries = agenda_for(delegate=delegate)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 9, forum.name, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(
        0,
        6,
        f"{delegate.user} — {delegate.organisation.name}",
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    status = (
        _("Schedule version %(number)s") % {"number": version.number}
        if version
        else _("Schedule not yet published")
    )
    times = _("times in %(zone)s") % {"zone": forum.time_zone}
    pdf.multi_cell(0, 6, f"{status} · {times}", align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    placed = [e for e in entries if e.meeting.slot_id] if version else []
    rows = placed or []
    base_height = min(22.0, 240.0 / max(len(rows), 1))
    big = max(12, min(30, int(base_height * 1.4)))
    for entry in rows:
        slot = entry.meeting.slot
        meeting = entry.meeting
        detail = f"{entry.counterpart_delegate.user}"
        if entry.attendees:
            detail += " · " + entry.attendees_text
        if entry.topics:
            detail += " · " + entry.topics[0]
        pdf.set_font("DejaVu", "B", 11)
        name_height = pdf.multi_cell(
            TEXT_WIDTH, 5, entry.counterpart.name, align="L", dry_run=True, output="HEIGHT"
        )
        pdf.set_font("DejaVu", "", 9)
        detail_height = pdf.multi_cell(
            TEXT_WIDTH, 4.5, detail, align="L", dry_run=True, output="HEIGHT"
        )
        row_height = max(base_height, name_height + detail_height + 1)
        if pdf.get_y() + row_height > PAGE_BOTTOM:
            pdf.add_page()
        top = pdf.get_y()
        start = slot.starts_at.astimezone(zone)
        end = slot.ends_at.astimezone(zone)
        pdf.set_font("DejaVu", "B", 11)
        pdf.set_xy(10, top)
        # the reader's language (the view activates it), with the year
        pdf.multi_cell(38, 5, formats.date_format(start, "D j M Y"), align="L")
        pdf.set_xy(10, pdf.get_y())
        pdf.cell(38, 5, f"{start:%H:%M}–{end:%H:%M}")
        label = _("Online") if entry.online else _("T%(number)s") % {"number": entry.table_number}
        hall = "" if entry.online or not meeting.table_id else meeting.table.area
        size = fitting_font_size(
            pdf, label, width=PLACE_BOX_WIDTH - 2, largest=big, smallest=8, style="B"
        )
        pdf.set_xy(50, top)
        pdf.cell(PLACE_BOX_WIDTH, row_height, "", border=1)
        pdf.set_font("DejaVu", "B", size)
        pdf.set_xy(50, top)
        pdf.cell(PLACE_BOX_WIDTH, row_height - (5 if hall else 0), label, align="C")
        if hall:
            pdf.set_font("DejaVu", "", 8)
            pdf.set_xy(51, top + row_height - 6)
            pdf.multi_cell(PLACE_BOX_WIDTH - 2, 3.5, hall, align="C", max_line_height=3.5)
        pdf.set_xy(TEXT_X, top)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(TEXT_WIDTH, 5, entry.counterpart.name, align="L")
        pdf.set_xy(TEXT_X, top + name_height)
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(TEXT_WIDTH, 4.5, detail, align="L")
        pdf.set_y(top + row_height + 1)
    if not rows:
        pdf.set_font("DejaVu", "", 12)
        pdf.multi_cell(0, 7, _("No meeting is placed in a published schedule yet."))
    return bytes(pdf.output())
