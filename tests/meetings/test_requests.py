"""Meeting request rules through the services and the pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from matchforum.meetings.models import Meeting, MeetingRequest, RequestStatus
from matchforum.meetings.services import (
    meeting_request_accept,
    meeting_request_decline,
    meeting_request_send,
    meeting_requests_expire,
    meeting_requests_remind,
)
from matchforum.notifications.models import Notification, NotificationKind
from tests.factories import DelegateFactory

pytestmark = pytest.mark.django_db


def test_duplicate_request_gets_a_clear_message_and_never_a_second_row(client, forum):
    a, b = DelegateFactory(organisation__forum=forum), DelegateFactory(organisation__forum=forum)
    client.force_login(a.user)
    url = f"/meetings/request/{b.organisation.pk}/"
    client.post(url, {"message": "Hello", "session_wish": "morning"})
    response = client.post(url, {"message": "Hello again", "session_wish": "any"}, follow=True)
    assert "already open" in response.content.decode()
    assert MeetingRequest.objects.count() == 1
    # From the other side too: still the same pair.
    client.force_login(b.user)
    response = client.post(
        f"/meetings/request/{a.organisation.pk}/",
        {"session_wish": "any"},
        HTTP_HX_REQUEST="true",
    )
    assert "already open" in response.content.decode()
    assert MeetingRequest.objects.count() == 1


def test_request_limit_per_delegate(forum):
    forum.max_requests_per_delegate = 1
    forum.save()
    a = DelegateFactory(organisation__forum=forum)
    b, c = DelegateFactory(organisation__forum=forum), DelegateFactory(organisation__forum=forum)
    meeting_request_send(sender=a, recipient_organisation=b.organisation)
    with pytest.raises(ValidationError, match="1 requests the forum allows"):
        meeting_request_send(sender=a, recipient_organisation=c.organisation)


def test_meeting_limit_per_delegate_at_send_and_accept(forum):
    forum.max_meetings_per_delegate = 1
    forum.save()
    a, b, c = (DelegateFactory(organisation__forum=forum) for _ in range(3))
    first = meeting_request_send(sender=a, recipient_organisation=b.organisation)
    pending = meeting_request_send(sender=c, recipient_organisation=a.organisation)
    meeting_request_accept(meeting_request=first, responder=b)
    with pytest.raises(ValidationError, match="meetings the forum allows"):
        meeting_request_accept(meeting_request=pending, responder=a)
    with pytest.raises(ValidationError, match="meetings the forum allows"):
        meeting_request_send(
            sender=a, recipient_organisation=DelegateFactory(organisation__forum=forum).organisation
        )


def test_deadline_is_enforced_with_a_clear_message_on_the_page(client, forum):
    forum.request_deadline = timezone.now() - dt.timedelta(hours=1)
    forum.save()
    a, b = DelegateFactory(organisation__forum=forum), DelegateFactory(organisation__forum=forum)
    client.force_login(a.user)
    response = client.post(
        f"/meetings/request/{b.organisation.pk}/", {"session_wish": "any"}, follow=True
    )
    assert "deadline for meeting requests has passed" in response.content.decode()
    assert not MeetingRequest.objects.exists()


def test_accept_decline_withdraw_through_the_pages(client, forum):
    a, b, c = (DelegateFactory(organisation__forum=forum) for _ in range(3))
    to_accept = meeting_request_send(sender=a, recipient_organisation=b.organisation)
    to_decline = meeting_request_send(sender=c, recipient_organisation=b.organisation)
    to_withdraw = meeting_request_send(sender=a, recipient_organisation=c.organisation)
    client.force_login(b.user)
    client.post(f"/meetings/requests/{to_accept.pk}/accept/")
    response = client.post(
        f"/meetings/requests/{to_decline.pk}/decline/",
        {"reason": "Not our field"},
        HTTP_HX_REQUEST="true",
    )
    assert "Declined" in response.content.decode()
    client.force_login(a.user)
    client.post(f"/meetings/requests/{to_withdraw.pk}/withdraw/")
    statuses = dict(MeetingRequest.objects.values_list("pk", "status"))
    assert statuses == {
        to_accept.pk: RequestStatus.ACCEPTED,
        to_decline.pk: RequestStatus.DECLINED,
        to_withdraw.pk: RequestStatus.WITHDRAWN,
    }
    assert Meeting.objects.filter(request=to_accept).exists()
    assert MeetingRequest.objects.get(pk=to_decline.pk).decline_reason == "Not our field"
    # Answering twice gets a message, not an error page.
    client.force_login(b.user)
    response = client.post(f"/meetings/requests/{to_accept.pk}/accept/", follow=True)
    assert "no longer open" in response.content.decode()


def test_expiry_tells_the_sender_once(
    forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    a, b = DelegateFactory(organisation__forum=forum), DelegateFactory(organisation__forum=forum)
    request = meeting_request_send(sender=a, recipient_organisation=b.organisation)
    later = request.expires_at + dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_requests_expire(forum=forum, now=later) == [request.pk]
        assert meeting_requests_expire(forum=forum, now=later) == []
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED
    expired = Notification.objects.filter(user=a.user, kind=NotificationKind.REQUEST_EXPIRED)
    assert expired.count() == 1
    assert [m.to for m in mailoutbox if "expired" in m.subject] == [[a.user.email]]


def test_run_periodic_expires_requests_and_reminds_once_a_day(forum, immediate_tasks):
    a, b = DelegateFactory(organisation__forum=forum), DelegateFactory(organisation__forum=forum)
    stale = meeting_request_send(
        sender=a, recipient_organisation=b.organisation, now=timezone.now() - dt.timedelta(days=10)
    )
    c = DelegateFactory(organisation__forum=forum)
    meeting_request_send(sender=c, recipient_organisation=b.organisation)
    call_command("run_periodic", "--inline")
    call_command("run_periodic", "--inline")
    stale.refresh_from_db()
    assert stale.status == RequestStatus.EXPIRED
    reminders = Notification.objects.filter(user=b.user, kind=NotificationKind.REMINDER)
    assert reminders.count() == 1
    # The next day a new reminder may go out.
    meeting_requests_remind(forum=forum, now=timezone.now() + dt.timedelta(days=1))
    assert reminders.count() == 2


def test_request_received_and_accepted_mails_go_to_the_right_people(
    forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    a, b = DelegateFactory(organisation__forum=forum), DelegateFactory(organisation__forum=forum)
    colleague = DelegateFactory(organisation=b.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        request = meeting_request_send(
            sender=a, recipient_organisation=b.organisation, message="Hi"
        )
    received = {m.to[0] for m in mailoutbox}
    assert received == {b.user.email, colleague.user.email}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_request_accept(meeting_request=request, responder=b)
    assert [m.to for m in mailoutbox] == [[a.user.email]]
    assert "accepted" in mailoutbox[0].subject


def test_a_text_over_the_limit_is_refused_never_cut(client, forum):
    a, b = DelegateFactory(organisation__forum=forum), DelegateFactory(organisation__forum=forum)
    with pytest.raises(ValidationError, match="At most 1000 characters, not 1001"):
        meeting_request_send(sender=a, recipient_organisation=b.organisation, message="x" * 1001)
    assert not MeetingRequest.objects.exists()
    pending = meeting_request_send(sender=a, recipient_organisation=b.organisation, message="Hi")
    with pytest.raises(ValidationError, match="At most 1000 characters"):
        meeting_request_decline(meeting_request=pending, responder=b, reason="y" * 1001)
    client.force_login(b.user)
    long_reason = "We are fully booked. " * 60  # 1,260 characters
    response = client.post(
        f"/meetings/requests/{pending.pk}/decline/",
        {"reason": long_reason},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "at most 1000 characters" in page  # told why
    assert long_reason.strip() in page  # and what was typed is still in the form
    pending.refresh_from_db()
    assert pending.status == RequestStatus.PENDING and pending.decline_reason == ""
