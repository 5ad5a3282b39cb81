"""What a person was told, and how they want to be told.

Every notification is recorded with a dedupe key, unique per person: the same event
(or the same reminder on the same day) is never recorded, nor sent, twice. The recorded
rows are the person's notification centre too, unread until `read_at` is set.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("One e-mail per event")
    DIGEST = "digest", _("One daily digest")


#: Minutes before each meeting that its attendees are reminded, unless they chose otherwise.
DEFAULT_REMINDER_MINUTES = 15
#: The leads a person may choose; 0 turns the reminders (and the calendar alarms) off.
REMINDER_CHOICES = [
    (0, _("No reminders")),
    (5, _("5 minutes before")),
    (10, _("10 minutes before")),
    (15, _("15 minutes before")),
    (30, _("30 minutes before")),
    (60, _("1 hour before")),
    (120, _("2 hours before")),
]


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        _("e-mail delivery"), max_length=12, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    reminder_minutes = models.PositiveSmallIntegerField(
        _("reminder before each meeting"),
        choices=REMINDER_CHOICES,
        default=DEFAULT_REMINDER_MINUTES,
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
    MEETING_ATTENDEE = "meeting_attendee", _("Colleague added to or removed from a meeting")
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
    # The page the notification is about (a path on this site), opened from the centre.
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(fields=["user", "dedupe_key"], name="notification_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"
