"""Writes of organisations: registration, delegates and the vetting decisions."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.core.enqueue import enqueue_on_commit
from matchforum.core.links import site_url
from matchforum.core.permissions import require_organiser
from matchforum.core.text_limits import text_within
from matchforum.forums import committee
from matchforum.forums.models import CapabilityTrack, CommitteeTeam, Forum, Slot
from matchforum.forums.services import forum_day_rule_apply
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.services import meeting_requests_thaw
from matchforum.notifications.mail import address_mail_send
from matchforum.recommendations.tasks import recompute_organisation_recommendations

from .models import (
    Accreditation,
    AccreditationDecision,
    AccreditationLevel,
    AttendanceMode,
    Delegate,
    Invitation,
    Organisation,
    RegistrationImport,
    RegistrationImportState,
)
from .names import name_clean, name_key
from .registration_import import (
    DelegateRow,
    ImportReport,
    OrganisationRows,
    ParsedRegistrations,
    RegistrationFileError,
    RowError,
    organisation_key,
    parse_registrations,
    report_to_json,
)
from .selectors import name_clash_message, organisation_name_clash
from .tasks import run_registration_import, send_invitation_email

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
    role = text_within(role, model=Delegate, field="role")
    _name_clash_check(forum=forum, name=name)
    organisation = Organisation(forum=forum, name=name, country=country, kind=kind, **fields)
    organisation.full_clean()
    organisation.save()
    organisation.tracks.set(tracks)
    Delegate.objects.create(user=contact, organisation=organisation, role=role, is_contact=True)
    return organisation


def _name_clash_check(*, forum: Forum, name: str, exclude_pk: int | None = None) -> None:
    clash = organisation_name_clash(forum=forum, name=name, exclude_pk=exclude_pk)
    if clash is not None:
        raise _name_clash_error(existing=clash.name, name=name)


def _name_clash_error(*, existing: str, name: str) -> ValidationError:
    return ValidationError({"name": name_clash_message(existing=existing, name=name)})


DECISIONS = {Accreditation.APPROVED, Accreditation.REJECTED, Accreditation.NEEDS_INFORMATION}


def accreditation_decision_check(*, decision: str, reason: str) -> str:
    """The reason as it is recorded; refuse an unknown decision, a reason over its limit,
    or a rejection or request for more without a reason."""
    if decision not in DECISIONS:
        raise ValidationError(f"Unknown accreditation decision {decision!r}.")
    reason = text_within(reason, model=Organisation, field="accreditation_reason", key="reason")
    if decision in {Accreditation.REJECTED, Accreditation.NEEDS_INFORMATION} and not reason:
        raise ValidationError(
            _("Give the organisation a reason when rejecting or asking for more.")
        )
    return reason


@transaction.atomic
def organisation_decide_accreditation(
    *, organisation: Organisation, reviewer: User, decision: str, reason: str = ""
) -> AccreditationDecision:
    """Approve, reject or ask for information; recorded in the history with who, for which
    committee team, when and why."""
    if not committee.can_vet(reviewer, organisation):
        raise PermissionDenied(_("Only the committee team of its country decides this."))
    reason = accreditation_decision_check(decision=decision, reason=reason)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    now = timezone.now()
    entry = AccreditationDecision.objects.create(
        organisation=organisation,
        previous=organisation.accreditation,
        decision=decision,
        reason=reason,
        reviewer=reviewer,
        team=committee.user_team(reviewer, organisation),
        decided_at=now,
    )
    organisation.accreditation = decision
    organisation.accreditation_reason = reason
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
        data={
            "previous": entry.previous,
            "decision": decision,
            "team": str(entry.team) if entry.team else "",
            "reason": entry.reason,
        },
    )
    return entry


@transaction.atomic
def organisation_set_accreditation_level(
    *, organisation: Organisation, reviewer: User, level: str, reason: str = ""
) -> Organisation:
    """Grant an accreditation level (none, basic, full): the forum's classification rules
    ask for one. Only a committee member who may vet the organisation grants it; recorded
    in the audit log with who, for which team, the level before and why."""
    if not committee.can_vet(reviewer, organisation):
        raise PermissionDenied(_("Only the committee team of its country decides this."))
    if level not in AccreditationLevel.values:
        raise ValidationError(_("Choose an accreditation level."))
    reason = text_within(reason, model=Organisation, field="accreditation_reason", key="reason")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    previous = organisation.accreditation_level
    if previous == level:
        return organisation
    organisation.accreditation_level = level
    organisation.save(update_fields=["accreditation_level", "updated_at"])
    team = committee.user_team(reviewer, organisation)
    audit_record(
        action=AuditEntry.Action.ACCREDITATION_LEVEL,
        actor=reviewer,
        target=organisation,
        actor_organisation=None,
        data={
            "previous": previous,
            "level": level,
            "team": str(team) if team else "",
            "reason": reason,
        },
    )
    return organisation


@transaction.atomic
def organisation_move_team(
    *, organisation: Organisation, team: CommitteeTeam | None, actor: User, reason: str
) -> Organisation:
    """The chair hands an organisation to another committee team (None: back to the team of
    its country); a decision recorded with who and why."""
    if not committee.can_move_team(actor, organisation):
        raise PermissionDenied(_("Only the chair moves an organisation to another team."))
    if team is not None and team.forum_id != organisation.forum_id:
        raise ValidationError(_("Choose a team of this forum."))
    if not reason.strip():
        raise ValidationError(_("Say why the organisation moves to another team."))
    previous = committee.responsible_team(organisation)
    organisation.committee_team = team
    organisation.save(update_fields=["committee_team", "updated_at"])
    now_team = committee.responsible_team(organisation)
    audit_record(
        action=AuditEntry.Action.TEAM_MOVED,
        actor=actor,
        target=organisation,
        actor_organisation=None,
        data={
            "from": str(previous) if previous else "",
            "to": str(now_team) if now_team else "",
            "reason": reason.strip(),
        },
    )
    return organisation


def delegate_add(
    *, organisation: Organisation, user: User, role: str = "", languages: list[str] | None = None
) -> Delegate:
    if Delegate.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("This person is already a delegate of the organisation."))
    role = text_within(role, model=Delegate, field="role")
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
    return _invitation_issue(
        organisation=organisation, invited_by=invited_by, email=email, role=role, now=now
    )


def _invitation_issue(
    *,
    organisation: Organisation,
    invited_by: Delegate | None,
    email: str,
    role: str,
    now: dt.datetime,
) -> Invitation:
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True, revoked_at=None
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=text_within(role, model=Invitation, field="role"),
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
    full_name = text_within(full_name, model=User, field="full_name")
    role = text_within(role, model=Delegate, field="role")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at or invitation.expires_at <= now:
        raise ValidationError(_("This invitation is no longer valid."))
    awaiting = None
    if user is None:
        awaiting = _account_awaiting_invitation(email=invitation.email)
        if awaiting is None and User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(_("An account with this e-mail address exists; sign in first."))
    elif user.email.lower() != invitation.email.lower():
        raise PermissionDenied(_("This invitation was sent to another e-mail address."))
    existing_user = user or awaiting
    if (
        existing_user is not None
        and Delegate.objects.filter(
            user=existing_user, organisation__forum=invitation.organisation.forum
        )
        .exclude(organisation=invitation.organisation)
        .exists()
    ):
        raise ValidationError(
            _(
                "You already represent another organisation at this forum; one person "
                "represents one organisation."
            )
        )
    if awaiting is not None:
        user = awaiting
        user.set_password(password)
        user.full_name = full_name or user.full_name
        user.is_active = True
        user.save(update_fields=["password", "full_name", "is_active"])
    elif user is None:
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name
        )
    delegate = Delegate.objects.filter(organisation=invitation.organisation, user=user).first()
    if delegate is None:
        delegate = delegate_add(
            organisation=invitation.organisation, user=user, role=role or invitation.role
        )
    elif role:
        delegate.role = role
        delegate.save(update_fields=["role"])
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    return delegate


def _account_awaiting_invitation(*, email: str) -> User | None:
    """An account an import created for this address, never used: the invitation link
    proves the address, so whoever opens it sets the account's password."""
    return User.objects.filter(
        email__iexact=email, last_login=None, password__startswith=UNUSABLE_PASSWORD_PREFIX
    ).first()


def invitation_needs_account(*, invitation: Invitation) -> bool:
    """Whether accepting sets a password here, rather than signing in to an account."""
    return (
        _account_awaiting_invitation(email=invitation.email) is not None
        or not User.objects.filter(email__iexact=invitation.email).exists()
    )


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


def accreditation_decide_bulk(
    *, organisations: list[Organisation], reviewer: User, decision: str, reason: str = ""
) -> int:
    """The same decision for several organisations, each recorded in its own history."""
    with transaction.atomic():
        for organisation in organisations:
            organisation_decide_accreditation(
                organisation=organisation, reviewer=reviewer, decision=decision, reason=reason
            )
    return len(organisations)


def delegate_check_in(
    *, delegate: Delegate, user: User, undo: bool = False, override_reason: str = ""
) -> Delegate:
    """The on-site desk marks a delegate arrived (or takes it back).

    Arrivals are recorded only on the forum's days, unless an organiser gives a reason
    (audited); taking a check-in back is always allowed.
    """
    require_organiser(user)
    if not undo:
        forum_day_rule_apply(
            forum=delegate.organisation.forum,
            user=user,
            what="check_in",
            target=delegate.organisation,
            override_reason=override_reason,
        )
    delegate.checked_in_at = None if undo else timezone.now()
    delegate.save(update_fields=["checked_in_at"])
    return delegate


def registrations_import(
    *,
    forum: Forum,
    registrations: ParsedRegistrations,
    dry_run: bool,
    approve: bool = False,
    actor: User | None = None,
    now: dt.datetime | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the good rows of a registration list; a dry run checks it and writes nothing.

    Organisations are matched by name (case and spacing aside), delegates by e-mail and
    offers or needs by side and title, so importing the same file again creates nothing.
    Each organisation is written in its own transaction. New organisations wait for
    vetting like sign-ups unless `approve` is given (by an organiser, recorded in the
    vetting history). Each new delegate is invited by e-mail to set a password.
    `on_progress(done, total)` is called after each organisation.
    """
    if approve and (actor is None or not actor.can_vet):
        raise PermissionDenied(_("Only vetting officers and organisers decide accreditation."))
    now = now or timezone.now()
    report = ImportReport(
        dry_run=dry_run, row_count=registrations.row_count, errors=list(registrations.errors)
    )
    known = {organisation_key(o.name): o for o in Organisation.objects.filter(forum=forum)}
    # A new organisation whose name looks like a registered one is refused, as at sign-up.
    lookalikes = {name_key(o.name): o.name for o in known.values()}
    tracks = {track.slug: track for track in CapabilityTrack.objects.all()}
    users, delegations = _registration_import_people(forum=forum, registrations=registrations)
    total = len(registrations.organisations)
    for done, rows in enumerate(registrations.organisations, start=1):
        existing = known.get(rows.key)
        try:
            if existing is None and name_key(rows.name) in lookalikes:
                raise _name_clash_error(existing=lookalikes[name_key(rows.name)], name=rows.name)
            with transaction.atomic():
                _registration_import_one(
                    forum=forum,
                    rows=rows,
                    existing=existing,
                    tracks=tracks,
                    users=users,
                    delegations=delegations,
                    report=report,
                    dry_run=dry_run,
                    approve=approve,
                    actor=actor,
                    now=now,
                )
        except ValidationError as error:
            for message in error.messages:
                report.errors.append(RowError(rows.first_row, "", message))
        else:
            lookalikes.setdefault(name_key(rows.name), rows.name)
        if on_progress is not None:
            on_progress(done, total)
    return report


def _invitation_lapsed(*, organisation: Organisation, user: User, now: dt.datetime) -> bool:
    """An imported account that was never used and has no invitation it could still open."""
    if user.last_login is not None or user.has_usable_password():
        return False
    return not Invitation.objects.filter(
        organisation=organisation,
        email__iexact=user.email,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=now,
    ).exists()


def _registration_import_people(
    *, forum: Forum, registrations: ParsedRegistrations
) -> tuple[dict[str, User], dict[int, tuple[int, str]]]:
    """The accounts of the file's addresses, and which organisation of the forum each
    of them represents (id and name), read in a few queries rather than per row."""
    emails = sorted({d.email for o in registrations.organisations for d in o.delegates})
    users: dict[str, User] = {}
    for start in range(0, len(emails), IMPORT_LOOKUP_CHUNK):
        chunk = emails[start : start + IMPORT_LOOKUP_CHUNK]
        for user in User.objects.annotate(address=Lower("email")).filter(address__in=chunk):
            users[user.address] = user
    delegations = {
        user_id: (organisation_id, name)
        for user_id, organisation_id, name in Delegate.objects.filter(
            organisation__forum=forum
        ).values_list("user_id", "organisation_id", "organisation__name")
    }
    return users, delegations


# Addresses per query when looking accounts up (SQLite allows few parameters).
IMPORT_LOOKUP_CHUNK = 500
# Between two progress writes of a background import, in organisations.
IMPORT_PROGRESS_EVERY = 25


def registration_import_start(
    *,
    forum: Forum,
    actor: User,
    table: list[list[str]],
    filename: str,
    dry_run: bool,
    approve: bool = False,
) -> RegistrationImport:
    """Record a check or an import of a large list and run it in the worker."""
    if not actor.can_organise:
        raise PermissionDenied(_("Only organisers import registrations."))
    job = RegistrationImport.objects.create(
        forum=forum,
        created_by=actor,
        filename=filename,
        table=table,
        dry_run=dry_run,
        approve=approve,
    )
    enqueue_on_commit(run_registration_import, job.pk)
    return job


def registration_import_run(*, job: RegistrationImport) -> RegistrationImport:
    """Run a recorded check or import, writing its progress and then its report."""
    RegistrationImport.objects.filter(pk=job.pk).update(state=RegistrationImportState.RUNNING)

    def progress(done: int, total: int) -> None:
        if done == total or done % IMPORT_PROGRESS_EVERY == 0:
            RegistrationImport.objects.filter(pk=job.pk).update(
                organisations_done=done, organisations_total=total
            )

    try:
        report = registrations_import(
            forum=job.forum,
            registrations=parse_registrations(job.table),
            dry_run=job.dry_run,
            approve=job.approve,
            actor=job.created_by,
            on_progress=progress,
        )
    except (RegistrationFileError, ValidationError, PermissionDenied) as error:
        job.state = RegistrationImportState.FAILED
        job.error = " ".join(getattr(error, "messages", [str(error)]))
    else:
        job.state = RegistrationImportState.DONE
        job.report = report_to_json(report)
    job.refresh_from_db(fields=["organisations_done", "organisations_total"])
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "error", "report", "finished_at"])
    return job


def _registration_import_one(
    *,
    forum: Forum,
    rows: OrganisationRows,
    existing: Organisation | None,
    tracks: dict[str, CapabilityTrack],
    users: dict[str, User],
    delegations: dict[int, tuple[int, str]],
    report: ImportReport,
    dry_run: bool,
    approve: bool,
    actor: User | None,
    now: dt.datetime,
) -> None:
    # A delegate who already represents another organisation of this forum is refused,
    # as a second sign-up would be: one person represents one organisation.
    bad_rows: set[int] = set()
    delegates: list[tuple[DelegateRow, bool, User | None]] = []
    for delegate in rows.delegates:
        user = users.get(delegate.email)
        represents = delegations.get(user.pk) if user is not None else None
        if represents is not None and (existing is None or represents[0] != existing.pk):
            bad_rows.add(delegate.row)
            report.errors.append(
                RowError(
                    delegate.row,
                    "delegate_email",
                    _("This person already represents %(organisation)s at this forum.")
                    % {"organisation": represents[1]},
                )
            )
        else:
            delegates.append((delegate, represents is not None, user))
    if not delegates:
        return
    organisation = existing
    if organisation is None:
        report.organisations_created.append(rows.name)
        if not dry_run:
            organisation = Organisation(
                forum=forum,
                name=rows.name,
                country=rows.country,
                kind=rows.kind,
                website=rows.website,
                description=rows.description,
            )
            organisation.full_clean()
            organisation.save()
            organisation.tracks.set([tracks[slug] for slug in rows.track_slugs])
    else:
        report.organisations_existing.append(organisation.name)
    has_contact = existing is not None and existing.delegates.filter(is_contact=True).exists()
    for delegate, is_delegate, user in delegates:
        if is_delegate:
            report.delegates_existing += 1
            if _invitation_lapsed(organisation=organisation, user=user, now=now):
                # Never accepted and the link has expired: the account cannot be used
                # any other way, so the re-run invites again.
                report.invitations += 1
                if not dry_run:
                    _invitation_issue(
                        organisation=organisation,
                        invited_by=None,
                        email=delegate.email,
                        role=delegate.role,
                        now=now,
                    )
            continue
        report.delegates_created += 1
        report.invitations += 1
        if dry_run:
            continue
        if user is None:
            user = User.objects.create_user(email=delegate.email, full_name=delegate.full_name)
        Delegate.objects.create(
            user=user, organisation=organisation, role=delegate.role, is_contact=not has_contact
        )
        has_contact = True
        _invitation_issue(
            organisation=organisation,
            invited_by=None,
            email=delegate.email,
            role=delegate.role,
            now=now,
        )
    seen = (
        set()
        if existing is None
        else {
            (side, title.casefold())
            for side, title in existing.profiles.values_list("side", "title")
        }
    )
    profiles_added = False
    for number, profile in rows.profiles:
        if number in bad_rows:
            continue
        key = (profile.side, profile.title.casefold())
        if key in seen:
            report.profiles_existing += 1
            continue
        seen.add(key)
        report.profiles_created += 1
        if dry_run:
            continue
        created = CooperationProfile(
            organisation=organisation,
            side=profile.side,
            kind=profile.kind,
            title=profile.title,
            description=profile.description,
            language=profile.language,
        )
        created.full_clean()
        created.save()
        created.tracks.set(organisation.tracks.all())
        profiles_added = True
    if dry_run:
        return
    if existing is None and approve and actor is not None:
        organisation_decide_accreditation(
            organisation=organisation, reviewer=actor, decision=Accreditation.APPROVED
        )
    elif profiles_added and organisation.is_approved:
        enqueue_on_commit(recompute_organisation_recommendations, organisation.pk)
