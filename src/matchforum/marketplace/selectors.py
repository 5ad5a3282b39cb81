"""Reads of the marketplace: only approved, listed organisations and their published profiles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When

from matchforum.accounts.models import User
from matchforum.core.own_organisations import own_organisation_ids
from matchforum.core.tenancy import scoped
from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.organisations.models import Accreditation, Organisation, Visibility

from .models import CooperationProfile
from .search import case_variants, search_stems
from .visibility import item_requestable, visible_items


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


def profiles_visible_to(*, user: User, forum: Forum) -> QuerySet[CooperationProfile]:
    """Published profiles the viewer may see under the forum's classification rules."""
    return visible_items(user, forum, published_profiles())


def _listed_organisations(*, user: User, forum: Forum) -> QuerySet[Organisation]:
    """Approved, listed organisations the viewer may see, never the viewer's own."""
    visible = scoped(Organisation, user=user, forum=forum).filter(
        accreditation=Accreditation.APPROVED, visibility=Visibility.LISTED
    )
    own_ids = own_organisation_ids(user, forum) if user.is_authenticated else []
    return Organisation.objects.filter(pk__in=visible.values("pk")).exclude(pk__in=own_ids)


def marketplace_countries(*, user: User, forum: Forum) -> list[str]:
    """Country codes of the organisations the marketplace lists to the viewer.

    The country filter offers only these, not every country in the world.
    """
    codes = (
        _listed_organisations(user=user, forum=forum)
        .exclude(country="")
        .order_by("country")  # not the model's ordering by name: DISTINCT would keep it
        .values_list("country", flat=True)
        .distinct()
    )
    return sorted({str(code) for code in codes})


def marketplace_tracks(*, user: User, forum: Forum) -> QuerySet[CapabilityTrack]:
    """The tracks the marketplace's track filter can find something in for the viewer:
    those of the listed organisations and of their items the viewer may see (one
    statement when read). The track filter offers only these, not the whole taxonomy.
    """
    listed = _listed_organisations(user=user, forum=forum).values("pk")
    own = Organisation.tracks.through.objects.filter(organisation_id__in=listed)
    items = CooperationProfile.tracks.through.objects.filter(
        cooperationprofile_id__in=profiles_visible_to(user=user, forum=forum)
        .filter(organisation_id__in=listed)
        .values("pk")
    )
    return CapabilityTrack.objects.filter(
        Q(pk__in=own.values("capabilitytrack_id")) | Q(pk__in=items.values("capabilitytrack_id"))
    )


#: pg_trgm indexes a LIKE pattern by the three-letter groups of its text: a shorter stem
#: ("rf", "ai") has none, and each use of it reads every row.
TRIGRAM = 3


def marketplace_organisations(
    *, user: User, forum: Forum, filters: MarketplaceFilters
) -> QuerySet[Organisation]:
    """Approved, listed organisations (never the viewer's own) matching the filters.

    Each organisation carries `shown_profiles`: its published profiles that match the
    profile filters (all of them when no profile filter is set).

    Every filter is a condition on the organisation's own row or an `id IN (subquery)`,
    never a join: a join over tracks or profiles repeats an organisation, and removing
    the repeats (DISTINCT, or choosing the ids in one more subquery) cost more than the
    search itself. PostgreSQL runs each subquery once (a hashed subplan or a semi-join).
    """
    organisations = _listed_organisations(user=user, forum=forum)
    # Search, its counts and the listed items only ever touch what the viewer may see.
    visible = profiles_visible_to(user=user, forum=forum)
    profiles = visible
    if filters.side:
        profiles = profiles.filter(side=filters.side)
    if filters.profile_kind:
        profiles = profiles.filter(kind=filters.profile_kind)
    if filters.language:
        profiles = profiles.filter(language=filters.language)
    if filters.touches_profiles:
        organisations = organisations.filter(pk__in=profiles.values("organisation_id"))
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.organisation_kind:
        organisations = organisations.filter(kind=filters.organisation_kind)
    if filters.track:
        organisations = organisations.filter(_in_track(filters.track, visible))
    stems = search_stems(filters.text)
    for stem in stems:
        organisations = organisations.filter(_text_matches(stem, visible))
    order: list[Any] = ["name", "pk"]
    if stems:
        # Every result holds every word somewhere; the ones whose own name holds more of
        # them come first (a page count ignores this: the annotation is not filtered on).
        organisations = organisations.annotate(name_hits=_name_hits(stems))
        order = ["-name_hits", *order]
    # The card lists the items' titles, not their tracks: no prefetch of those.
    # Within one organisation the model's ordering (organisation name, side, title) is
    # side and title, without its join to the organisation; the id orders equal titles.
    shown = profiles.prefetch_related(None).order_by("side", "title", "pk")
    return organisations.order_by(*order).prefetch_related(
        "tracks", Prefetch("profiles", queryset=shown, to_attr="shown_profiles")
    )


def _in_track(slug: str, visible: QuerySet[CooperationProfile]) -> Q:
    """Organisations in the track themselves or through one of their visible profiles."""
    own = Organisation.tracks.through.objects.filter(capabilitytrack__slug=slug)
    through_profiles = visible.filter(tracks__slug=slug)
    return Q(pk__in=own.values("organisation_id")) | Q(
        pk__in=through_profiles.values("organisation_id")
    )


def _name_hits(stems: list[str]) -> Any:
    """How many of the query's stems the organisation's name contains (SQL expression)."""
    hits: Any = Value(0)
    for stem in stems:
        variants = case_variants(stem) if connection.vendor == "sqlite" else {stem}
        in_name = Q()
        for variant in variants:
            in_name |= Q(name__icontains=variant)
        hits = hits + Case(When(in_name, then=Value(1)), default=Value(0))
    return hits


def _text_matches(stem: str, visible: QuerySet[CooperationProfile]) -> Q:
    """Organisations whose name, description or a visible profile contains the stem.

    Each part is an `id IN (subquery)`, so that PostgreSQL answers each from its trigram
    indexes once per search (a condition on the organisation's own columns OR'ed with a
    subquery is checked row by row, without the organisations' indexes). A stem too short
    for a trigram has no index to use: its profiles are read per organisation (a
    correlated subquery, which PostgreSQL checks last, only for the organisations the
    other words left), not all of them at once.
    """
    own = Q()
    in_profile = Q()
    # PostgreSQL folds every letter's case (and its trigram indexes are on UPPER(column)),
    # so one spelling is enough there; SQLite's LIKE needs the case variants.
    variants = case_variants(stem) if connection.vendor == "sqlite" else {stem}
    for variant in variants:
        own |= Q(name__icontains=variant) | Q(description__icontains=variant)
        in_profile |= Q(title__icontains=variant) | Q(description__icontains=variant)
    profiles = visible.filter(in_profile)
    if len(stem) < TRIGRAM:
        # A scalar subquery, not EXISTS: PostgreSQL would turn an EXISTS into one pass
        # over every profile.
        mine = profiles.filter(organisation=OuterRef("pk")).order_by()
        first = mine.values("organisation_id")[:1]
        return own | Q(pk=Subquery(first))
    named = Organisation.objects.filter(own).values("pk")
    return Q(pk__in=named) | Q(pk__in=profiles.values("organisation_id"))


def marketplace_organisation(*, user: User, forum: Forum, pk: int) -> Organisation | None:
    """One organisation another delegate may open: approved and visible to them."""
    return (
        scoped(Organisation, user=user, forum=forum)
        .filter(pk=pk, accreditation=Accreditation.APPROVED)
        .prefetch_related(
            "tracks",
            Prefetch(
                "profiles",
                queryset=profiles_visible_to(user=user, forum=forum).prefetch_related("annexes"),
                to_attr="shown_profiles",
            ),
        )
        .first()
    )


def requestable_items(
    *, user: User, viewer: Organisation, owner: Organisation
) -> list[CooperationProfile]:
    """The owner's published items the viewer organisation may request a meeting about."""
    shown = profiles_visible_to(user=user, forum=owner.forum).filter(organisation=owner)
    return [item for item in shown.order_by("side", "title") if item_requestable(viewer, item)]


def counterpart_item(*, owner: Organisation, pk: int) -> CooperationProfile | None:
    """One published item of the owner, by id (the request service checks the rules)."""
    return published_profiles().filter(organisation=owner, pk=pk).first()


def profiles_of_own_organisation(*, organisation: Organisation) -> QuerySet[CooperationProfile]:
    """All profiles of the delegate's own organisation, drafts included."""
    return organisation.profiles.prefetch_related("tracks").order_by("side", "title")
