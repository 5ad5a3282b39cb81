"""Personal-data rights: export, account deletion, and retention of past forums.

Deletion and purging anonymise rather than delete rows that aggregates depend on:
meetings, requests and organisations stay (so a forum's figures stay right), but
every personal field of the person is erased and they can never sign in again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from matchforum.accounts.models import User
from matchforum.agenda.services import calendar_token_revoke
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.forums.models import Forum
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.organisations.models import Delegate, Invitation, RegistrationImport
from matchforum.outcomes.services import follow_up_survey_links_revoke


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything matchforum holds about this person, as plain JSON-ready data."""
    delegates = Delegate.objects.filter(user=user).select_related("organisation__forum")
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "time_zone": user.time_zone,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "roles": {
                "organiser": user.is_organiser,
                "vetting_officer": user.is_vetting_officer,
            },
        },
        "delegations": [],
        "sign_ins": [
            {"action": e.action, "at": _iso(e.created_at), "ip_address": e.ip_address}
            for e in AuditEntry.objects.filter(actor=user, action__startswith="auth.")[:500]
        ],
    }
    for delegate in delegates:
        sent = MeetingRequest.objects.filter(sender=delegate)
        meetings = Meeting.objects.filter(Q(delegate_a=delegate) | Q(delegate_b=delegate))
        data["delegations"].append(
            {
                "forum": delegate.organisation.forum.name,
                "organisation": delegate.organisation.name,
                "role": delegate.role,
                "languages": delegate.languages,
                "attendance": delegate.attendance,
                "is_contact": delegate.is_contact,
                "checked_in_at": _iso(delegate.checked_in_at),
                "requests_sent": [
                    {
                        "to": r.recipient_organisation.name,
                        "message": r.message,
                        "status": r.status,
                        "created_at": _iso(r.created_at),
                    }
                    for r in sent.select_related("recipient_organisation")
                ],
                "meetings": [
                    {
                        "with": (
                            m.organisation_b.name
                            if m.delegate_a_id == delegate.pk
                            else m.organisation_a.name
                        ),
                        "status": m.status,
                        "starts_at": _iso(m.slot.starts_at) if m.slot else None,
                        "table": m.table.number if m.table else None,
                    }
                    for m in meetings.select_related(
                        "organisation_a", "organisation_b", "slot", "table"
                    )
                ],
            }
        )
    audit_record(action=AuditEntry.Action.EXPORT, actor=user, target=user, data={"kind": "own"})
    return data


def _anonymise_user(user: User) -> None:
    # Open invitations to the address would let whoever reads that mailbox back in.
    Invitation.objects.filter(email__iexact=user.email, accepted_at=None, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.full_name = ""
    user.first_name = ""
    user.last_name = ""
    user.preferred_language = ""
    user.time_zone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_organiser = False
    user.is_vetting_officer = False
    user.set_unusable_password()
    user.save()
    user.api_tokens.all().delete()
    from django.contrib.sessions.models import Session

    # Sign the person out everywhere (sessions are few; decode to find theirs).
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    try:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.filter(user=user).delete()
    except ImportError:  # pragma: no cover
        pass


def _erase_delegate(delegate: Delegate) -> None:
    delegate.role = ""
    delegate.languages = []
    delegate.save(update_fields=["role", "languages"])
    # Every secret link issued to the seat stops working with the account.
    calendar_token_revoke(delegate=delegate)
    follow_up_survey_links_revoke(delegate=delegate)
    MeetingRequest.objects.filter(sender=delegate).update(message="")
    MeetingRequest.objects.filter(responded_by=delegate).update(decline_reason="")
    Meeting.objects.filter(cancelled_by_id=delegate.user_id).update(cancel_reason="")


@transaction.atomic
def user_delete_account(*, user: User) -> None:
    """Erase the person's personal fields; keep meetings (counted) with an anonymous seat."""
    audit_record(action=AuditEntry.Action.ACCOUNT_DELETED, actor=user, target=user)
    for delegate in Delegate.objects.filter(user=user):
        _erase_delegate(delegate)
    AuditEntry.objects.filter(actor=user).update(ip_address=None)
    _anonymise_user(user)


@transaction.atomic
def forums_purge_personal_data(*, older_than_days: int, today: dt.date | None = None) -> dict:
    """Anonymise the people of forums that ended more than `older_than_days` ago.

    A person who is also a delegate of a newer forum, or is staff (organiser, vetting
    officer), keeps their account; their delegations to the old forum are still erased.
    """
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=older_than_days)
    forums = list(Forum.objects.filter(ends_on__lt=cutoff))
    delegates = Delegate.objects.filter(organisation__forum__in=forums).select_related("user")
    users_done: set[int] = set()
    erased = 0
    for delegate in delegates:
        _erase_delegate(delegate)
        erased += 1
        user = delegate.user
        if user.pk in users_done or not user.is_active:
            continue
        keeps = (
            user.is_organiser
            or user.is_vetting_officer
            or user.is_superuser
            or Delegate.objects.filter(user=user).exclude(organisation__forum__in=forums).exists()
        )
        if not keeps:
            AuditEntry.objects.filter(actor=user).update(ip_address=None)
            _anonymise_user(user)
            users_done.add(user.pk)
    AuditEntry.objects.filter(organisation__forum__in=forums).update(ip_address=None)
    # Imported lists hold the registrants' names and addresses as they were uploaded.
    RegistrationImport.objects.filter(forum__in=forums).delete()
    for forum in forums:
        audit_record(
            action=AuditEntry.Action.DATA_PURGED,
            target=forum,
            data={"older_than_days": older_than_days},
        )
    return {"forums": len(forums), "delegates": erased, "people": len(users_done)}
