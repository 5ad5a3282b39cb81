"""Reads of outcomes, private to the recording organisation and the organisers."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from matchforum.meetings.gating import meetings_between_approved
from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.organisations.models import Delegate

from .models import MeetingOutcome


def meetings_to_record(*, delegate: Delegate) -> QuerySet[Meeting]:
    """The delegate's organisation's meetings that took place (or are due) to record; none
    while either side is not approved (meetings/gating.py)."""
    organisation_id = delegate.organisation_id
    return (
        Meeting.objects.filter(
            Q(organisation_a_id=organisation_id) | Q(organisation_b_id=organisation_id),
            status__in=[MeetingStatus.HELD, MeetingStatus.SCHEDULED],
        )
        .filter(meetings_between_approved())
        .select_related("organisation_a", "organisation_b", "slot")
        .order_by("slot__starts_at", "pk")
    )


def outcome_of_organisation(*, meeting: Meeting, organisation_id: int) -> MeetingOutcome | None:
    """Only the organisation's own record: never the other side's."""
    return MeetingOutcome.objects.filter(meeting=meeting, organisation_id=organisation_id).first()
