"""The one mapping between the ORM and the matching engine's plain data.

Only approved organisations are given to the matcher; unlisted organisations and those
that opted out are passed as opted out (they are never recommended to anyone).
Exclusions carry the pairs that already asked for a meeting, the declined pairs and
every "not interested".
"""

from __future__ import annotations

from matchforum import matching
from matchforum.forums.models import Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.marketplace.visibility import open_classifications
from matchforum.meetings.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from matchforum.organisations.models import Accreditation, Organisation, Visibility

from .models import Dismissal

# The matcher's stage vocabulary differs from the forum's: map what corresponds,
# leave the rest out (the matcher then does not use the stage for that profile).
STAGE_TO_MATCHER: dict[str, str | None] = {
    "pre_seed": "idea",
    "seed": "seed",
    "series_a": "series_a",
    "growth": "growth",
    "project": None,
}


def organisation_key(organisation_id: int) -> str:
    return str(organisation_id)


def organisation_id_of(key: str) -> int:
    return int(key)


def organisation_to_matcher(organisation: Organisation) -> matching.Organisation:
    return matching.Organisation(
        id=organisation_key(organisation.pk),
        name=organisation.name,
        country=organisation.country.code or "",
        kind=organisation.kind,
        tracks=tuple(track.name for track in organisation.tracks.all()),
        vetted=organisation.accreditation == Accreditation.APPROVED,
        opted_out=organisation.matching_opt_out or organisation.visibility != Visibility.LISTED,
    )


def profile_to_matcher(profile: CooperationProfile) -> matching.Profile:
    return matching.Profile(
        id=str(profile.pk),
        org_id=organisation_key(profile.organisation_id),
        side=profile.side,
        kind=profile.kind,
        title=profile.title,
        text=profile.description,
        language=profile.language,
        tracks=tuple(track.name for track in profile.tracks.all()),
        trl=profile.trl,
        ticket_min=float(profile.ticket_min_eur) if profile.ticket_min_eur is not None else None,
        ticket_max=float(profile.ticket_max_eur) if profile.ticket_max_eur is not None else None,
        stage=STAGE_TO_MATCHER.get(profile.stage) if profile.stage else None,
        countries_of_interest=tuple(profile.countries_of_interest or ()),
    )


def exclusions_for(forum: Forum) -> matching.Exclusions:
    requested: set[tuple[str, str]] = set()
    declined: set[tuple[str, str]] = set()
    requests = MeetingRequest.objects.filter(forum=forum).values_list(
        "sender_organisation_id", "recipient_organisation_id", "status"
    )
    for sender, recipient, status in requests:
        pair = (organisation_key(sender), organisation_key(recipient))
        if status in (RequestStatus.PENDING, RequestStatus.ACCEPTED):
            requested.add(pair)
        elif status == RequestStatus.DECLINED:
            declined.add((pair[1], pair[0]))
    meetings = (
        Meeting.objects.filter(forum=forum)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("organisation_a_id", "organisation_b_id")
    )
    for a, b in meetings:
        requested.add((organisation_key(a), organisation_key(b)))
    not_interested = {
        (organisation_key(a), organisation_key(b))
        for a, b in Dismissal.objects.filter(organisation__forum=forum).values_list(
            "organisation_id", "counterpart_id"
        )
    }
    return matching.Exclusions(
        requested=requested, declined=declined, not_interested=not_interested
    )


def forum_to_matcher(forum: Forum) -> matching.Forum:
    """The forum's approved organisations, their published profiles and the exclusions."""
    organisations = (
        Organisation.objects.filter(forum=forum, accreditation=Accreditation.APPROVED)
        .prefetch_related("tracks")
        .order_by("pk")
    )
    # Only items every approved organisation may see: no score or explanation shown to
    # anyone rests on an item hidden from them (marketplace/visibility.py).
    profiles = (
        CooperationProfile.objects.filter(
            organisation__in=organisations,
            is_active=True,
            classification__in=open_classifications(forum),
        )
        .prefetch_related("tracks")
        .order_by("pk")
    )
    return matching.Forum(
        organisations=[organisation_to_matcher(o) for o in organisations],
        profiles=[profile_to_matcher(p) for p in profiles],
        exclusions=exclusions_for(forum),
    )
