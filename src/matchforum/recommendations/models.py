"""Snapshots of the matcher's recommendations and the counterparts a delegate dismissed.

Recommendations are computed by a background task (never inside a request) and stored
here, so a page only reads rows.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from matchforum.forums.models import Forum
from matchforum.organisations.models import Delegate, Organisation


class Recommendation(models.Model):
    """One counterpart in an organisation's "you may want to meet" list."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="recommendations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="recommendations"
    )
    counterpart = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    score_ab = models.FloatField(help_text="How well the counterpart answers the organisation.")
    score_ba = models.FloatField(help_text="How well the organisation answers the counterpart.")
    explanation = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["organisation", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "counterpart"], name="recommendation_unique_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(organisation=models.F("counterpart")),
                name="recommendation_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.counterpart} (#{self.rank})"


class Dismissal(models.Model):
    """An organisation is "not interested" in a counterpart: never recommended again."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="dismissals"
    )
    counterpart = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    dismissed_by = models.ForeignKey(
        Delegate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dismissal")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "counterpart"], name="dismissal_unique_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ✕ {self.counterpart}"


class TextEmbedding(models.Model):
    """A cached text vector of the pretrained model, keyed by a hash of model and text.

    Shared by every forum: the same text under the same model always has the same vector, so
    an edit embeds only what changed and a restart embeds nothing it has seen.
    """

    key = models.CharField(max_length=64, primary_key=True)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key[:12]


class MatchingStatus(models.Model):
    """Progress of a forum's recommendation run, shown to organisers and delegates."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        EMBEDDING = "embedding", _("Reading the profiles")
        SCORING = "scoring", _("Scoring the pairs")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    forum = models.OneToOneField(Forum, on_delete=models.CASCADE, related_name="matching_status")
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    texts_done = models.PositiveIntegerField(default=0)
    texts_total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.forum}: {self.state}"
