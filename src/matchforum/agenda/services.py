"""Calendar tokens, the RFC 5545 feed and the one-page PDF of a delegate's agenda."""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from matchforum.core.pdf import a4_document
from matchforum.organisations.models import Delegate

from .models import CalendarToken
from .selectors import AgendaEntry, agenda_for


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


def _where(entry: AgendaEntry) -> str:
    if entry.online:
        return _("Online: %(url)s") % {"url": entry.online_url} if entry.online_url else _("Online")
    return entry.table_label


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
            event.add("location", _where(entry))
            description = [f"{entry.counterpart.name} — {entry.counterpart_delegate.user}"]
            description += entry.topics
            event.add("description", "\n".join(description))
            if entry.online_url:
                event.add("url", entry.online_url)
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def agenda_pdf(*, delegate: Delegate) -> bytes:
    """A one-page A4 agenda with table numbers large enough to read standing."""
    pdf = a4_document()
    forum = delegate.organisation.forum
    zone = ZoneInfo(forum.time_zone)
    version, entries = agenda_for(delegate=delegate)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 9, forum.name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(0, 6, f"{delegate.user} — {delegate.organisation.name}", new_x="LMARGIN", new_y="NEXT")
    status = (
        _("Schedule version %(number)s") % {"number": version.number}
        if version
        else _("Schedule not yet published")
    )
    times = _("times in %(zone)s") % {"zone": forum.time_zone}
    pdf.cell(0, 6, f"{status} · {times}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    placed = [e for e in entries if e.meeting.slot_id] if version else []
    rows = placed or []
    row_height = min(22.0, 240.0 / max(len(rows), 1))
    big = max(12, min(30, int(row_height * 1.4)))
    for entry in rows:
        slot = entry.meeting.slot
        top = pdf.get_y()
        pdf.set_font("DejaVu", "B", 12)
        start = slot.starts_at.astimezone(zone)
        end = slot.ends_at.astimezone(zone)
        pdf.set_xy(10, top)
        pdf.cell(38, row_height / 2, start.strftime("%a %d %b"))
        pdf.set_xy(10, top + row_height / 2)
        pdf.cell(38, row_height / 2, f"{start:%H:%M}–{end:%H:%M}")
        pdf.set_xy(50, top)
        pdf.set_font("DejaVu", "B", big)
        label = _("Online") if entry.online else _("T%(number)s") % {"number": entry.table_number}
        pdf.cell(40, row_height, label, align="C", border=1)
        pdf.set_xy(95, top)
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(105, row_height / 2, entry.counterpart.name[:60])
        pdf.set_xy(95, top + row_height / 2)
        pdf.set_font("DejaVu", "", 9)
        detail = f"{entry.counterpart_delegate.user}"
        if entry.topics:
            detail += " · " + entry.topics[0]
        pdf.cell(105, row_height / 2, detail[:90])
        pdf.set_y(top + row_height + 1)
    if not rows:
        pdf.set_font("DejaVu", "", 12)
        pdf.multi_cell(0, 7, _("No meeting is placed in a published schedule yet."))
    return bytes(pdf.output())
