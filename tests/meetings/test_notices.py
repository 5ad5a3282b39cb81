"""Every meeting notice lands in the notification centre, linked to its page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from matchforum.meetings.models import MeetingStatus
from matchforum.meetings.services import meeting_cancel
from matchforum.notifications.models import Notification, NotificationKind
from tests.factories import meeting_build

pytestmark = pytest.mark.django_db


def test_organiser_cancel_tells_both_delegates_with_the_reason(make_delegate, organiser):
    a, b = make_delegate(), make_delegate()
    meeting = meeting_build(a, b)
    meeting_cancel(meeting=meeting, by=organiser, reason="The hall is closed.")
    told = Notification.objects.filter(kind=NotificationKind.MEETING_CANCELLED)
    assert {n.user_id for n in told} == {a.user_id, b.user_id}
    assert all("The hall is closed." in n.body for n in told)
    assert all(n.link == reverse("agenda:agenda") for n in told)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_a_cancel_without_a_reason_is_refused_and_nobody_is_told(make_delegate, organiser):
    meeting = meeting_build(make_delegate(), make_delegate())
    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, by=organiser, reason="  ")
    assert not Notification.objects.exists()


def test_a_too_long_reason_is_refused_and_nothing_is_cancelled(make_delegate, organiser):
    meeting = meeting_build(make_delegate(), make_delegate())
    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, by=organiser, reason="x" * 1001)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ACCEPTED
    assert not Notification.objects.exists()


def test_console_cancel_passes_the_reason_on(client, make_delegate, organiser):
    a, b = make_delegate(), make_delegate()
    meeting = meeting_build(a, b)
    client.force_login(organiser)
    client.post(reverse("console:meeting_cancel", args=[meeting.pk]), {"reason": "Speaker ill"})
    body = Notification.objects.get(user=a.user, kind=NotificationKind.MEETING_CANCELLED).body
    assert "Speaker ill" in body


def test_request_notices_link_to_inbox_and_outbox(make_delegate):
    from matchforum.meetings import notices
    from tests.factories import MeetingRequestFactory

    sender, recipient = make_delegate(), make_delegate()

    request = MeetingRequestFactory(sender=sender, recipient_organisation=recipient.organisation)
    notices.request_received_notify(meeting_request=request)
    received = Notification.objects.get(user=recipient.user)
    assert received.link == reverse("meetings:inbox")
    request.status = "declined"
    notices.request_answered_notify(meeting_request=request)
    assert Notification.objects.get(user=sender.user).link == reverse("meetings:outbox")
