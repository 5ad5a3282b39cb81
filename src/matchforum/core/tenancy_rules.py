"""Who sees which organisation-owned rows: one rule per model in `SCOPE_RULES`
(applied by core/tenancy.py).

Reads follow organisations/selectors.py: a delegate of a non-approved organisation
sees only their own organisation's data; approved delegates also see approved, listed
organisations and their published profiles; members of the organising committee also
see their team's organisations with drafts and delegates (the chair: the whole forum;
forums/committee.py). Meeting requests and meetings are private
to the two organisations (and to organisers, who run the schedule), and shown to them
only while both are approved (meetings/gating.py). Writes are limited
to the caller's own organisation.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model, Q, QuerySet

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.forums import committee
from matchforum.forums.models import Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.marketplace.visibility import visible_items
from matchforum.meetings.gating import meetings_of, requests_of
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.organisations.models import Accreditation, Delegate, Organisation
from matchforum.organisations.selectors import organisations_visible_to
from matchforum.recommendations.models import Dismissal, Recommendation

from .own_organisations import own_organisation_ids, own_organisations_memo

ScopeRule = Callable[[User, Forum, bool], QuerySet]


def _approved_own_ids(user: User, forum: Forum) -> list[int]:
    """The caller's own organisations that are approved: only they act and see counterparts."""
    return [
        pk
        for pk, accreditation in own_organisations_memo(user, forum)
        if accreditation == Accreditation.APPROVED
    ]


def _organisations(user: User, forum: Forum, for_write: bool) -> QuerySet:
    if for_write:
        return Organisation.objects.filter(forum=forum, pk__in=own_organisation_ids(user, forum))
    return organisations_visible_to(user=user, forum=forum, own=own_organisations_memo(user, forum))


def _profiles(user: User, forum: Forum, for_write: bool) -> QuerySet:
    base = CooperationProfile.objects.filter(organisation__forum=forum)
    own = own_organisation_ids(user, forum)
    if for_write:
        return base.filter(organisation_id__in=own)
    if user.can_vet:
        # Drafts are private details: the committee sees those of its team's organisations.
        team = committee.private_organisations(user, forum).values("pk")
        visible = organisations_visible_to(
            user=user, forum=forum, own=own_organisations_memo(user, forum)
        ).values("pk")
        scoped_profiles = base.filter(
            Q(organisation_id__in=own)
            | Q(organisation_id__in=team)
            | Q(organisation_id__in=visible, is_active=True)
        )
        return visible_items(user, forum, scoped_profiles)
    visible = organisations_visible_to(
        user=user, forum=forum, own=own_organisations_memo(user, forum)
    ).values("pk")
    scoped_profiles = base.filter(
        Q(organisation_id__in=own) | Q(organisation_id__in=visible, is_active=True)
    )
    # The forum's classification rules hold in the API as on the pages.
    return visible_items(user, forum, scoped_profiles)


def _delegates(user: User, forum: Forum, for_write: bool) -> QuerySet:
    base = Delegate.objects.filter(organisation__forum=forum)
    if user.can_vet and not for_write:
        # Delegates' names and addresses are private details (forums/committee.py).
        team = committee.private_organisations(user, forum).values("pk")
        return base.filter(
            Q(organisation_id__in=team) | Q(organisation_id__in=own_organisation_ids(user, forum))
        )
    return base.filter(organisation_id__in=own_organisation_ids(user, forum))


def _requests(user: User, forum: Forum, for_write: bool) -> QuerySet:
    base = MeetingRequest.objects.filter(forum=forum)
    if user.can_organise and not for_write:
        return base
    return base.filter(requests_of(_approved_own_ids(user, forum)))


def _meetings(user: User, forum: Forum, for_write: bool) -> QuerySet:
    base = Meeting.objects.filter(forum=forum)
    if user.can_organise and not for_write:
        return base
    return base.filter(meetings_of(_approved_own_ids(user, forum)))


def _audit(user: User, forum: Forum, for_write: bool) -> QuerySet:
    """Organisers see every entry; an organisation sees who looked at its profile."""
    if for_write:
        return AuditEntry.objects.none()
    if user.can_organise:
        return AuditEntry.objects.all()
    # Views by an organisation that is not approved are not shown (it is hidden from
    # others), and an organisation that is not approved sees none (no counterpart data).
    return AuditEntry.objects.filter(
        Q(actor_organisation__isnull=True)
        | Q(actor_organisation__accreditation=Accreditation.APPROVED),
        action=AuditEntry.Action.PROFILE_VIEWED,
        organisation_id__in=_approved_own_ids(user, forum),
    )


def _recommendations(user: User, forum: Forum, for_write: bool) -> QuerySet:
    """An approved organisation's own list; nobody else's, organisers' neither (it is the
    organisation's private view of the market; organisers have the console's why-not)."""
    return Recommendation.objects.filter(
        forum=forum, organisation_id__in=_approved_own_ids(user, forum)
    )


def _dismissals(user: User, forum: Forum, for_write: bool) -> QuerySet:
    """The counterparts the caller's own organisation said it is not interested in, while
    both are approved (an organisation under review sees and is seen by no one)."""
    return Dismissal.objects.filter(
        organisation__forum=forum,
        organisation_id__in=_approved_own_ids(user, forum),
        counterpart__accreditation=Accreditation.APPROVED,
    )


SCOPE_RULES: dict[type[Model], ScopeRule] = {
    Organisation: _organisations,
    CooperationProfile: _profiles,
    Delegate: _delegates,
    MeetingRequest: _requests,
    Meeting: _meetings,
    AuditEntry: _audit,
    Recommendation: _recommendations,
    Dismissal: _dismissals,
}
