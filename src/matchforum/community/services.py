"""Writes of the experience exchange: threads, replies, moderation, reports."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.core.enqueue import enqueue_on_commit
from matchforum.core.permissions import require_organiser
from matchforum.core.text_limits import text_within
from matchforum.forums.committee import can_lead_coalition
from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.notifications.mail import templates_message
from matchforum.notifications.models import NotificationKind
from matchforum.notifications.services import notification_send

from .attachments import attachment_check, attachment_name
from .models import Attachment, CoalitionPage, Post, PostReport, ReportStatus, Thread
from .selectors import (
    coalition_curatable_profiles,
    coalition_is_member,
    coalition_meeting_figures,
    coalition_member_delegate,
    thread_participants_to_notify,
)
from .tasks import notify_thread_reply

MAX_ATTACHMENTS_PER_POST = 5


def _require_member(*, user: User, forum: Forum, track: CapabilityTrack) -> None:
    if not coalition_is_member(user=user, forum=forum, track=track):
        raise PermissionDenied("Only vetted members of the coalition take part.")


def _clean_body(body: str) -> str:
    body = text_within(body, model=Post, field="body")
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    return body


def _check_files(files: Sequence[UploadedFile]) -> list[tuple[UploadedFile, str]]:
    if len(files) > MAX_ATTACHMENTS_PER_POST:
        raise ValidationError(
            {
                "attachments": ngettext(
                    "Attach at most %(count)d file.",
                    "Attach at most %(count)d files.",
                    MAX_ATTACHMENTS_PER_POST,
                )
                % {"count": MAX_ATTACHMENTS_PER_POST}
            }
        )
    errors, checked = [], []
    for upload in files:
        try:
            attachment_name(upload)
            checked.append((upload, attachment_check(upload).content_type))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    return checked


def _post_already_sent(*, user: User, body: str, submission_key: str) -> Post | None:
    """The post this very form made before, when it is sent again with the same message.

    A key sent again with another message (an old page reused) makes a new post: nothing
    the person wrote is dropped.
    """
    if not submission_key:
        return None
    return Post.objects.filter(author=user, submission_key=submission_key, body=body).first()


def _key_is_free(*, user: User, submission_key: str) -> bool:
    return not Post.objects.filter(author=user, submission_key=submission_key).exists()


def _create_post(
    *,
    thread: Thread,
    user: User,
    body: str,
    files: Sequence[UploadedFile],
    submission_key: str = "",
) -> Post:
    checked = _check_files(files)
    delegate = coalition_member_delegate(user=user, forum=thread.forum, track=thread.track)
    if submission_key and not _key_is_free(user=user, submission_key=submission_key):
        submission_key = ""
    post = Post.objects.create(
        thread=thread,
        author=user,
        author_organisation=delegate.organisation if delegate else None,
        body=body,
        submission_key=submission_key,
    )
    for upload, content_type in checked:
        Attachment.objects.create(
            post=post,
            file=upload,
            original_name=PurePath(upload.name).name,
            content_type=content_type,
            size=upload.size,
        )
    return post


def thread_start(
    *,
    user: User,
    forum: Forum,
    track: CapabilityTrack,
    kind: str,
    title: str,
    body: str,
    files: Sequence[UploadedFile] = (),
    submission_key: str = "",
) -> Thread:
    """Open a thread in the coalition with its first post.

    The same form sent twice (`submission_key`) opens one thread: the second answer is
    the thread the first one opened, also when both arrive at the same moment.
    """
    _require_member(user=user, forum=forum, track=track)
    title, body = title.strip(), _clean_body(body)
    if not title:
        raise ValidationError({"title": _("Give the thread a title.")})
    earlier = _post_already_sent(user=user, body=body, submission_key=submission_key)
    if earlier is not None:
        return earlier.thread
    try:
        with transaction.atomic():
            thread = Thread(
                forum=forum,
                track=track,
                kind=kind,
                title=title,
                author=user,
                last_post_at=timezone.now(),
            )
            thread.full_clean()
            thread.save()
            _create_post(
                thread=thread, user=user, body=body, files=files, submission_key=submission_key
            )
    except IntegrityError:
        # The same form, sent at the same moment, won the race; its thread is the answer.
        earlier = _post_already_sent(user=user, body=body, submission_key=submission_key)
        if earlier is None:
            raise
        return earlier.thread
    return thread


@transaction.atomic
def thread_reply(
    *,
    user: User,
    thread: Thread,
    body: str,
    files: Sequence[UploadedFile] = (),
    submission_key: str = "",
) -> Post:
    """Reply to a thread; earlier participants are told by e-mail (in a task).

    The same form sent twice (`submission_key`) posts once; the thread's row lock
    orders two sends that arrive together, so the second finds the first's post.
    """
    _require_member(user=user, forum=thread.forum, track=thread.track)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked:
        raise ValidationError(_("This thread is locked; no more replies."))
    body = _clean_body(body)
    earlier = _post_already_sent(user=user, body=body, submission_key=submission_key)
    if earlier is not None:
        return earlier
    post = _create_post(
        thread=thread, user=user, body=body, files=files, submission_key=submission_key
    )
    thread.last_post_at = post.created_at
    thread.save(update_fields=["last_post_at"])
    enqueue_on_commit(notify_thread_reply, post.pk)
    return post


def _require_lead(*, user: User, forum: Forum, track: CapabilityTrack) -> None:
    """Refuse unless the user leads the coalition (forums/committee.py)."""
    if not can_lead_coalition(user, forum, track):
        raise PermissionDenied(_("Only the coalition's lead country team does this."))


def _lead_team_label(user: User, forum: Forum, track: CapabilityTrack) -> str:
    """Which seat the lead acted from, for the audit log."""
    return str(track.lead_country or "") if not user.can_organise else "chair"


def _audit_lead_action(
    *, action: str, user: User, forum: Forum, track: CapabilityTrack, target, data: dict
) -> None:
    audit_record(
        action=action,
        actor=user,
        target=target,
        data={"track": track.slug, "as": _lead_team_label(user, forum, track), **data},
    )


def post_set_hidden(*, moderator: User, post: Post, hidden: bool) -> Post:
    """Hide a post (or show it again): the coalition's lead team or the chair's organisers."""
    thread = post.thread
    _require_lead(user=moderator, forum=thread.forum, track=thread.track)
    post.is_hidden = hidden
    post.hidden_by = moderator if hidden else None
    post.hidden_at = timezone.now() if hidden else None
    post.save(update_fields=["is_hidden", "hidden_by", "hidden_at"])
    _audit_lead_action(
        action=AuditEntry.Action.COALITION_MODERATED,
        user=moderator,
        forum=thread.forum,
        track=thread.track,
        target=post,
        data={"hidden": hidden, "thread": thread.pk},
    )
    return post


def thread_set_locked(*, moderator: User, thread: Thread, locked: bool) -> Thread:
    """Lock a thread (or open it again): the coalition's lead team or the chair's organisers."""
    _require_lead(user=moderator, forum=thread.forum, track=thread.track)
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    _audit_lead_action(
        action=AuditEntry.Action.COALITION_MODERATED,
        user=moderator,
        forum=thread.forum,
        track=thread.track,
        target=thread,
        data={"locked": locked},
    )
    return thread


@transaction.atomic
def coalition_page_curate(
    *,
    user: User,
    forum: Forum,
    track: CapabilityTrack,
    pinned_note: str,
    featured: Sequence[CooperationProfile],
) -> CoalitionPage:
    """Set the coalition page's pinned note and featured needs and offers (lead team).

    Only what the page lists may be featured: a published need or offer of an approved,
    listed member of the coalition; anything else is refused by name, not dropped."""
    _require_lead(user=user, forum=forum, track=track)
    pinned_note = text_within(pinned_note, model=CoalitionPage, field="pinned_note")
    allowed = set(
        coalition_curatable_profiles(user=user, forum=forum, track=track).values_list(
            "pk", flat=True
        )
    )
    refused = [profile.title for profile in featured if profile.pk not in allowed]
    if refused:
        raise ValidationError(
            {
                "featured": _("Not a published need or offer of this coalition: %(titles)s.")
                % {"titles": ", ".join(refused)}
            }
        )
    page, _created = CoalitionPage.objects.get_or_create(forum=forum, track=track)
    page.pinned_note = pinned_note
    page.save(update_fields=["pinned_note", "updated_at"])
    page.featured.set(featured)
    _audit_lead_action(
        action=AuditEntry.Action.COALITION_CURATED,
        user=user,
        forum=forum,
        track=track,
        target=page,
        data={"featured": sorted(profile.pk for profile in featured), "note": bool(pinned_note)},
    )
    return page


def coalition_figures_open(*, user: User, forum: Forum, track: CapabilityTrack) -> dict[str, int]:
    """The coalition's meeting figures for its lead team; each look is recorded."""
    _require_lead(user=user, forum=forum, track=track)
    figures = coalition_meeting_figures(forum=forum, track=track)
    _audit_lead_action(
        action=AuditEntry.Action.COALITION_FIGURES_VIEWED,
        user=user,
        forum=forum,
        track=track,
        target=track,
        data={},
    )
    return figures


def post_report(*, user: User, post: Post, reason: str) -> PostReport:
    """A member reports a post as abusive; one open report per person and post."""
    _require_member(user=user, forum=post.thread.forum, track=post.thread.track)
    reason = text_within(reason, model=PostReport, field="reason")
    if not reason:
        raise ValidationError({"reason": _("Say what is wrong with this post.")})
    existing = PostReport.objects.filter(post=post, reporter=user, status=ReportStatus.OPEN).first()
    if existing:
        return existing
    return PostReport.objects.create(post=post, reporter=user, reason=reason)


@transaction.atomic
def report_resolve(*, moderator: User, report: PostReport, hide_post: bool) -> PostReport:
    """Close a report, hiding the post or dismissing the report; other open reports follow."""
    require_organiser(moderator)
    if hide_post:
        post_set_hidden(moderator=moderator, post=report.post, hidden=True)
    status = ReportStatus.ACTED_ON if hide_post else ReportStatus.DISMISSED
    now = timezone.now()
    reports = PostReport.objects.filter(post=report.post, status=ReportStatus.OPEN)
    if not hide_post:
        reports = reports.filter(pk=report.pk)
    reports.update(status=status, resolved_by=moderator, resolved_at=now)
    report.refresh_from_db()
    return report


def thread_reply_notify(*, post: Post) -> list[str]:
    """Tell the earlier participants of the thread about a reply, each in their language;
    returns the addresses of those told."""
    if post.is_hidden:
        return []
    told = []
    for user in thread_participants_to_notify(post=post):
        if not coalition_is_member(user=user, forum=post.thread.forum, track=post.thread.track):
            continue
        if notification_send(
            user=user,
            kind=NotificationKind.THREAD_REPLY,
            dedupe_key=f"post:{post.pk}:reply",
            build=templates_message(
                recipient=user,
                subject_template="community/email/reply_subject.txt",
                body_template="community/email/reply_body.txt",
                context={"post": post, "thread": post.thread},
            ),
        ):
            told.append(user.email)
    return told
