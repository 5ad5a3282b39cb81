"""Scheduling runs (background solver jobs) and published schedule versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from matchforum.forums.models import Forum


class RunKind(models.TextChoices):
    SOLVE = "solve", _("Full schedule")
    REPAIR = "repair", _("Repair of the published schedule")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class SchedulingRun(models.Model):
    """One solver job with its options, live progress and result."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="scheduling_runs")
    kind = models.CharField(max_length=8, choices=RunKind.choices, default=RunKind.SOLVE)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    summary = models.JSONField(
        default=dict,
        blank=True,
        help_text="The result's figures without its placements and changes (results.py)",
    )
    error = models.TextField(blank=True)
    cancel_requested = models.BooleanField(default=False)
    base_version = models.ForeignKey(
        "ScheduleVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Run {self.pk} ({self.get_status_display()})"


class VersionStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class ScheduleVersion(models.Model):
    """A published schedule: a numbered snapshot of every meeting's placement."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="schedule_versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=VersionStatus.choices)
    run = models.ForeignKey(
        SchedulingRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="versions"
    )
    placements = models.JSONField(
        default=list, help_text="[{meeting, slot, table, online}] at publication"
    )
    statistics = models.JSONField(default=dict, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "number"], name="version_unique_number"),
            models.UniqueConstraint(
                fields=["forum"],
                condition=models.Q(status="published"),
                name="version_one_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forum} v{self.number}"
