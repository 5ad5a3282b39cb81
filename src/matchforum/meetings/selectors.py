"""Reads of meeting requests and meetings, always scoped to the viewer's organisation.

Who may see a request is decided once, by `core.tenancy.scoped` (the rules in
core/tenancy_rules.py, which the API uses too); these selectors only narrow it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from matchforum.accounts.models import User
from matchforum.core.tenancy import scoped
from matchforum.forums.models import Forum
from matchforum.organisations.models import Delegate, Organisation

from .gating import meetings_between_approved, requests_between_approved
from .models import (
    ACTIVE_MEETING_STATUSES,
    Meeting,
    MeetingAttendee,
    MeetingMoveProposal,
    MeetingRequest,
    MeetingStatus,
    MoveStatus,
    RequestStatus,
)
from .participants import meeting_people, takes_part
from .services import ATTENDEE_STATUSES, cancel_undo_window, ordered_pair

_ATTENDEES = Prefetch(
    "attendees",
    queryset=MeetingAttendee.objects.select_related("delegate__user", "delegate__organisation"),
)


@dataclass(frozen=True)
class PairStatus:
    open_request: MeetingRequest | None
    meeting: Meeting | None

    @property
    def can_request(self) -> bool:
        return self.open_request is None and self.meeting is None


def pair_status(*, a: Organisation, b: Organisation) -> PairStatus:
    low, high = ordered_pair(a, b)
    open_request = MeetingRequest.objects.filter(
        forum_id=a.forum_id, pair_low=low, pair_high=high, status=RequestStatus.PENDING
    ).first()
    meeting = (
        Meeting.objects.filter(forum_id=a.forum_id, pair_low=low, pair_high=high)
        .exclude(status=MeetingStatus.CANCELLED)
        .first()
    )
    return PairStatus(open_request=open_request, meeting=meeting)


def _requests(*, user: User, forum: Forum) -> QuerySet[MeetingRequest]:
    return scoped(MeetingRequest, user=user, forum=forum).select_related(
        "sender__user", "sender_organisation", "recipient_organisation", "recipient__user"
    )


def requests_inbox(
    *, user: User, forum: Forum, organisation: Organisation
) -> QuerySet[MeetingRequest]:
    """Requests received by the organisation (any of its delegates answers)."""
    return (
        _requests(user=user, forum=forum)
        .filter(recipient_organisation=organisation)
        .filter(requests_between_approved())
        .order_by("-created_at")
    )


def requests_outbox(
    *, user: User, forum: Forum, organisation: Organisation
) -> QuerySet[MeetingRequest]:
    return (
        _requests(user=user, forum=forum)
        .filter(sender_organisation=organisation)
        .filter(requests_between_approved())
        .order_by("-created_at")
    )


def request_received_by(
    *, user: User, forum: Forum, organisation: Organisation, pk: int
) -> MeetingRequest | None:
    return requests_inbox(user=user, forum=forum, organisation=organisation).filter(pk=pk).first()


def request_sent_by(
    *, user: User, forum: Forum, organisation: Organisation, pk: int
) -> MeetingRequest | None:
    return requests_outbox(user=user, forum=forum, organisation=organisation).filter(pk=pk).first()


def meetings_of_delegate(*, delegate: Delegate) -> QuerySet[Meeting]:
    """The delegate's active meetings (as a side or as a colleague brought along), in
    time order (unplaced last), with their attendees; none with an
    organisation that is not approved, on either side (meetings/gating.py)."""
    return (
        Meeting.objects.filter(takes_part(delegate), status__in=ACTIVE_MEETING_STATUSES)
        .filter(meetings_between_approved())
        .select_related(
            "organisation_a",
            "organisation_b",
            "delegate_a__user",
            "delegate_b__user",
            "slot__session__day",
            "table",
            "request",
        )
        .prefetch_related(_ATTENDEES)
        .order_by("slot__starts_at", "pk")
    )


def request_counts(*, delegate: Delegate) -> dict[str, int]:
    forum = delegate.organisation.forum
    sent = MeetingRequest.objects.filter(sender=delegate).exclude(status=RequestStatus.WITHDRAWN)
    return {
        "sent": sent.count(),
        "max_requests": forum.max_requests_per_delegate,
        "meetings": meetings_of_delegate(delegate=delegate).count(),
        "max_meetings": forum.max_meetings_per_delegate,
    }


def meeting_of_organisation(*, delegate: Delegate, pk: int) -> Meeting | None:
    """A meeting of the delegate's organisation (either side), or None: others' meetings
    are not found, whatever their id."""
    organisation_id = delegate.organisation_id
    return (
        Meeting.objects.filter(pk=pk, forum_id=delegate.organisation.forum_id)
        .filter(Q(organisation_a_id=organisation_id) | Q(organisation_b_id=organisation_id))
        .select_related(
            "organisation_a", "organisation_b", "delegate_a__user", "delegate_b__user", "slot"
        )
        .prefetch_related(_ATTENDEES)
        .first()
    )


def meeting_cancel_state(*, meeting: Meeting, user: User) -> dict[str, object]:
    """What a cancel confirmation shows: the meeting, who is told, and whether this user
    may still undo its cancellation."""
    undo_open = (
        meeting.status == MeetingStatus.CANCELLED
        and meeting.cancelled_by_id == user.pk
        and meeting.cancelled_at is not None
        and timezone.now() - meeting.cancelled_at <= cancel_undo_window()
    )
    return {
        "meeting": meeting,
        "told": meeting_people(meeting),
        "undo_open": undo_open,
    }


def move_proposal_open(*, meeting: Meeting) -> MeetingMoveProposal | None:
    return (
        MeetingMoveProposal.objects.filter(meeting=meeting, status=MoveStatus.PENDING)
        .select_related("proposed_by__user", "proposed_by__organisation", "slot")
        .first()
    )


def move_proposal_of_organisation(*, delegate: Delegate, pk: int) -> MeetingMoveProposal | None:
    """A proposal about a meeting of the delegate's organisation, or None."""
    organisation_id = delegate.organisation_id
    return (
        MeetingMoveProposal.objects.filter(pk=pk)
        .filter(
            Q(meeting__organisation_a_id=organisation_id)
            | Q(meeting__organisation_b_id=organisation_id)
        )
        .select_related("meeting")
        .first()
    )


def meeting_of_attendee(*, delegate: Delegate, pk: int) -> Meeting | None:
    """An active meeting the delegate sits in (a side or an attendee), or None
    (colleagues who do not attend, and everyone else, are not let in)."""
    return (
        Meeting.objects.filter(pk=pk, status__in=ACTIVE_MEETING_STATUSES)
        .filter(takes_part(delegate))
        .select_related("forum")
        .first()
    )


def meetings_cancelled_of_delegate(*, delegate: Delegate) -> QuerySet[Meeting]:
    """The delegate's cancelled meetings with their reasons (an agenda says what went
    away instead of silently dropping it)."""
    return (
        Meeting.objects.filter(takes_part(delegate), status=MeetingStatus.CANCELLED)
        .filter(meetings_between_approved())
        .select_related("organisation_a", "organisation_b")
        .order_by("-cancelled_at", "-pk")
    )


def colleagues_of(*, delegate: Delegate) -> list[Delegate]:
    """The delegates of `delegate`'s organisation with an open account (`delegate` too)."""
    return list(
        Delegate.objects.filter(
            organisation_id=delegate.organisation_id, user__is_active=True
        ).select_related("user")
    )


def meeting_colleague_choices(*, meeting: Meeting, colleagues: list[Delegate]) -> list[Delegate]:
    """Those of `colleagues` (see `colleagues_of`) who could be brought to the meeting:
    not in it yet (the service checks the rest: the slot, the cap). Empty when the meeting
    takes no colleague now."""
    if meeting.status not in ATTENDEE_STATUSES:
        return []
    present = {d.pk for d in meeting_people(meeting)}
    return [colleague for colleague in colleagues if colleague.pk not in present]


def colleague_of(*, delegate: Delegate, pk: int) -> Delegate | None:
    """A delegate of `delegate`'s own organisation, or None (others are not found)."""
    return (
        Delegate.objects.filter(pk=pk, organisation_id=delegate.organisation_id)
        .select_related("user", "organisation")
        .first()
    )
