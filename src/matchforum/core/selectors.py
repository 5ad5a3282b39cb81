from __future__ import annotations

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
