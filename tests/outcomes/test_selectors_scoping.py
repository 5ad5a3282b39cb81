"""Meetings to record are read through tenant scoping, like every organisation-owned row."""

from __future__ import annotations

import pytest

from matchforum.meetings.models import MeetingStatus
from matchforum.outcomes.selectors import meetings_to_record
from tests.factories import meeting_build

pytestmark = pytest.mark.django_db


def test_only_the_two_organisations_list_their_meeting_to_record(forum, make_delegate):
    a, b, outsider = make_delegate(), make_delegate(), make_delegate()
    meeting = meeting_build(a, b, status=MeetingStatus.HELD)
    assert list(meetings_to_record(user=a.user, forum=forum, organisation=a.organisation)) == [
        meeting
    ]
    # Naming another organisation does not widen what the viewer sees.
    assert not meetings_to_record(user=outsider.user, forum=forum, organisation=a.organisation)
