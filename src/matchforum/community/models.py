"""Experience exchange inside a capability coalition: threads, posts, attachments, reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import BoundedTextField
from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.organisations.models import Organisation


class ThreadKind(models.TextChoices):
    LESSONS = "lessons", _("Lessons learned")
    REQUIREMENTS = "requirements", _("Requirements")
    TEST_RESULTS = "test_results", _("Test results")
    OTHER = "other", _("Other")


class Thread(models.Model):
    """A discussion among the vetted members of one coalition at one forum."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="threads")
    track = models.ForeignKey(CapabilityTrack, on_delete=models.CASCADE, related_name="threads")
    kind = models.CharField(_("kind"), max_length=16, choices=ThreadKind.choices)
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="threads"
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(_("last post"))

    class Meta:
        ordering = ["-last_post_at", "-pk"]
        indexes = [models.Index(fields=["forum", "track", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """One message of a thread; the first post opens the thread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_posts"
    )
    author_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = BoundedTextField(_("message"), max_length=10000)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The one-time key of the form the post was sent from: sending the same form twice
    # (a double click, a resent request) makes one post ("" for posts made otherwise).
    submission_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="post_one_per_submission",
            )
        ]

    def __str__(self) -> str:
        return f"{self.thread}: {self.author}"


class Attachment(models.Model):
    """A file attached to a post; its type was checked on its content, not its name."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="community/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    ACTED_ON = "acted_on", _("Post hidden")


class PostReport(models.Model):
    """A delegate's report that a post is abusive; organisers work through the queue."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = BoundedTextField(_("reason"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(status="open"),
                name="report_one_open_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.post} ({self.status})"


class CoalitionPage(models.Model):
    """What the coalition's lead team puts on its page: a pinned note, featured items."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="coalition_pages")
    track = models.ForeignKey(
        CapabilityTrack, on_delete=models.CASCADE, related_name="coalition_pages"
    )
    pinned_note = BoundedTextField(_("pinned note"), max_length=2000, blank=True)
    featured = models.ManyToManyField(
        CooperationProfile,
        blank=True,
        related_name="+",
        verbose_name=_("featured needs and offers"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["forum", "track"], name="coalition_page_one_per_track")
        ]

    def __str__(self) -> str:
        return f"{self.track} at {self.forum}"
