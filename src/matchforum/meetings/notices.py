"""What people are told about meeting requests: each notice writes its text (in the
recipient's language, see notifications.services.notification_send) under a dedupe key,
so telling the same event twice never tells anyone twice."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from matchforum.accounts.models import User
from matchforum.core.links import site_url
from matchforum.notifications.models import NotificationKind
from matchforum.notifications.services import notifications_send

from .models import Meeting, MeetingRequest


def _recipients_of(meeting_request: MeetingRequest) -> list[User]:
    if meeting_request.recipient_id:
        return [meeting_request.recipient.user]
    delegates = meeting_request.recipient_organisation.delegates.select_related("user")
    return [d.user for d in delegates]


def request_received_notify(*, meeting_request: MeetingRequest) -> int:
    def build() -> tuple[str, str]:
        sender = meeting_request.sender_organisation.name
        subject = _("Meeting request from %(org)s") % {"org": sender}
        body = _(
            "%(person)s of %(org)s asks your organisation for a meeting.\n\n%(message)s\n\n"
            "Answer it here: %(link)s"
        ) % {
            "person": meeting_request.sender.user,
            "org": sender,
            "message": meeting_request.message or "",
            "link": site_url(reverse("meetings:inbox")),
        }
        return subject, body

    return notifications_send(
        users=_recipients_of(meeting_request),
        kind=NotificationKind.REQUEST_RECEIVED,
        dedupe_key=f"request:{meeting_request.pk}:received",
        build=build,
        link=reverse("meetings:inbox"),
    )


def request_answered_notify(*, meeting_request: MeetingRequest) -> int:
    """Tell the sender that the request was accepted, declined or expired."""
    kinds = {
        "accepted": NotificationKind.REQUEST_ACCEPTED,
        "declined": NotificationKind.REQUEST_DECLINED,
        "expired": NotificationKind.REQUEST_EXPIRED,
    }
    status = meeting_request.status

    def build() -> tuple[str, str]:
        names = {"org": meeting_request.recipient_organisation.name}
        if status == "accepted":
            subject = _("%(org)s accepted your meeting request") % names
            body = _("The meeting will appear in your agenda once the schedule is published.")
        elif status == "declined":
            subject = _("%(org)s declined your meeting request") % names
            body = (
                _("Their reason: %(reason)s") % {"reason": meeting_request.decline_reason}
                if meeting_request.decline_reason
                else _("They gave no reason.")
            )
        else:
            subject = _("Your meeting request to %(org)s expired") % names
            body = _(
                "It was not answered in time, so it no longer holds a place in your day. "
                "You may send a new request."
            )
        return subject, f"{body}\n\n{site_url(reverse('meetings:outbox'))}"

    return notifications_send(
        users=[meeting_request.sender.user],
        kind=kinds[status],
        dedupe_key=f"request:{meeting_request.pk}:{status}",
        build=build,
        link=reverse("meetings:outbox"),
    )


def pending_requests_remind(*, user: User, count: int, now: dt.datetime | None = None) -> int:
    """At most one reminder a day per person (the date is part of the dedupe key)."""
    day = timezone.localdate(now or timezone.now())

    def build() -> tuple[str, str]:
        return (
            _("Meeting requests are waiting for your answer"),
            ngettext(
                "%(count)s meeting request waits for your organisation's answer: %(link)s",
                "%(count)s meeting requests wait for your organisation's answer: %(link)s",
                count,
            )
            % {"count": count, "link": site_url(reverse("meetings:inbox"))},
        )

    return notifications_send(
        users=[user],
        kind=NotificationKind.REMINDER,
        dedupe_key=f"reminder:pending:{day.isoformat()}",
        build=build,
        link=reverse("meetings:inbox"),
    )


def meeting_cancelled_notify(*, meeting: Meeting, reason: str = "") -> int:
    """Tell both delegates that the meeting is cancelled, with the reason when one is given."""

    def build() -> tuple[str, str]:
        subject = _("Your meeting of %(a)s and %(b)s is cancelled") % {
            "a": meeting.organisation_a.name,
            "b": meeting.organisation_b.name,
        }
        said = (
            _("The reason given: %(reason)s") % {"reason": reason}
            if reason
            else _("No reason was given.")
        )
        return subject, f"{said}\n\n{site_url(reverse('agenda:agenda'))}"

    return notifications_send(
        users=[meeting.delegate_a.user, meeting.delegate_b.user],
        kind=NotificationKind.MEETING_CANCELLED,
        dedupe_key=f"meeting:{meeting.pk}:cancelled",
        build=build,
        link=reverse("agenda:agenda"),
    )
