"""Organisations taking part in a forum, their vetting and their delegates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from matchforum.core.text_limits import BoundedTextField
from matchforum.forums.models import CapabilityTrack, CommitteeTeam, Forum, Slot


class OrganisationKind(models.TextChoices):
    PRODUCER = "producer", _("Producer")
    INVESTOR = "investor", _("Investor")
    BUYER = "buyer", _("Government or military buyer")
    RESEARCH = "research", _("Research")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


class OrganisationSize(models.TextChoices):
    MICRO = "micro", _("1–9 people")
    SMALL = "small", _("10–49 people")
    MEDIUM = "medium", _("50–249 people")
    LARGE = "large", _("250 people or more")


class Accreditation(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    NEEDS_INFORMATION = "needs_information", _("Needs information")


class AccreditationLevel(models.TextChoices):
    """What the committee's vetting officer trusts the organisation with: the forum's rules
    on classified offers and needs ask for a level (marketplace/visibility.py)."""

    NONE = "none", _("None")
    BASIC = "basic", _("Basic")
    FULL = "full", _("Full")


#: The levels from lowest to highest: a rule asking for one is met by it and those above.
ACCREDITATION_LEVEL_ORDER = (
    AccreditationLevel.NONE,
    AccreditationLevel.BASIC,
    AccreditationLevel.FULL,
)


class Visibility(models.TextChoices):
    LISTED = "listed", _("Listed in the marketplace for vetted organisations")
    UNLISTED = "unlisted", _("Not listed; visible to organisations it meets")


class Organisation(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    description = BoundedTextField(_("description"), max_length=5000, blank=True)
    size = models.CharField(_("size"), max_length=8, choices=OrganisationSize.choices, blank=True)
    tracks = models.ManyToManyField(
        CapabilityTrack, related_name="organisations", blank=True, verbose_name=_("tracks")
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.LISTED
    )
    accreditation = models.CharField(
        _("accreditation"),
        max_length=20,
        choices=Accreditation.choices,
        default=Accreditation.PENDING,
    )
    accreditation_reason = BoundedTextField(
        _("reason given to the organisation"), max_length=2000, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # Granted only by organisation_set_accreditation_level (recorded and audited).
    accreditation_level = models.CharField(
        _("accreditation level"),
        max_length=8,
        choices=AccreditationLevel.choices,
        default=AccreditationLevel.NONE,
    )
    # Set only by a recorded move (organisation_move_team); empty means the team of its
    # country, or the chair when that country has none (forums/committee.py).
    committee_team = models.ForeignKey(
        CommitteeTeam,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moved_organisations",
        verbose_name=_("committee team"),
    )
    matching_opt_out = models.BooleanField(_("not in recommendations"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["forum", "accreditation"])]
        constraints = [
            models.UniqueConstraint(fields=["forum", "name"], name="organisation_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.accreditation == Accreditation.APPROVED


class AccreditationDecision(models.Model):
    """One entry of an organisation's vetting history (append-only)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="accreditation_history"
    )
    previous = models.CharField(max_length=20, choices=Accreditation.choices)
    decision = models.CharField(max_length=20, choices=Accreditation.choices)
    reason = BoundedTextField(max_length=2000, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The committee team the reviewer decided for (the chair or a country team).
    team = models.ForeignKey(
        CommitteeTeam, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.previous} → {self.decision}"


class AttendanceMode(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")
    EITHER = "either", _("Either")


class Delegate(models.Model):
    """A user acting for an organisation at a forum."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegates"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="delegates"
    )
    role = models.CharField(_("role in the organisation"), max_length=120, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    attendance = models.CharField(
        _("attends"), max_length=8, choices=AttendanceMode.choices, default=AttendanceMode.ONSITE
    )
    is_contact = models.BooleanField(_("main contact"), default=False)
    unavailable_slots = models.ManyToManyField(
        Slot, related_name="unavailable_delegates", blank=True, verbose_name=_("cannot attend")
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="delegate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class Invitation(models.Model):
    """A delegate invites a colleague by e-mail; the secret token opens the accept page."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role in the organisation"), max_length=120, blank=True)
    invited_by = models.ForeignKey(
        Delegate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class RegistrationImportState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RegistrationImport(models.Model):
    """A large registration list checked or imported in the worker, with its progress.

    The file's cells are kept as the JSON table it was read into, so the import runs on
    exactly what was checked; the report is the `ImportReport` as JSON.
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=255)
    table = models.JSONField(default=list)
    dry_run = models.BooleanField()
    approve = models.BooleanField(default=False)
    state = models.CharField(
        max_length=8,
        choices=RegistrationImportState.choices,
        default=RegistrationImportState.QUEUED,
    )
    organisations_done = models.PositiveIntegerField(default=0)
    organisations_total = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.state})"
