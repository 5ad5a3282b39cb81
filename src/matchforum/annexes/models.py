"""Technical annexes of an offer, the NDA that opens them, and who accepted it.

An annex is a file or a text attached to an offer. Others see that it exists (title,
size); its content opens only to a person who accepted the NDA for that offer on behalf
of their organisation. Each acceptance keeps the exact text accepted and its SHA-256, so
a changed text needs a new acceptance. Downloads are written to the audit log.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import BoundedTextField
from matchforum.marketplace.models import CooperationProfile
from matchforum.organisations.models import Organisation

from .storage import private_storage

NDA_TEXT_MAX = 20000


def text_version(text: str) -> str:
    """The version of an NDA text: the SHA-256 of its exact characters."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Annex(models.Model):
    """A file or a text attached to an offer, opened only under the NDA."""

    profile = models.ForeignKey(
        CooperationProfile, on_delete=models.CASCADE, related_name="annexes"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(storage=private_storage, upload_to="annexes/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    text = BoundedTextField(_("text"), max_length=20000, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")

    def __str__(self) -> str:
        return self.title

    @property
    def is_file(self) -> bool:
        return bool(self.file)


class OrganisationNda(models.Model):
    """An organisation's own NDA for its annexes (else the forum's template applies)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="annex_nda"
    )
    text = BoundedTextField(_("NDA text"), max_length=NDA_TEXT_MAX)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"NDA of {self.organisation}"


class NdaAcceptance(models.Model):
    """One person's acceptance, for their organisation, of the NDA of one offer.

    The newest row of (offer, organisation) decides access: open while not revoked and
    accepted on the text now in force. After a revocation a new acceptance is possible
    only when the owner allowed it again (`may_accept_again`).
    """

    profile = models.ForeignKey(
        CooperationProfile, on_delete=models.CASCADE, related_name="nda_acceptances"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="nda_acceptances"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nda_acceptances"
    )
    signer_name = models.CharField(_("your full name"), max_length=200)
    signer_organisation = models.CharField(_("on behalf of"), max_length=200)
    text = BoundedTextField(_("NDA text accepted"), max_length=NDA_TEXT_MAX)
    text_sha256 = models.CharField(_("version of the text (SHA-256)"), max_length=64)
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    may_accept_again = models.BooleanField(_("may accept again"), default=False)

    class Meta:
        ordering = ["-accepted_at", "-pk"]
        indexes = [models.Index(fields=["profile", "organisation", "-accepted_at"])]

    def __str__(self) -> str:
        return f"{self.signer_name} ({self.signer_organisation}): {self.profile}"
