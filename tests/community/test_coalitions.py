"""Coalition pages and the experience exchange: who sees and does what, on the server."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from matchforum.community.models import Post, PostReport, ReportStatus, Thread
from matchforum.community.services import thread_reply, thread_reply_notify, thread_start
from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.notifications.models import Delivery
from matchforum.notifications.services import digests_send_all, notification_preference_set
from matchforum.organisations.models import Accreditation, Visibility
from tests.factories import CooperationProfileFactory, DelegateFactory, UserFactory

pytestmark = pytest.mark.django_db


def _thread(forum, track, user, title="Detector false positives in clay soil"):
    return thread_start(
        user=user, forum=forum, track=track, kind="lessons", title=title, body="What we saw."
    )


def _meeting(forum, a, b, status):
    low, high = sorted([a.organisation.pk, b.organisation.pk])
    return Meeting.objects.create(
        forum=forum,
        organisation_a=a.organisation,
        organisation_b=b.organisation,
        delegate_a=a,
        delegate_b=b,
        pair_low=low,
        pair_high=high,
        status=status,
        created_at=timezone.now(),
    )


def test_track_page_lists_approved_listed_members_open_profiles_and_meeting_counts(
    client, forum, member, make_delegate, demining
):
    pending = make_delegate(name="Pending Sappers", accreditation=Accreditation.PENDING)
    unlisted = make_delegate(name="Quiet Works", visibility=Visibility.UNLISTED)
    outsider = make_delegate(name="Sky Optics")
    for delegate in (pending, unlisted):
        delegate.organisation.tracks.add(demining)
    need = CooperationProfileFactory(
        organisation=member.organisation,
        side="need",
        title="Ground-penetrating radar",
        language="lt",
    )
    need.tracks.add(demining)
    hidden = CooperationProfileFactory(organisation=pending.organisation, title="Secret rig")
    hidden.tracks.add(demining)
    _meeting(forum, member, outsider, MeetingStatus.HELD)
    _meeting(forum, unlisted, outsider, MeetingStatus.HELD)
    _meeting(forum, member, unlisted, MeetingStatus.CANCELLED)

    client.force_login(outsider.user)
    response = client.get("/coalitions/demining/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Baltic Clearance" in body
    assert "Pending Sappers" not in body
    assert "Quiet Works" not in body
    assert "Ground-penetrating radar" in body
    assert ">Lietuviškai</span>" in body  # the need keeps its language and shows it
    assert "Secret rig" not in body
    assert response.context["meetings_held"] == 2
    assert "Sky Optics" not in body  # counts only, never who met whom
    assert response.context["is_member"] is False


def test_a_pending_delegate_sees_no_members_on_a_track_page(client, forum, member, make_delegate):
    pending = make_delegate(accreditation=Accreditation.PENDING)
    client.force_login(pending.user)
    response = client.get("/coalitions/demining/")
    assert "Baltic Clearance" not in response.content.decode()


def test_unknown_track_is_404(client, member):
    client.force_login(member.user)
    assert client.get("/coalitions/no-such-track/").status_code == 404


def test_a_member_opens_a_thread_and_an_outsider_cannot_see_it(
    client, forum, member, make_delegate, demining
):
    client.force_login(member.user)
    response = client.post(
        "/coalitions/demining/threads/new/",
        {"kind": "test_results", "title": "Trial at Pabradė", "body": "Detection rate 97%."},
    )
    thread = Thread.objects.get(title="Trial at Pabradė")
    assert response.status_code == 302
    assert thread.posts.get().author_organisation == member.organisation

    outsider = make_delegate(name="Sky Optics")  # approved, but not in demining
    pending = make_delegate(accreditation=Accreditation.PENDING)
    pending.organisation.tracks.add(demining)
    post = thread.posts.get()
    for user in (outsider.user, pending.user):
        client.force_login(user)
        assert client.get(f"/coalitions/threads/{thread.pk}/").status_code == 404
        assert client.get("/coalitions/demining/threads/new/").status_code == 404
        assert client.post(f"/coalitions/threads/{thread.pk}/", {"body": "hi"}).status_code == 404
        assert client.get(f"/coalitions/posts/{post.pk}/report/").status_code == 404
        page = client.get("/coalitions/demining/").content.decode()
        assert "Trial at Pabradė" not in page
    assert thread.posts.count() == 1


def test_organisers_are_members_of_every_coalition(client, forum, member, organiser, demining):
    thread = _thread(forum, demining, member.user)
    client.force_login(organiser)
    assert client.get(f"/coalitions/threads/{thread.pk}/").status_code == 200


def test_a_thread_without_a_title_rerenders_with_the_input_kept(client, member):
    client.force_login(member.user)
    response = client.post(
        "/coalitions/demining/threads/new/", {"kind": "lessons", "title": "", "body": "Keep me."}
    )
    assert response.status_code == 200
    assert "Keep me." in response.content.decode()
    assert response.context["form"].errors["title"]
    assert 'class="required"' in response.content.decode()


def test_a_reply_emails_earlier_participants_in_their_language(
    client,
    forum,
    member,
    make_delegate,
    demining,
    immediate_tasks,
    django_capture_on_commit_callbacks,
):
    member.user.preferred_language = "lt"
    member.user.save()
    colleague = make_delegate(name="Daugava Demining")
    colleague.organisation.tracks.add(demining)
    thread = _thread(forum, demining, member.user)
    client.force_login(colleague.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/coalitions/threads/{thread.pk}/", {"body": "Same in Latgale."})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[member.user.email]]
    assert mail.outbox[0].subject.startswith("Naujas atsakymas temoje")
    assert colleague.user.email not in mail.outbox[0].body


def test_a_reply_is_told_once_and_waits_for_the_digest_of_those_who_chose_it(
    forum, member, make_delegate, demining, immediate_tasks, django_capture_on_commit_callbacks
):
    notification_preference_set(user=member.user, delivery=Delivery.DIGEST)
    colleague = make_delegate(name="Daugava Demining")
    colleague.organisation.tracks.add(demining)
    thread = _thread(forum, demining, member.user)
    with django_capture_on_commit_callbacks(execute=True):
        post = thread_reply(user=colleague.user, thread=thread, body="Same in Latgale.")
    assert mail.outbox == []  # nothing at the event for a digest reader
    assert thread_reply_notify(post=post) == []  # a second run tells nobody again
    assert digests_send_all() == 1
    assert [m.to for m in mail.outbox] == [[member.user.email]]
    assert "Detector false positives in clay soil" in mail.outbox[0].body


def test_no_email_is_sent_inside_the_request(client, forum, member, make_delegate, demining):
    colleague = make_delegate()
    colleague.organisation.tracks.add(demining)
    thread = _thread(forum, demining, member.user)
    client.force_login(colleague.user)
    client.post(f"/coalitions/threads/{thread.pk}/", {"body": "A reply."})
    assert mail.outbox == []


def test_organisers_hide_posts_and_lock_threads_delegates_cannot(
    client, forum, member, organiser, make_delegate, demining
):
    colleague = make_delegate()
    colleague.organisation.tracks.add(demining)
    thread = _thread(forum, demining, member.user)
    reply = thread_reply(user=colleague.user, thread=thread, body="Buy from my cousin, cheap!")

    client.force_login(member.user)
    assert client.post(f"/coalitions/posts/{reply.pk}/hide/", {"hidden": "1"}).status_code == 403
    assert client.post(f"/coalitions/threads/{thread.pk}/lock/", {"locked": "1"}).status_code == 403

    client.force_login(organiser)
    client.post(f"/coalitions/posts/{reply.pk}/hide/", {"hidden": "1"})
    client.post(f"/coalitions/threads/{thread.pk}/lock/", {"locked": "1"})
    reply.refresh_from_db()
    thread.refresh_from_db()
    assert reply.is_hidden and reply.hidden_by == organiser
    assert thread.is_locked

    client.force_login(member.user)
    body = client.get(f"/coalitions/threads/{thread.pk}/").content.decode()
    assert "cousin" not in body
    assert "This post was hidden by a moderator." in body
    response = client.post(f"/coalitions/threads/{thread.pk}/", {"body": "One more thing"})
    assert response.status_code == 200
    assert "One more thing" in response.content.decode()  # the text is not lost
    assert "This thread is locked; no more replies." in response.content.decode()
    assert thread.posts.count() == 2


def test_a_member_reports_a_post_and_organisers_work_the_queue(
    client, forum, member, organiser, make_delegate, demining
):
    colleague = make_delegate()
    colleague.organisation.tracks.add(demining)
    thread = _thread(forum, demining, colleague.user)
    post = thread.posts.get()
    client.force_login(member.user)
    response = client.post(f"/coalitions/posts/{post.pk}/report/", {"reason": "Advertising"})
    assert response.status_code == 302
    report = PostReport.objects.get()
    assert report.reporter == member.user and report.status == ReportStatus.OPEN
    assert client.get("/coalitions/reports/").status_code == 403
    assert client.post(f"/coalitions/reports/{report.pk}/resolve/").status_code == 403

    client.force_login(organiser)
    queue = client.get("/coalitions/reports/").content.decode()
    assert "Advertising" in queue
    client.post(f"/coalitions/reports/{report.pk}/resolve/", {"action": "hide"})
    report.refresh_from_db()
    post.refresh_from_db()
    assert report.status == ReportStatus.ACTED_ON
    assert post.is_hidden
    assert "Advertising" not in client.get("/coalitions/reports/").content.decode()


def test_a_report_without_a_reason_is_refused(client, forum, member, demining):
    thread = _thread(forum, demining, member.user)
    other = DelegateFactory(organisation=member.organisation)
    client.force_login(other.user)
    response = client.post(f"/coalitions/posts/{thread.posts.get().pk}/report/", {"reason": " "})
    assert response.status_code == 200
    assert PostReport.objects.count() == 0


def test_vetting_officers_and_strangers_are_not_members(client, forum, member, demining):
    thread = _thread(forum, demining, member.user)
    for user in (UserFactory(is_vetting_officer=True), UserFactory()):
        client.force_login(user)
        assert client.get(f"/coalitions/threads/{thread.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/coalitions/threads/{thread.pk}/").status_code == 302
    assert Post.objects.count() == 1
