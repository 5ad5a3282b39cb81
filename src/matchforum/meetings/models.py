"""Meeting requests between organisations and the meetings they lead to.

The live placement of a meeting (slot, table or online) is held here, on the
meeting and its seats, so the database itself refuses a double booking:
a table serves one meeting per slot, and a delegate sits in one seat per slot.
Schedule versions (in `schedules`) are snapshots of these placements.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import BoundedTextField
from matchforum.forums.models import Forum, Session, Slot, Table
from matchforum.organisations.models import Delegate, Organisation


class SessionWish(models.TextChoices):
    ANY = "any", _("Any time")
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")


class Priority(models.IntegerChoices):
    NICE = 1, _("Nice to meet")
    MUST = 3, _("Must meet")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class MeetingRequest(models.Model):
    """A delegate asks another organisation for a meeting."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meeting_requests")
    sender = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="sent_requests")
    sender_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="received_requests"
    )
    recipient = models.ForeignKey(
        Delegate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="received_requests",
        help_text=_("A specific delegate, or anyone of the organisation."),
    )
    # The recipient's offer or need the request is about, when the sender names one; the
    # forum's classification rules say who may (marketplace/visibility.py).
    about = models.ForeignKey(
        "marketplace.CooperationProfile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_requests",
        verbose_name=_("about"),
    )
    # The pair, ordered by id, so that one open request per pair is a plain unique index.
    pair_low = models.PositiveBigIntegerField(editable=False)
    pair_high = models.PositiveBigIntegerField(editable=False)
    message = BoundedTextField(_("message"), max_length=1000, blank=True)
    session_wish = models.CharField(
        _("session wish"), max_length=12, choices=SessionWish.choices, default=SessionWish.ANY
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NICE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decline_reason = BoundedTextField(_("reason"), max_length=1000, blank=True)
    responded_by = models.ForeignKey(
        Delegate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["forum", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "pair_low", "pair_high"],
                condition=Q(status="pending"),
                name="request_one_open_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(sender_organisation=F("recipient_organisation")),
                name="request_not_to_self",
            ),
            models.CheckConstraint(
                condition=Q(pair_low__lt=F("pair_high")), name="request_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender_organisation} → {self.recipient_organisation}"


class MeetingStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted, not yet scheduled")
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")


ACTIVE_MEETING_STATUSES = [MeetingStatus.ACCEPTED, MeetingStatus.SCHEDULED, MeetingStatus.HELD]


class MeetingMode(models.TextChoices):
    ONSITE = "onsite", _("At a table")
    ONLINE = "online", _("Online")


def room_token_new() -> str:
    """An unguessable online room name part (not the sequential id)."""
    return secrets.token_urlsafe(18)


class Meeting(models.Model):
    """A 1:1 meeting between two delegates of two organisations."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(
        MeetingRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="meeting"
    )
    organisation_a = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    organisation_b = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    delegate_a = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+")
    delegate_b = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+")
    pair_low = models.PositiveBigIntegerField(editable=False)
    pair_high = models.PositiveBigIntegerField(editable=False)
    session_wish = models.CharField(
        max_length=12, choices=SessionWish.choices, default=SessionWish.ANY
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NICE)
    mode = models.CharField(max_length=8, choices=MeetingMode.choices, default=MeetingMode.ONSITE)
    status = models.CharField(
        max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.ACCEPTED
    )
    pinned_slot = models.ForeignKey(
        Slot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pinned_table = models.ForeignKey(
        Table, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    allowed_session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    table = models.ForeignKey(
        Table, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    is_walk_in = models.BooleanField(default=False)
    room_token = models.CharField(
        max_length=32, unique=True, default=room_token_new, editable=False
    )
    # A cancellation keeps slot and table, so that its canceller can undo it while free.
    cancel_reason = BoundedTextField(_("reason for cancelling"), max_length=1000, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slot__starts_at", "pk"]
        indexes = [models.Index(fields=["forum", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(table__isnull=False) & ~Q(status="cancelled"),
                name="meeting_one_per_table_slot",
            ),
            models.UniqueConstraint(
                fields=["forum", "pair_low", "pair_high"],
                condition=~Q(status="cancelled"),
                name="meeting_one_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(delegate_a=F("delegate_b")), name="meeting_two_delegates"
            ),
            models.CheckConstraint(
                condition=~Q(organisation_a=F("organisation_b")),
                name="meeting_two_organisations",
            ),
            models.CheckConstraint(
                condition=Q(table__isnull=True) | Q(slot__isnull=False),
                name="meeting_table_needs_slot",
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(slot__isnull=False),
                name="meeting_scheduled_has_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_a} × {self.organisation_b}"


class MeetingSeat(models.Model):
    """A delegate's place in a placed meeting: one seat per delegate and slot."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="seats")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="seats")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delegate", "slot"], name="seat_one_per_delegate_slot"),
            models.UniqueConstraint(fields=["meeting", "delegate"], name="seat_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.delegate} @ {self.slot}"


class MoveStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MeetingMoveProposal(models.Model):
    """One side asks to move a placed meeting to a free slot; the other side answers."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="move_proposals")
    proposed_by = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=MoveStatus.choices, default=MoveStatus.PENDING)
    responded_by = models.ForeignKey(
        Delegate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(status="pending"),
                name="move_one_open_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} → {self.slot}"


class MeetingAttendee(models.Model):
    """A colleague a side brings to its meeting, besides the two delegates who agreed it.

    The scheduler treats attendees as it treats the two sides (their availability, their
    other meetings, their cap); a placed meeting gives each attendee a seat too, so the
    database refuses to put them in two meetings at once."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    delegate = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, related_name="meeting_attendances"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "delegate"], name="attendee_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegate} + {self.meeting}"
