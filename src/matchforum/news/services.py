"""Writes of forum news: publishing, commenting and moderating (pre-moderation)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.core.permissions import require_organiser
from matchforum.core.text_limits import text_within
from matchforum.forums.models import CapabilityTrack, Forum

from .models import Article, Comment, CommentStatus
from .selectors import commenter_delegate


def article_save(
    *,
    author: User,
    forum: Forum,
    title: str,
    body: str,
    language: str,
    tracks: Iterable[CapabilityTrack],
    is_published: bool,
    article: Article | None = None,
) -> Article:
    """Create or edit an announcement; publishing stamps the first publication time."""
    require_organiser(author)
    article = article or Article(forum=forum, author=author)
    article.title, article.body, article.language = title.strip(), body.strip(), language
    article.is_published = is_published
    if is_published and article.published_at is None:
        article.published_at = timezone.now()
    article.full_clean(exclude=["author"])
    article.save()
    article.tracks.set(tracks)
    return article


def comment_post(*, user: User, article: Article, body: str) -> Comment:
    """A vetted delegate comments on a published article; it waits for an organiser."""
    if not article.is_published:
        raise PermissionDenied("Comments only on published articles.")
    delegate = commenter_delegate(user=user, forum=article.forum)
    if delegate is None:
        raise PermissionDenied("Only delegates of approved organisations comment.")
    body = text_within(body, model=Comment, field="body")
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    return Comment.objects.create(
        article=article, author=user, author_organisation=delegate.organisation, body=body
    )


def comment_moderate(*, moderator: User, comment: Comment, status: str) -> Comment:
    require_organiser(moderator)
    if status not in {CommentStatus.APPROVED, CommentStatus.HIDDEN}:
        raise ValidationError(f"Unknown moderation decision {status!r}.")
    comment.status = status
    comment.moderated_by = moderator
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    return comment
