"""Training programmes: a cooperation profile of kind "training" with its dates and seats."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import BoundedTextField
from matchforum.marketplace.models import CooperationProfile, ProfileKind
from matchforum.organisations.models import Delegate, Organisation


class TrainingProgramme(models.Model):
    profile = models.OneToOneField(
        CooperationProfile,
        on_delete=models.CASCADE,
        related_name="training_programme",
        limit_choices_to={"kind": ProfileKind.TRAINING},
        verbose_name=_("offer"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    location = models.CharField(_("location"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("places"))
    language = models.CharField(
        _("language of instruction"), max_length=8, choices=settings.LANGUAGES
    )
    eligibility = BoundedTextField(_("who may take part"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="training_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="training_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.profile.title


class EnrolmentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class TrainingRequest(models.Model):
    """A delegate asks to join a programme; the provider accepts or declines."""

    programme = models.ForeignKey(
        TrainingProgramme, on_delete=models.CASCADE, related_name="requests"
    )
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    participants = models.PositiveSmallIntegerField(_("people"), default=1)
    message = BoundedTextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EnrolmentStatus.choices, default=EnrolmentStatus.PENDING
    )
    decided_by = models.ForeignKey(
        Delegate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "delegate"],
                condition=~Q(status="declined"),
                name="training_request_one_open_per_delegate",
            ),
            models.CheckConstraint(
                condition=Q(participants__gte=1), name="training_request_participants_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.programme}"
