"""The API's agenda lists the meetings a delegate joins as a colleague too."""

import pytest
from rest_framework.test import APIClient

from matchforum.forums.models import Slot
from matchforum.meetings.services import meeting_attendee_add, meeting_place
from tests.factories import DelegateFactory, meeting_build

pytestmark = pytest.mark.django_db


def test_the_colleague_brought_along_sees_the_meeting_in_the_api_agenda(forum, make_delegate):
    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at").first()
    meeting = meeting_place(
        meeting=meeting_build(make_delegate(), make_delegate()),
        slot=slot,
        table=forum.tables.get(number=1),
    )
    colleague = DelegateFactory(organisation=meeting.organisation_a)
    client = APIClient()
    client.force_authenticate(colleague.user)
    assert client.get("/api/v1/agenda/").json()["results"] == []
    meeting_attendee_add(meeting=meeting, by=meeting.delegate_a, colleague=colleague)
    listed = client.get("/api/v1/agenda/").json()["results"]
    assert [m["id"] for m in listed] == [meeting.pk]
