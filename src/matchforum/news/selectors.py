"""Reads of forum news. Unpublished articles exist only for organisers."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from matchforum.accounts.models import User
from matchforum.forums.models import Forum
from matchforum.organisations.models import Accreditation, Delegate

from .models import Article, Comment, CommentStatus


def articles_visible_to(*, user: User, forum: Forum) -> QuerySet[Article]:
    articles = Article.objects.filter(forum=forum).prefetch_related("tracks")
    if user.is_authenticated and user.can_organise:
        return articles
    return articles.filter(is_published=True)


def article_get_visible(*, user: User, forum: Forum, pk: int) -> Article | None:
    return articles_visible_to(user=user, forum=forum).filter(pk=pk).first()


def article_comments_visible(*, user: User, article: Article) -> QuerySet[Comment]:
    """Approved comments; organisers see every comment, authors their own pending ones."""
    comments = article.comments.select_related("author", "author_organisation")
    if user.can_organise:
        return comments
    return comments.filter(
        Q(status=CommentStatus.APPROVED) | Q(author=user, status=CommentStatus.PENDING)
    )


def articles_related(*, article: Article, limit: int = 3) -> list[Article]:
    """'Read also': other published articles sharing the most tracks, newest first."""
    track_ids = list(article.tracks.values_list("pk", flat=True))
    if not track_ids:
        return []
    return list(
        Article.objects.filter(forum=article.forum, is_published=True, tracks__in=track_ids)
        .exclude(pk=article.pk)
        .annotate(shared=Count("tracks", filter=Q(tracks__in=track_ids)))
        .order_by("-shared", "-published_at", "-pk")[:limit]
    )


def commenter_delegate(*, user: User, forum: Forum) -> Delegate | None:
    """The delegate row that lets a user comment: a delegate of an approved organisation."""
    if not user.is_authenticated:
        return None
    return (
        Delegate.objects.filter(
            user=user, organisation__forum=forum, organisation__accreditation=Accreditation.APPROVED
        )
        .select_related("organisation")
        .first()
    )


def comments_awaiting_moderation(*, forum: Forum) -> QuerySet[Comment]:
    return (
        Comment.objects.filter(article__forum=forum, status=CommentStatus.PENDING)
        .select_related("article", "author", "author_organisation")
        .order_by("created_at", "pk")
    )
