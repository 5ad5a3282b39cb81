"""Reads of the marketplace: only approved, listed organisations and their published profiles."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from matchforum.accounts.models import User
from matchforum.core.own_organisations import own_organisation_ids
from matchforum.core.tenancy import scoped
from matchforum.forums.models import Forum
from matchforum.organisations.models import Accreditation, Organisation, Visibility

from .models import CooperationProfile


@dataclass(frozen=True)
class MarketplaceFilters:
    text: str = ""
    track: str = ""
    country: str = ""
    organisation_kind: str = ""
    side: str = ""
    profile_kind: str = ""
    language: str = ""

    @property
    def touches_profiles(self) -> bool:
        return bool(self.side or self.profile_kind or self.language)


def published_profiles() -> QuerySet[CooperationProfile]:
    return CooperationProfile.objects.filter(is_active=True).prefetch_related("tracks")


def marketplace_organisations(
    *, user: User, forum: Forum, filters: MarketplaceFilters
) -> QuerySet[Organisation]:
    """Approved, listed organisations (never the viewer's own) matching the filters.

    Each organisation carries `shown_profiles`: its published profiles that match the
    profile filters (all of them when no profile filter is set).
    """
    visible = scoped(Organisation, user=user, forum=forum).filter(
        accreditation=Accreditation.APPROVED, visibility=Visibility.LISTED
    )
    own_ids = own_organisation_ids(user, forum) if user.is_authenticated else []
    organisations = Organisation.objects.filter(pk__in=visible.values("pk")).exclude(pk__in=own_ids)
    profiles = published_profiles()
    if filters.side:
        profiles = profiles.filter(side=filters.side)
    if filters.profile_kind:
        profiles = profiles.filter(kind=filters.profile_kind)
    if filters.language:
        profiles = profiles.filter(language=filters.language)
    if filters.touches_profiles:
        organisations = organisations.filter(profiles__in=profiles)
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.organisation_kind:
        organisations = organisations.filter(kind=filters.organisation_kind)
    if filters.track:
        organisations = organisations.filter(
            Q(tracks__slug=filters.track)
            | Q(profiles__tracks__slug=filters.track, profiles__is_active=True)
        )
    if filters.text:
        text = filters.text.strip()
        matching_profiles = published_profiles().filter(
            Q(title__icontains=text) | Q(description__icontains=text)
        )
        organisations = organisations.filter(
            Q(name__icontains=text)
            | Q(description__icontains=text)
            | Q(profiles__in=matching_profiles)
        )
    return (
        organisations.distinct()
        .order_by("name", "pk")
        .prefetch_related(
            "tracks", Prefetch("profiles", queryset=profiles, to_attr="shown_profiles")
        )
    )


def marketplace_organisation(*, user: User, forum: Forum, pk: int) -> Organisation | None:
    """One organisation another delegate may open: approved and visible to them."""
    return (
        scoped(Organisation, user=user, forum=forum)
        .filter(pk=pk, accreditation=Accreditation.APPROVED)
        .prefetch_related(
            "tracks", Prefetch("profiles", queryset=published_profiles(), to_attr="shown_profiles")
        )
        .first()
    )


def profiles_of_own_organisation(*, organisation: Organisation) -> QuerySet[CooperationProfile]:
    """All profiles of the delegate's own organisation, drafts included."""
    return organisation.profiles.prefetch_related("tracks").order_by("side", "title")
