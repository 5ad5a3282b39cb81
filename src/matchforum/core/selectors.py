from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from matchforum.agenda.selectors import AgendaEntry, agenda_for
from matchforum.core.tenancy import scoped
from matchforum.forums.models import Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import (
    ACTIVE_MEETING_STATUSES,
    Meeting,
    MeetingRequest,
    RequestStatus,
)
from matchforum.meetings.selectors import requests_inbox
from matchforum.organisations.models import Accreditation, Delegate, Organisation
from matchforum.recommendations.models import Recommendation
from matchforum.recommendations.selectors import recommendations_for


def forum_public_stats(*, forum: Forum) -> dict[str, int]:
    """Counts anyone may see: nothing about a non-approved organisation."""
    approved = Organisation.objects.filter(forum=forum, accreditation=Accreditation.APPROVED)
    return {
        "organisations": approved.count(),
        "countries": approved.values("country").distinct().count(),
        "profiles": CooperationProfile.objects.filter(
            organisation__in=approved, is_active=True
        ).count(),
        "meetings": Meeting.objects.filter(forum=forum, status__in=ACTIVE_MEETING_STATUSES).count(),
    }


def forum_public_stats_cached(*, forum: Forum) -> dict[str, int]:
    """`forum_public_stats`, remembered for PUBLIC_STATS_CACHE_SECONDS (a few seconds).

    The home page shows these four public counts to everyone, signed in or not; they are
    the same for every visitor (nothing per user or private), so one computation serves
    all visitors for a short while. Four COUNTs over the forum's organisations, profiles
    and meetings were most of the home page's cost on a large forum. A count may lag
    behind by up to the TTL; nothing else depends on it.
    """
    timeout = settings.PUBLIC_STATS_CACHE_SECONDS
    if timeout <= 0:
        return forum_public_stats(forum=forum)
    return cache.get_or_set(
        f"matchforum:forum-public-stats:{forum.pk}",
        lambda: forum_public_stats(forum=forum),
        timeout,
    )


@dataclass
class DelegateHome:
    """What a signed-in delegate's home page shows: what needs an answer, what comes next."""

    delegate: Delegate
    pending_requests: list[MeetingRequest]
    pending_count: int
    schedule_published: bool
    next_meetings: list[AgendaEntry]
    unplaced_count: int
    recommendation_count: int


def delegate_home(
    *, delegate: Delegate, now: dt.datetime | None = None, limit: int = 3
) -> DelegateHome:
    """The delegate's requests to answer, next meetings and recommendations.

    Meetings come from the agenda, so the home page shows the same placement (hall and
    table) as the agenda does; before publication only their number is shown.
    """
    now = now or timezone.now()
    organisation = delegate.organisation
    user, forum = delegate.user, organisation.forum
    pending = requests_inbox(user=user, forum=forum, organisation=organisation).filter(
        status=RequestStatus.PENDING
    )
    version, entries = agenda_for(delegate=delegate, with_topics=False)
    placed = [e for e in entries if e.meeting.slot_id and e.meeting.slot.ends_at >= now]
    return DelegateHome(
        delegate=delegate,
        pending_requests=list(pending[:limit]),
        pending_count=pending.count(),
        schedule_published=version is not None,
        next_meetings=placed[:limit] if version is not None else [],
        unplaced_count=sum(1 for e in entries if not e.meeting.slot_id or version is None),
        recommendation_count=recommendations_for(
            organisation=organisation, within=scoped(Recommendation, user=user, forum=forum)
        ).count(),
    )
