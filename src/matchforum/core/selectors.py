from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from matchforum.forums.models import Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import ACTIVE_MEETING_STATUSES, Meeting
from matchforum.organisations.models import Accreditation, Organisation


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
