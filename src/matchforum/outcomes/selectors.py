"""Reads of outcomes, private to the recording organisation and the organisers."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from matchforum.accounts.models import User
from matchforum.core.tenancy import scoped
from matchforum.forums.models import Forum
from matchforum.meetings.gating import meetings_between_approved
from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.organisations.models import Organisation

from .models import MeetingOutcome


def meetings_to_record(
    *, user: User, forum: Forum, organisation: Organisation
) -> QuerySet[Meeting]:
    """The organisation's meetings that took place (or are due) to record, within what
    tenant scoping lets the viewer see."""
    return (
        scoped(Meeting, user=user, forum=forum)
        .filter(
            Q(organisation_a=organisation) | Q(organisation_b=organisation),
            status__in=[MeetingStatus.HELD, MeetingStatus.SCHEDULED],
        )
        .filter(meetings_between_approved())
        .select_related("organisation_a", "organisation_b", "slot")
        .order_by("slot__starts_at", "pk")
    )


def outcome_of_organisation(*, meeting: Meeting, organisation_id: int) -> MeetingOutcome | None:
    """Only the organisation's own record: never the other side's."""
    return MeetingOutcome.objects.filter(meeting=meeting, organisation_id=organisation_id).first()
