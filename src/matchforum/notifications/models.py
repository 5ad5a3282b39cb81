"""What a person was told, and how they want to be told.

Every notification is recorded with a dedupe key, unique per person: the same event
(or the same reminder on the same day) is never recorded, nor sent, twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("One e-mail per event")
    DIGEST = "digest", _("One daily digest")


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        _("e-mail delivery"), max_length=12, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )

    def __str__(self) -> str:
        return f"{self.user}: {self.delivery}"


class NotificationKind(models.TextChoices):
    REQUEST_RECEIVED = "request_received", _("Meeting request received")
    REQUEST_ACCEPTED = "request_accepted", _("Meeting request accepted")
    REQUEST_DECLINED = "request_declined", _("Meeting request declined")
    REQUEST_EXPIRED = "request_expired", _("Meeting request expired")
    SCHEDULE_PUBLISHED = "schedule_published", _("Schedule published")
    MEETING_MOVED = "meeting_moved", _("Meeting moved")
    MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
    MEETING_RESTORED = "meeting_restored", _("Cancelled meeting restored")
    MEETING_MOVE_PROPOSED = "meeting_move_proposed", _("Proposal to move a meeting")
    MEETING_MOVE_DECLINED = "meeting_move_declined", _("Proposal to move a meeting declined")
    REMINDER = "reminder", _("Reminder")
    THREAD_REPLY = "thread_reply", _("Reply in a coalition thread")
    TRAINING_REQUEST = "training_request", _("Request to join a training programme")
    TRAINING_DECISION = "training_decision", _("Answer to a training request")
    FOLLOW_UP_SURVEY = "follow_up_survey", _("Follow-up survey")
    DIGEST = "digest", _("Daily digest")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    dedupe_key = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "dedupe_key"], name="notification_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"
