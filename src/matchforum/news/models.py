"""Forum news: organisers' announcements and delegates' pre-moderated comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import BoundedTextField
from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.organisations.models import Organisation


class Article(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="articles")
    title = models.CharField(_("title"), max_length=200)
    body = BoundedTextField(_("text"), max_length=20000)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    tracks = models.ManyToManyField(
        CapabilityTrack, related_name="articles", blank=True, verbose_name=_("tracks")
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["forum", "is_published", "-published_at"])]

    def __str__(self) -> str:
        return self.title


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")


class Comment(models.Model):
    """A delegate's comment; shown to others only once an organiser approved it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="news_comments"
    )
    author_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    body = BoundedTextField(_("comment"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "status"])]

    def __str__(self) -> str:
        return f"{self.article}: {self.author_organisation}"
