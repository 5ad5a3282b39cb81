"""Who takes part in a meeting: its two delegates and the colleagues they bring along.

The one answer to "who sits in this meeting" and "which meetings does this delegate sit
in", for the services (seats, caps), the selectors (agendas, rooms, the calendar), the
scheduler's mapping and the notices, so that an attendee counts everywhere alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from matchforum.organisations.models import Delegate

from .models import Meeting, MeetingAttendee


def meeting_delegate_ids(meeting: Meeting) -> list[int]:
    """The delegates in the meeting: side a, side b, then the attendees (uses a
    prefetch of ``attendees`` when there is one)."""
    if meeting.pk is None:  # a meeting still to be made (live booking's free times)
        return [meeting.delegate_a_id, meeting.delegate_b_id]
    extra = [attendee.delegate_id for attendee in meeting.attendees.all()]
    return [meeting.delegate_a_id, meeting.delegate_b_id, *extra]


def attendee_ids_by_meeting(meeting_ids: Iterable[int]) -> dict[int, list[int]]:
    """Attendee delegate ids of each of these meetings (in the order they were added)."""
    out: dict[int, list[int]] = defaultdict(list)
    rows = MeetingAttendee.objects.filter(meeting_id__in=list(meeting_ids)).order_by(
        "added_at", "pk"
    )
    for meeting_id, delegate_id in rows.values_list("meeting_id", "delegate_id"):
        out[meeting_id].append(delegate_id)
    return out


def takes_part(delegate: Delegate | int) -> Q:
    """Meetings the delegate sits in: as one of the two sides or as an attendee."""
    pk = delegate if isinstance(delegate, int) else delegate.pk
    attending = MeetingAttendee.objects.filter(delegate_id=pk).values("meeting_id")
    return Q(delegate_a_id=pk) | Q(delegate_b_id=pk) | Q(pk__in=attending)


def meeting_people(meeting: Meeting) -> list[Delegate]:
    """The delegates in the meeting, as rows: side a, side b, then the attendees (uses a
    prefetch of ``attendees__delegate__user`` when there is one)."""
    extra = [attendee.delegate for attendee in meeting.attendees.all()]
    return [meeting.delegate_a, meeting.delegate_b, *extra]
