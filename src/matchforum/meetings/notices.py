"""What people are told about meeting requests: each notice writes its text (in the
recipient's language, see notifications.services.notification_send) under a dedupe key,
so telling the same event twice never tells anyone twice."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from matchforum.accounts.models import User
from matchforum.core.links import site_url
from matchforum.notifications.models import NotificationKind
from matchforum.notifications.services import notifications_send

from .models import Meeting, MeetingAttendee, MeetingMoveProposal, MeetingRequest
from .participants import meeting_people


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


def meeting_attendee_users(meeting: Meeting) -> list[User]:
    """Everyone who sits in the meeting, on both sides, colleagues brought along too."""
    return [delegate.user for delegate in meeting_people(meeting)]


def _canceller_name(meeting: Meeting) -> str:
    """The cancelling organisation's name, or "the organisers"."""
    user = meeting.cancelled_by
    if user is None or user.can_organise:
        return _("the organisers")
    for organisation in (meeting.organisation_a, meeting.organisation_b):
        if organisation.delegates.filter(user=user).exists():
            return organisation.name
    return _("the organisers")


def meeting_cancelled_notify(*, meeting: Meeting) -> int:
    """Tell both sides that the meeting is cancelled, by whom and why."""

    def build() -> tuple[str, str]:
        names = {"a": meeting.organisation_a.name, "b": meeting.organisation_b.name}
        return (
            _("Meeting cancelled: %(a)s and %(b)s") % names,
            _(
                "The meeting of %(a)s and %(b)s was cancelled by %(by)s.\n\n"
                "Reason: %(reason)s\n\n%(link)s"
            )
            % {
                **names,
                "by": _canceller_name(meeting),
                "reason": meeting.cancel_reason,
                "link": site_url(reverse("agenda:agenda")),
            },
        )

    stamp = meeting.cancelled_at.isoformat() if meeting.cancelled_at else ""
    return notifications_send(
        users=meeting_attendee_users(meeting),
        kind=NotificationKind.MEETING_CANCELLED,
        dedupe_key=f"meeting:{meeting.pk}:cancelled:{stamp}",
        build=build,
        link=reverse("agenda:agenda"),
    )


def meeting_restored_notify(*, meeting: Meeting, now: dt.datetime) -> int:
    """Tell both sides that a cancellation was undone: the meeting is back in its place."""

    def build() -> tuple[str, str]:
        names = {"a": meeting.organisation_a.name, "b": meeting.organisation_b.name}
        return (
            _("Meeting restored: %(a)s and %(b)s") % names,
            _("The cancellation was undone; the meeting is back in your agenda.\n\n%(link)s")
            % {"link": site_url(reverse("agenda:agenda"))},
        )

    return notifications_send(
        users=meeting_attendee_users(meeting),
        kind=NotificationKind.MEETING_RESTORED,
        dedupe_key=f"meeting:{meeting.pk}:restored:{now.isoformat()}",
        build=build,
        link=reverse("agenda:agenda"),
    )


def _slot_text(proposal: MeetingMoveProposal) -> str:
    when = proposal.slot.starts_at.astimezone(ZoneInfo(proposal.meeting.forum.time_zone))
    return formats.date_format(when, "D j M Y H:i")


def meeting_move_proposed_notify(*, proposal: MeetingMoveProposal) -> int:
    """Tell the other side's attendee that a move is proposed, and where to answer."""
    meeting = proposal.meeting
    proposer = proposal.proposed_by
    other = (
        meeting.delegate_b
        if proposer.organisation_id == meeting.organisation_a_id
        else meeting.delegate_a
    )

    def build() -> tuple[str, str]:
        return (
            _("%(org)s asks to move your meeting") % {"org": proposer.organisation.name},
            _(
                "%(person)s of %(org)s proposes to move your meeting to %(when)s. "
                "Accept or decline it here: %(link)s"
            )
            % {
                "person": proposer.user,
                "org": proposer.organisation.name,
                "when": _slot_text(proposal),
                "link": site_url(reverse("meetings:move", args=[meeting.pk])),
            },
        )

    return notifications_send(
        users=[other.user],
        kind=NotificationKind.MEETING_MOVE_PROPOSED,
        dedupe_key=f"move:{proposal.pk}:proposed",
        build=build,
        link=reverse("meetings:move", args=[meeting.pk]),
    )


def meeting_move_declined_notify(*, proposal: MeetingMoveProposal) -> int:
    def build() -> tuple[str, str]:
        return (
            _("Your proposal to move a meeting was declined"),
            _("The meeting stays where it is. You may propose another time: %(link)s")
            % {"link": site_url(reverse("meetings:move", args=[proposal.meeting_id]))},
        )

    return notifications_send(
        users=[proposal.proposed_by.user],
        kind=NotificationKind.MEETING_MOVE_DECLINED,
        dedupe_key=f"move:{proposal.pk}:declined",
        build=build,
        link=reverse("meetings:move", args=[proposal.meeting_id]),
    )


def meeting_attendee_notify(
    *, meeting: Meeting, colleague: MeetingAttendee, added: bool, now: dt.datetime
) -> int:
    """Tell the colleague and the other side that a colleague joins the meeting (or no
    longer does)."""
    person = colleague.delegate
    own = person.organisation
    other_side = [d.user for d in meeting_people(meeting) if d.organisation_id != own.pk]
    other = (
        meeting.organisation_b if own.pk == meeting.organisation_a_id else meeting.organisation_a
    )

    def build() -> tuple[str, str]:
        names = {"person": person.user, "org": own.name, "other": other.name}
        if added:
            subject = _("%(person)s of %(org)s joins the meeting with %(other)s") % names
            body = (
                _("%(person)s of %(org)s takes part in the meeting of %(org)s and %(other)s.")
                % names
            )
        else:
            subject = _("%(person)s of %(org)s no longer joins the meeting with %(other)s") % names
            body = (
                _(
                    "%(person)s of %(org)s no longer takes part in the meeting of %(org)s and "
                    "%(other)s."
                )
                % names
            )
        return subject, f"{body}\n\n{site_url(reverse('agenda:agenda'))}"

    what = "added" if added else "removed"
    return notifications_send(
        users=[person.user, *other_side],
        kind=NotificationKind.MEETING_ATTENDEE,
        dedupe_key=f"meeting:{meeting.pk}:attendee:{person.pk}:{what}:{now.isoformat()}",
        build=build,
        link=reverse("agenda:agenda"),
    )


def meeting_booked_notify(*, meeting: Meeting) -> int:
    """Live booking: tell both sides that the request is accepted and where and when
    the meeting is, at once (no schedule to wait for)."""
    # Imported here: the agenda's reads build on the meetings app.
    from matchforum.agenda.selectors import place_of

    def build() -> tuple[str, str]:
        names = {"a": meeting.organisation_a.name, "b": meeting.organisation_b.name}
        when = meeting.slot.starts_at.astimezone(ZoneInfo(meeting.forum.time_zone))
        return (
            _("Meeting booked: %(a)s and %(b)s") % names,
            _(
                "%(person)s of %(b)s accepted the meeting request of %(a)s and booked it: "
                "%(when)s, %(where)s.\n\n%(link)s"
            )
            % {
                **names,
                "person": meeting.delegate_b.user,
                "when": formats.date_format(when, "D j M Y H:i"),
                "where": place_of(meeting),
                "link": site_url(reverse("agenda:agenda")),
            },
        )

    return notifications_send(
        users=meeting_attendee_users(meeting),
        kind=NotificationKind.REQUEST_ACCEPTED,
        dedupe_key=f"meeting:{meeting.pk}:booked",
        build=build,
        link=reverse("agenda:agenda"),
    )
