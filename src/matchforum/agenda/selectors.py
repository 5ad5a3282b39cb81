"""A delegate's personal agenda: their meetings in time order, compared with the publication."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from matchforum.core.links import site_url
from matchforum.meetings.models import Meeting, MeetingMode
from matchforum.meetings.rooms import video_configured
from matchforum.meetings.selectors import (
    colleagues_of,
    meeting_colleague_choices,
    meetings_of_delegate,
)
from matchforum.organisations.models import Delegate, Organisation
from matchforum.recommendations.selectors import pair_topics
from matchforum.schedules.models import ScheduleVersion
from matchforum.schedules.selectors import schedule_version_published


@dataclass
class AgendaEntry:
    meeting: Meeting
    counterpart: Organisation
    counterpart_delegate: Delegate
    online: bool
    online_url: str
    changed: bool
    published_slot_id: int | None
    topics: list[str]
    #: Colleagues brought along, both sides (the two delegates who agreed it excluded).
    attendees: list[Delegate] = field(default_factory=list)
    #: The reader's colleagues who could still be brought along (empty: none, or too late).
    colleague_choices: list[Delegate] = field(default_factory=list)

    @property
    def own_attendees(self) -> list[Delegate]:
        """Colleagues of the reader's organisation brought along: the reader may take them off."""
        own = self.counterpart.pk
        return [d for d in self.attendees if d.organisation_id != own]

    @property
    def their_attendees(self) -> list[Delegate]:
        return [d for d in self.attendees if d.organisation_id == self.counterpart.pk]

    @property
    def attendees_text(self) -> str:
        """ "Also attending: Ann Lee (Org A), …" for the feed and the PDF."""
        names = ", ".join(f"{d.user} ({d.organisation.name})" for d in self.attendees)
        return _("Also attending: %(names)s") % {"names": names}

    @property
    def table_number(self) -> int | None:
        return self.meeting.table.number if self.meeting.table_id else None

    @property
    def table_name(self) -> str:
        """ "Table 9", in the reader's language; empty for an online or unplaced meeting."""
        if not self.meeting.table_id:
            return ""
        return _("Table %(number)s") % {"number": self.meeting.table.number}

    @property
    def table_area(self) -> str:
        return self.meeting.table.area if self.meeting.table_id else ""

    @property
    def table_label(self) -> str:
        """ "Table 9 (Hall A)": the hall too, so the web, the feed and the PDF agree."""
        area = self.table_area
        return f"{self.table_name} ({area})" if area else self.table_name


def online_url_for(meeting: Meeting) -> str:
    """The meeting's room link: the room page, which checks who opens it and then sends
    them to the video system (so the web, the PDF and the calendar never hold a token)."""
    if not video_configured(meeting.forum):
        return ""
    return site_url(reverse("meetings:room", args=[meeting.pk]))


def place_of(meeting: Meeting) -> str:
    """Where a placed meeting is: "Table 9 (Hall A)", or online with its link when there is
    one; the same words in the calendar feed and in reminders."""
    if meeting.mode == MeetingMode.ONLINE and meeting.table_id is None:
        url = online_url_for(meeting)
        return _("Online: %(url)s") % {"url": url} if url else _("Online")
    if not meeting.table_id:
        return ""
    name = _("Table %(number)s") % {"number": meeting.table.number}
    return f"{name} ({meeting.table.area})" if meeting.table.area else name


def _placements(version: ScheduleVersion | None) -> dict[int, dict]:
    if version is None:
        return {}
    return {int(p["meeting"]): p for p in version.placements if p.get("meeting") is not None}


def _changed(meeting: Meeting, published: dict | None) -> bool:
    """Whether the live placement differs from the published one (or is new since)."""
    if published is None:
        return meeting.slot_id is not None
    online = meeting.mode == MeetingMode.ONLINE and meeting.table_id is None
    return (
        published.get("slot") != meeting.slot_id
        or (published.get("table") or None) != meeting.table_id
        or bool(published.get("online")) != online
    )


def agenda_for(
    *, delegate: Delegate, with_topics: bool = True, with_choices: bool = False
) -> tuple[ScheduleVersion | None, list[AgendaEntry]]:
    """The published version (or None) and the delegate's meetings in time order, the
    ones they join as a colleague too.

    `with_topics=False` leaves out what each pair may talk about (a few queries per
    meeting), for pages that show only when and where; `with_choices` adds the colleagues
    the reader could bring to each meeting (the agenda page's form).
    """
    forum = delegate.organisation.forum
    version = schedule_version_published(forum=forum)
    published = _placements(version)
    entries = []
    colleagues = colleagues_of(delegate=delegate) if with_choices else []
    for meeting in meetings_of_delegate(delegate=delegate).select_related("forum"):
        mine_is_a = meeting.organisation_a_id == delegate.organisation_id
        counterpart = meeting.organisation_b if mine_is_a else meeting.organisation_a
        online = meeting.mode == MeetingMode.ONLINE and meeting.table_id is None
        attendees = [a.delegate for a in meeting.attendees.all()]
        entries.append(
            AgendaEntry(
                meeting=meeting,
                counterpart=counterpart,
                counterpart_delegate=meeting.delegate_b if mine_is_a else meeting.delegate_a,
                online=online,
                online_url=online_url_for(meeting) if online else "",
                changed=version is not None and _changed(meeting, published.get(meeting.pk)),
                published_slot_id=(published.get(meeting.pk) or {}).get("slot"),
                topics=pair_topics(own=delegate.organisation, other=counterpart)
                if with_topics
                else [],
                attendees=attendees,
                colleague_choices=meeting_colleague_choices(meeting=meeting, colleagues=colleagues)
                if with_choices
                else [],
            )
        )
    entries.sort(
        key=lambda e: (
            e.meeting.slot is None,
            e.meeting.slot.starts_at if e.meeting.slot else 0,
            e.meeting.pk,
        )
    )
    return version, entries
