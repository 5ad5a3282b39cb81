"""Writes of annexes and their NDA: attach, set the text, accept, open, revoke.

Every refusal is a PermissionDenied or a ValidationError with a message for the person;
the views only translate them into pages. Acceptances, downloads, revocations and
re-openings go to the audit log.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.community.attachments import attachment_check, attachment_name
from matchforum.core.text_limits import text_within
from matchforum.marketplace.models import CooperationProfile, Side
from matchforum.meetings.gating import organisation_may_act_check
from matchforum.organisations.models import Delegate, Organisation

from .models import Annex, NdaAcceptance, OrganisationNda, text_version
from .selectors import (
    acceptance_current,
    acceptance_open,
    annex_may_open,
    annex_offer_visible,
    nda_text,
)


def annex_max_bytes() -> int:
    return int(getattr(settings, "MATCHFORUM_ANNEX_MAX_BYTES", 25 * 1024 * 1024))


def _check_owner(editor: Delegate, organisation_id: int) -> None:
    if editor.organisation_id != organisation_id:
        raise PermissionDenied(_("Only the organisation's own delegates manage its annexes."))


@transaction.atomic
def annex_create(
    *,
    offer: CooperationProfile,
    editor: Delegate,
    title: str,
    upload: UploadedFile | None = None,
    text: str = "",
) -> Annex:
    """Attach a file or a text (exactly one) to one of the editor's organisation's offers."""
    _check_owner(editor, offer.organisation_id)
    if offer.side != Side.OFFER:
        raise ValidationError(_("Annexes belong to offers, not to needs."))
    title = text_within(title, model=Annex, field="title")
    if not title:
        raise ValidationError({"title": _("Give the annex a title.")})
    text = text_within(text, model=Annex, field="text")
    if (upload is None) == (not text):
        raise ValidationError(_("Attach a file or write a text: one of the two."))
    annex = Annex(profile=offer, title=title)
    if upload is not None:
        try:
            name = attachment_name(upload)
            kind = attachment_check(upload, max_bytes=annex_max_bytes())
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        annex.file = upload
        annex.original_name = name
        annex.content_type = kind.content_type
        annex.size = upload.size
    else:
        annex.text = text
        annex.size = len(text.encode("utf-8"))
    annex.save()
    return annex


@transaction.atomic
def annex_delete(*, annex: Annex, editor: Delegate) -> None:
    _check_owner(editor, annex.profile.organisation_id)
    stored = annex.file.name if annex.file else ""
    annex.delete()
    if stored:
        storage = annex.file.storage
        transaction.on_commit(lambda: storage.delete(stored))


def organisation_nda_set(*, organisation: Organisation, editor: Delegate, text: str) -> None:
    """Set (or, with an empty text, drop) the organisation's own NDA text.

    A changed text is a new version: earlier acceptances no longer open the annexes."""
    _check_owner(editor, organisation.pk)
    text = text_within(text, model=OrganisationNda, field="text")
    if not text:
        OrganisationNda.objects.filter(organisation=organisation).delete()
        return
    OrganisationNda.objects.update_or_create(organisation=organisation, defaults={"text": text})


def _check_viewer(*, delegate: Delegate, offer: CooperationProfile) -> None:
    if delegate.organisation.forum_id != offer.organisation.forum_id:
        raise PermissionDenied(_("This offer is not at your forum."))
    organisation_may_act_check(organisation=delegate.organisation)
    if not annex_offer_visible(delegate.user, offer):
        raise PermissionDenied(_("You cannot see this offer."))


@transaction.atomic
def nda_accept(
    *,
    offer: CooperationProfile,
    delegate: Delegate,
    signer_name: str,
    signer_organisation: str,
    text_sha256: str,
) -> NdaAcceptance:
    """Record that the delegate, named, accepted the NDA for their named organisation.

    `text_sha256` is the version of the text the person was shown: if the text changed
    meanwhile, they are asked to read it again (nothing is accepted unseen)."""
    if delegate.organisation_id == offer.organisation_id:
        raise ValidationError(_("Your own organisation's annexes need no NDA."))
    _check_viewer(delegate=delegate, offer=offer)
    text = nda_text(offer=offer)
    if not text:
        raise ValidationError(_("This organisation has no NDA text yet; its annexes stay closed."))
    if text_version(text) != text_sha256:
        raise ValidationError(_("The NDA text has changed since you opened it; read it again."))
    current = acceptance_current(offer=offer, organisation=delegate.organisation)
    if current is not None and current.revoked_at is not None and not current.may_accept_again:
        raise PermissionDenied(
            _("The organisation revoked your organisation's access to these annexes.")
        )
    if acceptance_open(current, offer=offer):
        return current
    signer_name = text_within(signer_name, model=NdaAcceptance, field="signer_name")
    signer_organisation = text_within(
        signer_organisation, model=NdaAcceptance, field="signer_organisation"
    )
    errors = {}
    if not signer_name:
        errors["signer_name"] = _("Give your full name.")
    if not signer_organisation:
        errors["signer_organisation"] = _("Give the name of the organisation you accept for.")
    if errors:
        raise ValidationError(errors)
    acceptance = NdaAcceptance.objects.create(
        profile=offer,
        organisation=delegate.organisation,
        accepted_by=delegate.user,
        signer_name=signer_name,
        signer_organisation=signer_organisation,
        text=text,
        text_sha256=text_version(text),
    )
    audit_record(
        action=AuditEntry.Action.ANNEX_NDA_ACCEPTED,
        actor=delegate.user,
        actor_organisation=delegate.organisation,
        organisation=offer.organisation,
        target=offer,
        data={"text_sha256": acceptance.text_sha256, "signer_name": signer_name},
    )
    return acceptance


def annex_open(*, annex: Annex, delegate: Delegate, request: HttpRequest | None = None) -> Annex:
    """Check that the delegate may open the annex now and record the download.

    The owner's own delegates open their annexes without an NDA (and unrecorded)."""
    offer = annex.profile
    if delegate.organisation_id == offer.organisation_id:
        return annex
    _check_viewer(delegate=delegate, offer=offer)
    if not annex_may_open(delegate=delegate, offer=offer):
        current = acceptance_current(offer=offer, organisation=delegate.organisation)
        if current is not None and current.revoked_at is not None:
            raise PermissionDenied(
                _("The organisation revoked your organisation's access to these annexes.")
            )
        raise PermissionDenied(_("Accept the NDA before opening the annexes."))
    audit_record(
        action=AuditEntry.Action.ANNEX_DOWNLOADED,
        actor=delegate.user,
        actor_organisation=delegate.organisation,
        organisation=offer.organisation,
        target=annex,
        request=request,
        data={"name": annex.original_name or annex.title},
    )
    return annex


def _owned_acceptance(acceptance: NdaAcceptance, editor: Delegate) -> None:
    _check_owner(editor, acceptance.profile.organisation_id)


@transaction.atomic
def nda_access_revoke(*, acceptance: NdaAcceptance, editor: Delegate) -> NdaAcceptance:
    """Close the annexes to the acceptance's organisation: further downloads refused."""
    _owned_acceptance(acceptance, editor)
    if acceptance.revoked_at is None:
        acceptance.revoked_at = timezone.now()
        acceptance.revoked_by = editor.user
        acceptance.may_accept_again = False
        acceptance.save(update_fields=["revoked_at", "revoked_by", "may_accept_again"])
        audit_record(
            action=AuditEntry.Action.ANNEX_ACCESS_REVOKED,
            actor=editor.user,
            actor_organisation=editor.organisation,
            organisation=acceptance.profile.organisation,
            target=acceptance.profile,
            data={"revoked_organisation": acceptance.organisation.name},
        )
    return acceptance


@transaction.atomic
def nda_access_allow_again(*, acceptance: NdaAcceptance, editor: Delegate) -> NdaAcceptance:
    """Let a revoked organisation accept the NDA anew (access opens only on acceptance)."""
    _owned_acceptance(acceptance, editor)
    if acceptance.revoked_at is None:
        raise ValidationError(_("This access is not revoked."))
    if not acceptance.may_accept_again:
        acceptance.may_accept_again = True
        acceptance.save(update_fields=["may_accept_again"])
        audit_record(
            action=AuditEntry.Action.ANNEX_ACCESS_REOPENED,
            actor=editor.user,
            actor_organisation=editor.organisation,
            organisation=acceptance.profile.organisation,
            target=acceptance.profile,
            data={"reopened_organisation": acceptance.organisation.name},
        )
    return acceptance


def annex_filename(annex: Annex) -> str:
    """The name the download carries: the file's own, or the title as a text file."""
    if annex.is_file:
        return annex.original_name
    return f"{PurePath(annex.title).name[:180] or 'annex'}.txt"
