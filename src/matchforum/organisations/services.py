"""Writes of organisations: registration, delegates and the vetting decisions."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.core.enqueue import enqueue_on_commit
from matchforum.core.links import site_url
from matchforum.forums.models import CapabilityTrack, Forum, Slot
from matchforum.meetings.services import meeting_requests_thaw
from matchforum.notifications.mail import address_mail_send
from matchforum.recommendations.tasks import recompute_organisation_recommendations

from .models import (
    Accreditation,
    AccreditationDecision,
    AttendanceMode,
    Delegate,
    Invitation,
    Organisation,
)
from .names import name_clean
from .selectors import organisation_name_clash
from .tasks import send_invitation_email

INVITATION_VALID_DAYS = 14


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
    name = name_clean(name)
    _name_clash_check(forum=forum, name=name)
    organisation = Organisation(forum=forum, name=name, country=country, kind=kind, **fields)
    organisation.full_clean()
    organisation.save()
    organisation.tracks.set(tracks)
    Delegate.objects.create(user=contact, organisation=organisation, role=role, is_contact=True)
    return organisation


def _name_clash_check(*, forum: Forum, name: str, exclude_pk: int | None = None) -> None:
    clash = organisation_name_clash(forum=forum, name=name, exclude_pk=exclude_pk)
    if clash is None:
        return
    if clash.name.casefold() == name.casefold():
        raise ValidationError({"name": _("An organisation of this name is already registered.")})
    raise ValidationError(
        {
            "name": _(
                "This name looks the same as an organisation already registered; "
                "choose a name that reads differently."
            )
        }
    )


DECISIONS = {Accreditation.APPROVED, Accreditation.REJECTED, Accreditation.NEEDS_INFORMATION}


@transaction.atomic
def organisation_decide_accreditation(
    *, organisation: Organisation, reviewer: User, decision: str, reason: str = ""
) -> AccreditationDecision:
    """Approve, reject or ask for information; recorded in the history with who, when and why."""
    if not reviewer.can_vet:
        raise PermissionDenied(_("Only vetting officers and organisers decide accreditation."))
    if decision not in DECISIONS:
        raise ValidationError(f"Unknown accreditation decision {decision!r}.")
    if decision in {Accreditation.REJECTED, Accreditation.NEEDS_INFORMATION} and not reason.strip():
        raise ValidationError(
            _("Give the organisation a reason when rejecting or asking for more.")
        )
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
    if decision == Accreditation.APPROVED and entry.previous != Accreditation.APPROVED:
        meeting_requests_thaw(organisation=organisation, now=now)
    if Accreditation.APPROVED in (entry.previous, decision):
        # Entering or leaving the approved set changes recommendations (in the background).
        enqueue_on_commit(recompute_organisation_recommendations, organisation.pk)
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
        raise ValidationError(_("This person is already a delegate of the organisation."))
    return Delegate.objects.create(
        organisation=organisation, user=user, role=role, languages=languages or []
    )


ORGANISATION_EDITABLE_FIELDS = (
    "name",
    "country",
    "kind",
    "website",
    "description",
    "size",
    "visibility",
)


# What vetting approves: changing any of these sends an approved organisation back to review.
IDENTITY_FIELDS = ("name", "country", "kind")


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    editor: Delegate,
    tracks: Iterable[CapabilityTrack] | None = None,
    **fields: object,
) -> Organisation:
    """A delegate edits their own organisation's details (never vetting fields).

    A change of name, country or kind puts an approved organisation back in the vetting
    queue (accreditation pending), recorded in its history like a decision.
    """
    if editor.organisation_id != organisation.pk:
        raise PermissionDenied(_("Only the organisation's own delegates edit its details."))
    unknown = set(fields) - set(ORGANISATION_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    if "name" in fields:
        fields["name"] = name_clean(str(fields["name"]))
        _name_clash_check(forum=organisation.forum, name=fields["name"], exclude_pk=organisation.pk)
    # Compared with the stored row: a model form has already written its values onto
    # the instance it was given.
    stored = Organisation.objects.filter(pk=organisation.pk).values(*IDENTITY_FIELDS).get()
    changed_identity = sorted(
        name
        for name in IDENTITY_FIELDS
        if name in fields and str(fields[name]) != str(stored[name])
    )
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    if tracks is not None:
        organisation.tracks.set(tracks)
    if changed_identity and organisation.accreditation == Accreditation.APPROVED:
        _organisation_return_to_review(
            organisation=organisation, editor=editor, fields=changed_identity
        )
    return organisation


def _organisation_return_to_review(
    *, organisation: Organisation, editor: Delegate, fields: list[str]
) -> None:
    """What the vetting officers approved was this name, country and kind: a change of any
    of them is a new organisation to vet. Its meetings stay; while it waits, the approval
    gate (meetings/gating.py) freezes its requests and hides it."""
    now = timezone.now()
    AccreditationDecision.objects.create(
        organisation=organisation,
        previous=Accreditation.APPROVED,
        decision=Accreditation.PENDING,
        reason=_("Changed by a delegate: %(fields)s.") % {"fields": ", ".join(fields)},
        reviewer=None,
        decided_at=now,
    )
    organisation.accreditation = Accreditation.PENDING
    organisation.save(update_fields=["accreditation", "updated_at"])
    enqueue_on_commit(recompute_organisation_recommendations, organisation.pk)
    audit_record(
        action=AuditEntry.Action.VETTING_DECISION,
        actor=editor.user,
        target=organisation,
        actor_organisation=organisation,
        data={
            "previous": Accreditation.APPROVED,
            "decision": Accreditation.PENDING,
            "identity_changed": fields,
        },
    )


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    invited_by: Delegate,
    email: str,
    role: str = "",
    now: dt.datetime | None = None,
) -> Invitation:
    """A delegate invites a colleague; an open invitation to the same address is replaced.
    The invitation is mailed in the background."""
    if invited_by.organisation_id != organisation.pk:
        raise PermissionDenied(_("Only the organisation's own delegates invite colleagues."))
    now = now or timezone.now()
    email = email.strip().lower()
    if Delegate.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This person is already a delegate of your organisation.")}
        )
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True, revoked_at=None
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role.strip(),
        invited_by=invited_by,
        token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + dt.timedelta(days=INVITATION_VALID_DAYS),
    )
    enqueue_on_commit(send_invitation_email, invitation.pk)
    return invitation


def invitation_mail_send(*, invitation: Invitation) -> None:
    """Mail the invitation link. The invitee may have no account, so this is mail to a bare
    address, written in the site's default language."""
    link = site_url(reverse("accounts:invitation", kwargs={"token": invitation.token}))

    def build() -> tuple[str, str]:
        body = render_to_string(
            "organisations/email/invitation.txt", {"invitation": invitation, "link": link}
        )
        subject = _("You are invited to represent %(organisation)s") % {
            "organisation": invitation.organisation.name
        }
        return subject, body

    address_mail_send(address=invitation.email, language=settings.LANGUAGE_CODE, build=build)


def invitation_open_by_token(*, token: str, now: dt.datetime | None = None) -> Invitation | None:
    """The invitation this token opens, if it is still open (not used, revoked or expired)."""
    now = now or timezone.now()
    return (
        Invitation.objects.select_related("organisation", "organisation__forum")
        .filter(token=token, accepted_at=None, revoked_at=None, expires_at__gt=now)
        .first()
    )


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
    role: str = "",
    now: dt.datetime | None = None,
) -> Delegate:
    """Accept an invitation: with a new account (name + password) or an existing user.

    An existing user must be the invited address. The invitation link proves the
    address, so a new account is active at once.
    """
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at or invitation.expires_at <= now:
        raise ValidationError(_("This invitation is no longer valid."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(_("An account with this e-mail address exists; sign in first."))
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name.strip()
        )
    elif user.email.lower() != invitation.email.lower():
        raise PermissionDenied(_("This invitation was sent to another e-mail address."))
    elif (
        Delegate.objects.filter(user=user, organisation__forum=invitation.organisation.forum)
        .exclude(organisation=invitation.organisation)
        .exists()
    ):
        raise ValidationError(
            _(
                "You already represent another organisation at this forum; one person "
                "represents one organisation."
            )
        )
    delegate = delegate_add(
        organisation=invitation.organisation, user=user, role=role or invitation.role
    )
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    return delegate


def invitation_revoke(*, invitation: Invitation, delegate: Delegate) -> Invitation:
    if delegate.organisation_id != invitation.organisation_id:
        raise PermissionDenied(_("Only the organisation's own delegates revoke its invitations."))
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def delegate_set_availability(
    *, delegate: Delegate, unavailable: Iterable[Slot], attendance: str
) -> Delegate:
    """Record the slots a delegate cannot attend and whether they come on site or online.

    Slots where the delegate already has a placed meeting cannot be marked: the
    organisers must move the meeting first.
    """
    if attendance not in AttendanceMode.values:
        raise ValidationError({"attendance": f"Unknown attendance {attendance!r}."})
    slots = list(unavailable)
    forum_id = delegate.organisation.forum_id
    if any(slot.session.day.forum_id != forum_id for slot in slots):
        raise ValidationError(_("A slot belongs to another forum."))
    busy = delegate.seats.filter(slot__in=slots).select_related("slot").first()
    if busy is not None:
        when = busy.slot.starts_at.astimezone(ZoneInfo(delegate.organisation.forum.time_zone))
        raise ValidationError(
            _("You have a scheduled meeting at %(when)s; ask the organisers to move it first.")
            % {"when": formats.date_format(when, "D j M H:i")}
        )
    delegate.unavailable_slots.set(slots)
    delegate.attendance = attendance
    delegate.save(update_fields=["attendance"])
    return delegate
