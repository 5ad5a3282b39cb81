"""The secret behind a delegate's badge QR code; a new secret makes every older badge void."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from matchforum.forums.models import Forum
from matchforum.organisations.models import Delegate


class BadgeKey(models.Model):
    """Signed into the badge token with the delegate and forum ids: the signature stops
    forgeries, the random secret makes a lost badge revocable by issuing a new one."""

    delegate = models.OneToOneField(Delegate, on_delete=models.CASCADE, related_name="badge_key")
    secret = models.CharField(max_length=64, editable=False)
    issued_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Badge of {self.delegate}"


class BadgeBatchState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BadgeBatch(models.Model):
    """All badges of a forum as one PDF, made in the worker with its progress.

    The PDF is kept in the database, not in MEDIA_ROOT: it holds every delegate's badge
    token, nothing serves it but the organisers' download, and the worker need not share
    a disk with the web server. Starting a new batch deletes the forum's older ones.
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        max_length=8, choices=BadgeBatchState.choices, default=BadgeBatchState.QUEUED
    )
    badges_done = models.PositiveIntegerField(default=0)
    badges_total = models.PositiveIntegerField(default=0)
    pdf = models.BinaryField(default=b"", editable=False)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Badges of {self.forum} ({self.state})"
