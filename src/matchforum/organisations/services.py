"""Writes of organisations: registration, delegates and the vetting decisions."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.forums.models import CapabilityTrack, Forum

from .models import Accreditation, AccreditationDecision, Delegate, Organisation


@transaction.atomic
def organisation_register(
    *,
    forum: Forum,
    name: str,
    country: str,
    kind: str,
    contact: User,
    tracks: Iterable[CapabilityTrack] = (),
    role: str = "",
    **fields: object,
) -> Organisation:
    """Register an organisation with its first delegate; it waits for vetting."""
    if Organisation.objects.filter(forum=forum, name__iexact=name.strip()).exists():
        raise ValidationError({"name": "An organisation of this name is already registered."})
    organisation = Organisation(
        forum=forum, name=name.strip(), country=country, kind=kind, **fields
    )
    organisation.full_clean()
    organisation.save()
    organisation.tracks.set(tracks)
    Delegate.objects.create(user=contact, organisation=organisation, role=role, is_contact=True)
    return organisation


DECISIONS = {Accreditation.APPROVED, Accreditation.REJECTED, Accreditation.NEEDS_INFORMATION}


@transaction.atomic
def organisation_decide_accreditation(
    *, organisation: Organisation, reviewer: User, decision: str, reason: str = ""
) -> AccreditationDecision:
    """Approve, reject or ask for information; recorded in the history with who, when and why."""
    if not reviewer.can_vet:
        raise PermissionDenied("Only vetting officers and organisers decide accreditation.")
    if decision not in DECISIONS:
        raise ValidationError(f"Unknown accreditation decision {decision!r}.")
    if decision in {Accreditation.REJECTED, Accreditation.NEEDS_INFORMATION} and not reason.strip():
        raise ValidationError("Give the organisation a reason when rejecting or asking for more.")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    now = timezone.now()
    entry = AccreditationDecision.objects.create(
        organisation=organisation,
        previous=organisation.accreditation,
        decision=decision,
        reason=reason.strip(),
        reviewer=reviewer,
        decided_at=now,
    )
    organisation.accreditation = decision
    organisation.accreditation_reason = reason.strip()
    organisation.reviewed_by = reviewer
    organisation.reviewed_at = now
    organisation.save(
        update_fields=["accreditation", "accreditation_reason", "reviewed_by", "reviewed_at"]
    )
    audit_record(
        action=AuditEntry.Action.VETTING_DECISION,
        actor=reviewer,
        target=organisation,
        data={"previous": entry.previous, "decision": decision},
    )
    return entry


def delegate_add(
    *, organisation: Organisation, user: User, role: str = "", languages: list[str] | None = None
) -> Delegate:
    if Delegate.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError("This person is already a delegate of the organisation.")
    return Delegate.objects.create(
        organisation=organisation, user=user, role=role, languages=languages or []
    )
