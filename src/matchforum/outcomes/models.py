"""What came of a meeting, recorded by each side, and the follow-up survey months later.

Private to the recording organisation and the organisers: selectors and views never show
one organisation's outcome to the other side.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import BoundedTextField
from matchforum.meetings.models import Meeting
from matchforum.organisations.models import Delegate, Organisation


class OutcomeKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up agreed")
    NDA = "nda", _("Non-disclosure agreement")
    LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
    CONTRACT = "contract", _("Contract")
    INVESTMENT = "investment", _("Investment")
    NO_INTEREST = "no_interest", _("No interest")


class MeetingOutcome(models.Model):
    """One organisation's record of one meeting (one per side; editable until the survey)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    recorded_by = models.ForeignKey(
        Delegate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=OutcomeKind.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = BoundedTextField(_("private note"), blank=True, max_length=2000)
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="outcome_one_per_side"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="outcome_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_outcome_display()}"


class FollowUpSurvey(models.Model):
    """A survey sent to one side of a meeting some months after the forum."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="surveys")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="surveys")
    months_after = models.PositiveSmallIntegerField(_("months after the forum"))
    token = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        _("what came of it"), max_length=20, choices=OutcomeKind.choices, blank=True
    )
    note = BoundedTextField(_("anything to add"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation", "months_after"], name="survey_once"
            )
        ]

    def __str__(self) -> str:
        return f"Survey {self.months_after} months: {self.meeting}"
