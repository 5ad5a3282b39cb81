"""The audit log: who did what to which object, when and from where (never secrets)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        SIGN_IN = "auth.sign_in", _("Signed in")
        SIGN_IN_FAILED = "auth.sign_in_failed", _("Sign-in failed")
        SIGN_OUT = "auth.sign_out", _("Signed out")
        LOCKED_OUT = "auth.locked_out", _("Locked out after failed sign-ins")
        TOKEN_CREATED = "auth.token_created", _("API token created")
        TOKEN_REVOKED = "auth.token_revoked", _("API token revoked")
        ACCESS_DENIED = "access.denied", _("Access denied")
        NOT_FOUND = "access.not_found", _("Object not found or not visible")
        VETTING_DECISION = "vetting.decision", _("Accreditation decided")
        CLASSIFICATION_REVIEWED = (
            "classification.reviewed",
            _("Classification of an offer or need reviewed"),
        )
        CLASSIFICATION_RULES_CHANGED = (
            "classification.rules_changed",
            _("Classification rules changed"),
        )
        ACCREDITATION_LEVEL = "vetting.accreditation_level", _("Accreditation level granted")
        TEAM_MOVED = "committee.team_moved", _("Organisation moved to another committee team")
        COMMITTEE_CHANGED = "committee.changed", _("Organising committee changed")
        SCHEDULE_PUBLISHED = "schedule.published", _("Schedule published")
        MEETING_CANCELLED = "meeting.cancelled", _("Meeting cancelled")
        MEETING_RESTORED = "meeting.restored", _("Cancelled meeting restored")
        MEETING_ATTENDEE_ADDED = "meeting.attendee_added", _("Colleague added to a meeting")
        MEETING_ATTENDEE_REMOVED = "meeting.attendee_removed", _("Colleague removed from a meeting")
        MEETING_BOOKED = "meeting.booked", _("Meeting booked at acceptance")
        EXPORT = "data.export", _("Data exported")
        PROFILE_VIEWED = "organisation.viewed", _("Organisation profile viewed")
        ACCOUNT_DELETED = "account.deleted", _("Account deleted")
        DATA_PURGED = "data.purged", _("Personal data purged")
        DATE_RULE_OVERRIDDEN = "onsite.date_override", _("Recorded outside the forum's days")
        ANNEX_NDA_ACCEPTED = "annex.nda_accepted", _("NDA accepted for technical annexes")
        ANNEX_DOWNLOADED = "annex.downloaded", _("Technical annex opened")
        ANNEX_ACCESS_REVOKED = "annex.access_revoked", _("Access to technical annexes revoked")
        ANNEX_ACCESS_REOPENED = "annex.access_reopened", _("New NDA acceptance allowed")
        COALITION_MODERATED = "coalition.moderated", _("Coalition thread moderated")
        COALITION_CURATED = "coalition.curated", _("Coalition page curated")
        COALITION_FIGURES_VIEWED = "coalition.figures_viewed", _("Coalition meeting figures viewed")
        BADGE_RENEWED = "onsite.badge_renewed", _("Badge replaced")

    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor's organisation"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("organisation concerned"),
    )
    target_type = models.CharField(_("object type"), max_length=80, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_label = models.CharField(_("object"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "action"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
