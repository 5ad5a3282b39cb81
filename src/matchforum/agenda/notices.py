"""What attendees are told shortly before each meeting of the published schedule."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from matchforum.core.links import site_url
from matchforum.meetings.models import Meeting
from matchforum.notifications.models import Notification, NotificationKind
from matchforum.notifications.services import notification_send
from matchforum.organisations.models import Delegate

from .selectors import place_of


def meeting_reminder_notify(
    *, meeting: Meeting, delegate: Delegate, now: dt.datetime | None = None
) -> Notification | None:
    """Remind one attendee of one meeting; once per meeting, attendee and start (a moved
    meeting is reminded again at its new time)."""
    user = delegate.user
    counterpart = (
        meeting.organisation_b
        if delegate.organisation_id == meeting.organisation_a_id
        else meeting.organisation_a
    )

    def build() -> tuple[str, str]:
        when = meeting.slot.starts_at.astimezone(ZoneInfo(meeting.forum.time_zone))
        return (
            _("Your meeting with %(org)s starts at %(time)s")
            % {"org": counterpart.name, "time": formats.time_format(when, "TIME_FORMAT")},
            _("%(when)s, %(where)s.\n\nYour agenda: %(link)s")
            % {
                "when": formats.date_format(when, "DATETIME_FORMAT"),
                "where": place_of(meeting),
                "link": site_url(reverse("agenda:agenda")),
            },
        )

    return notification_send(
        user=user,
        kind=NotificationKind.REMINDER,
        dedupe_key=f"meeting:{meeting.pk}:reminder:{meeting.slot_id}",
        build=build,
        link=reverse("agenda:agenda"),
        now=now,
    )
