"""Reads of annexes: who may see that an offer has annexes, who may open them.

Whether a viewer may see an offer at all is the marketplace's rule
(`annex_offer_visible` asks `marketplace_organisation`, the selector of the organisation
page that lists the offers); the NDA rules come on top of it.
"""

from __future__ import annotations

from django.db.models import QuerySet

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.marketplace.models import CooperationProfile, Side
from matchforum.marketplace.selectors import marketplace_organisation
from matchforum.meetings.gating import organisations_approved
from matchforum.organisations.models import Delegate, Organisation

from .models import Annex, NdaAcceptance, OrganisationNda, text_version


def annex_offer_visible(viewer: User, offer: CooperationProfile) -> bool:
    """Whether `viewer` may see this offer (and so that it has annexes): the marketplace's
    rule for which offers a viewer sees, the one place to change it."""
    if offer.side != Side.OFFER or not offer.is_active:
        return False
    organisation = marketplace_organisation(
        user=viewer, forum=offer.organisation.forum, pk=offer.organisation_id
    )
    return organisation is not None and any(
        shown.pk == offer.pk for shown in organisation.shown_profiles
    )


def offer_get(*, pk: int) -> CooperationProfile | None:
    return (
        CooperationProfile.objects.filter(pk=pk, side=Side.OFFER)
        .select_related("organisation__forum")
        .first()
    )


def annexes_of(*, offer: CooperationProfile) -> QuerySet[Annex]:
    return Annex.objects.filter(profile=offer).defer("text")


def annex_get(*, pk: int) -> Annex | None:
    return Annex.objects.filter(pk=pk).select_related("profile__organisation__forum").first()


def nda_text(*, offer: CooperationProfile) -> str:
    """The NDA in force for the offer's annexes: its organisation's, else the forum's
    template ("" when neither is set; then nobody can accept)."""
    own = OrganisationNda.objects.filter(organisation_id=offer.organisation_id).first()
    if own is not None and own.text:
        return own.text
    return offer.organisation.forum.nda_template


def organisation_nda(*, organisation: Organisation) -> OrganisationNda | None:
    return OrganisationNda.objects.filter(organisation=organisation).first()


def acceptance_current(
    *, offer: CooperationProfile, organisation: Organisation
) -> NdaAcceptance | None:
    """The newest acceptance of the offer's NDA by the organisation, if any."""
    return NdaAcceptance.objects.filter(profile=offer, organisation=organisation).first()


def acceptance_open(acceptance: NdaAcceptance | None, *, offer: CooperationProfile) -> bool:
    """Whether the acceptance opens the annexes: not revoked, of the text now in force."""
    return (
        acceptance is not None
        and acceptance.revoked_at is None
        and acceptance.text_sha256 == text_version(nda_text(offer=offer))
    )


def annex_may_open(*, delegate: Delegate, offer: CooperationProfile) -> bool:
    """Whether the delegate may open the offer's annexes now: they see the offer, both
    organisations are approved (meetings/gating.py), and their organisation's acceptance
    is open."""
    if delegate.organisation_id == offer.organisation_id:
        return True
    if not organisations_approved(delegate.organisation, offer.organisation):
        return False
    if not annex_offer_visible(delegate.user, offer):
        return False
    current = acceptance_current(offer=offer, organisation=delegate.organisation)
    return acceptance_open(current, offer=offer)


def acceptances_of(*, offer: CooperationProfile) -> QuerySet[NdaAcceptance]:
    """Every acceptance of the offer's NDA, newest first (the owner's list)."""
    return NdaAcceptance.objects.filter(profile=offer).select_related("organisation", "accepted_by")


def downloads_of(*, offer: CooperationProfile) -> QuerySet[AuditEntry]:
    """Every opening of one of the offer's annexes: who, which organisation, when."""
    annex_ids = [str(pk) for pk in Annex.objects.filter(profile=offer).values_list("pk", flat=True)]
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.ANNEX_DOWNLOADED,
        target_type=Annex._meta.label,
        target_id__in=annex_ids,
    ).select_related("actor", "actor_organisation")


def own_offers_with_annexes(*, organisation: Organisation) -> QuerySet[CooperationProfile]:
    return CooperationProfile.objects.filter(organisation=organisation, side=Side.OFFER).order_by(
        "title"
    )
