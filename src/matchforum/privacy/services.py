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
from matchforum.agenda.models import CalendarToken
from matchforum.agenda.services import calendar_token_revoke
from matchforum.annexes.models import NdaAcceptance
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.badges.models import BadgeBatch
from matchforum.community.models import Attachment, Post, PostReport, Thread
from matchforum.forums.models import Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.meetings.participants import takes_part
from matchforum.news.models import Article, Comment
from matchforum.notifications.models import Notification, NotificationPreference
from matchforum.organisations.models import (
    AccreditationDecision,
    Delegate,
    Invitation,
    RegistrationImport,
)
from matchforum.outcomes.models import FollowUpSurvey, MeetingOutcome
from matchforum.outcomes.services import follow_up_survey_links_revoke
from matchforum.recommendations.models import Dismissal
from matchforum.schedules.models import ScheduleVersion, SchedulingRun
from matchforum.training.models import TrainingRequest


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _account_data(user: User) -> dict[str, Any]:
    """What the account holds beyond its own fields (see privacy/inventory.py)."""
    from django.contrib.admin.models import LogEntry
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from matchforum.forums.models import CommitteeMembership

    posts = Post.objects.filter(author=user).select_related("thread")
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
        "committee_seats": [
            {"forum": m.team.forum.name, "team": str(m.team), "role": m.role}
            for m in CommitteeMembership.objects.filter(user=user).select_related("team__forum")
        ],
        "meetings_cancelled": [
            {"meeting": m.pk, "reason": m.cancel_reason, "cancelled_at": _iso(m.cancelled_at)}
            for m in Meeting.objects.filter(cancelled_by=user)
        ],
        "activity": [
            {
                "action": e.action,
                "at": _iso(e.created_at),
                "ip_address": e.ip_address,
                "path": e.path,
            }
            for e in AuditEntry.objects.filter(actor=user).exclude(action__startswith="auth.")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
            }
            for t in user.api_tokens.all()
        ],
        "two_factor_devices": [
            {"name": d.name, "confirmed": d.confirmed} for d in TOTPDevice.objects.filter(user=user)
        ],
        "notification_preference": preference.delivery if preference else None,
        "notifications": [
            {
                "kind": n.kind,
                "subject": n.subject,
                "body": n.body,
                "created_at": _iso(n.created_at),
                "sent_at": _iso(n.sent_at),
            }
            for n in Notification.objects.filter(user=user)
        ],
        "community": {
            "threads": [
                {"title": t.title, "kind": t.kind, "created_at": _iso(t.created_at)}
                for t in Thread.objects.filter(author=user)
            ],
            "posts": [
                {
                    "thread": p.thread.title,
                    "body": p.body,
                    "created_at": _iso(p.created_at),
                    "attachments": [a.original_name for a in p.attachments.all()],
                }
                for p in posts.prefetch_related("attachments")
            ],
            "reports": [
                {"reason": r.reason, "status": r.status, "created_at": _iso(r.created_at)}
                for r in PostReport.objects.filter(reporter=user)
            ],
        },
        "news_comments": [
            {
                "article": c.article.title,
                "body": c.body,
                "status": c.status,
                "created_at": _iso(c.created_at),
            }
            for c in Comment.objects.filter(author=user).select_related("article")
        ],
        "articles": [
            {"title": a.title, "published_at": _iso(a.published_at)}
            for a in Article.objects.filter(author=user)
        ],
        "vetting_decisions": [
            {
                "organisation": d.organisation.name,
                "decision": d.decision,
                "reason": d.reason,
                "decided_at": _iso(d.decided_at),
            }
            for d in AccreditationDecision.objects.filter(reviewer=user).select_related(
                "organisation"
            )
        ],
        "classification_reviews": [
            {
                "item": p.title,
                "organisation": p.organisation.name,
                "classification": p.classification,
                "reviewed_at": _iso(p.classification_reviewed_at),
            }
            for p in CooperationProfile.objects.filter(
                classification_reviewed_by=user
            ).select_related("organisation")
        ],
        "registration_imports": [
            {"file": i.filename, "created_at": _iso(i.created_at)}
            for i in RegistrationImport.objects.filter(created_by=user)
        ],
        "scheduling_runs": [
            {"kind": r.kind, "created_at": _iso(r.created_at)}
            for r in SchedulingRun.objects.filter(created_by=user)
        ],
        "schedules_published": [
            {"number": v.number, "published_at": _iso(v.published_at)}
            for v in ScheduleVersion.objects.filter(published_by=user)
        ],
        "moderation": {
            "posts_hidden": list(Post.objects.filter(hidden_by=user).values_list("pk", flat=True)),
            "reports_resolved": list(
                PostReport.objects.filter(resolved_by=user).values_list("pk", flat=True)
            ),
            "comments_moderated": list(
                Comment.objects.filter(moderated_by=user).values_list("pk", flat=True)
            ),
        },
        "nda_acceptances": [
            {
                "offer": a.profile.title,
                "organisation": a.signer_organisation,
                "signer_name": a.signer_name,
                "text_sha256": a.text_sha256,
                "text": a.text,
                "accepted_at": _iso(a.accepted_at),
                "revoked_at": _iso(a.revoked_at),
            }
            for a in NdaAcceptance.objects.filter(accepted_by=user).select_related("profile")
        ],
        "nda_revocations": [
            {
                "offer": a.profile.title,
                "organisation": a.organisation.name,
                "revoked_at": _iso(a.revoked_at),
            }
            for a in NdaAcceptance.objects.filter(revoked_by=user).select_related(
                "profile", "organisation"
            )
        ],
        "admin_actions": [
            {
                "at": _iso(e.action_time),
                "object": e.object_repr,
                "change": e.get_change_message(),
            }
            for e in LogEntry.objects.filter(user=user)
        ],
    }


def _delegation_data(delegate: Delegate) -> dict[str, Any]:
    """A seat's data beyond its own fields (see privacy/inventory.py)."""
    received = MeetingRequest.objects.filter(
        Q(recipient=delegate) | Q(responded_by=delegate)
    ).select_related("sender_organisation")
    from matchforum.badges.models import BadgeKey
    from matchforum.meetings.models import MeetingMoveProposal

    moves = MeetingMoveProposal.objects.filter(
        Q(proposed_by=delegate) | Q(responded_by=delegate)
    ).select_related("slot")
    return {
        "badge_issued": BadgeKey.objects.filter(delegate=delegate).exists(),
        "move_proposals": [
            {
                "meeting": p.meeting_id,
                "slot": _iso(p.slot.starts_at),
                "status": p.status,
                "proposed": p.proposed_by_id == delegate.pk,
                "created_at": _iso(p.created_at),
            }
            for p in moves
        ],
        "calendar_feed": CalendarToken.objects.filter(delegate=delegate).exists(),
        "unavailable_slots": [_iso(s.starts_at) for s in delegate.unavailable_slots.all()],
        "requests_received": [
            {
                "from": r.sender_organisation.name,
                "message": r.message,
                "status": r.status,
                "decline_reason": r.decline_reason if r.responded_by_id == delegate.pk else "",
                "created_at": _iso(r.created_at),
            }
            for r in received
        ],
        "training_requests": [
            {
                "programme": t.programme.profile.title,
                "participants": t.participants,
                "message": t.message,
                "status": t.status,
                "created_at": _iso(t.created_at),
            }
            for t in TrainingRequest.objects.filter(delegate=delegate).select_related(
                "programme__profile"
            )
        ],
        "training_decisions": list(
            TrainingRequest.objects.filter(decided_by=delegate).values_list("pk", flat=True)
        ),
        "outcomes_recorded": [
            {
                "meeting": o.meeting_id,
                "outcome": o.outcome,
                "rating": o.rating,
                "note": o.note,
                "recorded_at": _iso(o.recorded_at),
            }
            for o in MeetingOutcome.objects.filter(recorded_by=delegate)
        ],
        "follow_up_surveys": [
            {
                "months_after": f.months_after,
                "outcome": f.outcome,
                "note": f.note,
                "answered_at": _iso(f.answered_at),
            }
            for f in FollowUpSurvey.objects.filter(delegate=delegate)
        ],
        "dismissals": [
            {"counterpart": d.counterpart.name, "created_at": _iso(d.created_at)}
            for d in Dismissal.objects.filter(dismissed_by=delegate).select_related("counterpart")
        ],
        "invitations_sent": [
            {"email": i.email, "created_at": _iso(i.created_at), "accepted": bool(i.accepted_at)}
            for i in Invitation.objects.filter(invited_by=delegate)
        ],
    }


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
            for e in AuditEntry.objects.filter(actor=user, action__startswith="auth.")
        ],
        **_account_data(user),
    }
    for delegate in delegates:
        sent = MeetingRequest.objects.filter(sender=delegate)
        meetings = Meeting.objects.filter(takes_part(delegate))
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
                **_delegation_data(delegate),
            }
        )
    audit_record(action=AuditEntry.Action.EXPORT, actor=user, target=user, data={"kind": "own"})
    return data


def _erase_user_content(user: User) -> None:
    """What the person wrote and received (decided per table in privacy/inventory.py)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for attachment in Attachment.objects.filter(post__author=user):
        attachment.file.delete(save=False)
    Post.objects.filter(author=user).delete()
    # A thread someone else replied to keeps its title; one only the person wrote goes.
    Thread.objects.filter(author=user, posts__isnull=True).delete()
    PostReport.objects.filter(reporter=user).delete()
    Comment.objects.filter(author=user).delete()
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.email).delete()


def _anonymise_user(user: User) -> None:
    _erase_user_content(user)
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
    user.committee_memberships.all().delete()
    user.committee_roles_changed()
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
    TrainingRequest.objects.filter(delegate=delegate).update(message="")
    MeetingOutcome.objects.filter(recorded_by=delegate).update(note="")
    FollowUpSurvey.objects.filter(delegate=delegate).update(note="")
    delegate.unavailable_slots.clear()
    Meeting.objects.filter(cancelled_by_id=delegate.user_id).update(cancel_reason="")
    _badge_revoke(delegate)


def _badge_revoke(delegate: Delegate) -> None:
    """The printed badge stops checking the seat in."""
    from matchforum.badges.models import BadgeKey

    BadgeKey.objects.filter(delegate=delegate).delete()


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
    # So does the PDF of all badges, with every delegate's badge token.
    BadgeBatch.objects.filter(forum__in=forums).delete()
    for forum in forums:
        audit_record(
            action=AuditEntry.Action.DATA_PURGED,
            target=forum,
            data={"older_than_days": older_than_days},
        )
    return {"forums": len(forums), "delegates": erased, "people": len(users_done)}
