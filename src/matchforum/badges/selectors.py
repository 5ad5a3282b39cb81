"""What the scan desk shows about a delegate: today's meetings, in the forum's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from matchforum.agenda.selectors import AgendaEntry, agenda_for
from matchforum.forums.models import Forum
from matchforum.organisations.models import Accreditation, Delegate


def meetings_today(*, delegate: Delegate, now: dt.datetime | None = None) -> list[AgendaEntry]:
    """The delegate's placed meetings on the forum's calendar day of `now`, in time order."""
    zone = ZoneInfo(delegate.organisation.forum.time_zone)
    today = (now or timezone.now()).astimezone(zone).date()
    _version, entries = agenda_for(delegate=delegate, with_topics=False)
    return [
        entry
        for entry in entries
        if entry.meeting.slot_id and entry.meeting.slot.starts_at.astimezone(zone).date() == today
    ]


def badge_delegates(*, forum: Forum) -> list[Delegate]:
    """Whose badges the organiser prints in one go: delegates of approved organisations."""
    return list(
        Delegate.objects.filter(
            organisation__forum=forum,
            organisation__accreditation=Accreditation.APPROVED,
            user__is_active=True,
        )
        .select_related("user", "organisation__forum")
        .order_by("organisation__name", "user__full_name", "pk")
    )
