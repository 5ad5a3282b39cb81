"""Plain data types the matching engine works on.

The web layer converts its ORM rows into these dataclasses (or into the JSON format described in
docs/matching.md) so the engine never imports Django and can be run on any forum's data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ORG_KINDS = ("producer", "investor", "buyer", "research", "association", "other")
SIDES = ("offer", "need")
PROFILE_KINDS = (
    "product",
    "service",
    "technology",
    "investment",
    "training",
    "rnd",
    "supply_chain",
)
LANGUAGES = ("en", "uk", "lt", "lv", "et", "pl")
STAGES = ("idea", "seed", "series_a", "growth", "scale")


@dataclass(frozen=True)
class Organisation:
    """A participant organisation; ``capacity`` = meetings it can take (None = default)."""

    id: str
    name: str
    country: str
    kind: str
    tracks: tuple[str, ...] = ()
    vetted: bool = True
    opted_out: bool = False
    capacity: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in ORG_KINDS:
            raise ValueError(f"organisation {self.id}: unknown kind {self.kind!r}")
        object.__setattr__(self, "country", self.country.upper())
        object.__setattr__(self, "tracks", tuple(self.tracks))


@dataclass(frozen=True)
class Profile:
    """One offer or need of an organisation, written in free text in one language."""

    id: str
    org_id: str
    side: str
    kind: str
    title: str
    text: str = ""
    language: str = "en"
    tracks: tuple[str, ...] = ()
    trl: int | None = None
    ticket_min: float | None = None
    ticket_max: float | None = None
    stage: str | None = None
    countries_of_interest: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.side not in SIDES:
            raise ValueError(f"profile {self.id}: unknown side {self.side!r}")
        if self.kind not in PROFILE_KINDS:
            raise ValueError(f"profile {self.id}: unknown kind {self.kind!r}")
        if self.trl is not None and not 1 <= int(self.trl) <= 9:
            raise ValueError(f"profile {self.id}: TRL must be 1..9, got {self.trl}")
        if self.stage is not None and self.stage not in STAGES:
            raise ValueError(f"profile {self.id}: unknown stage {self.stage!r}")
        object.__setattr__(self, "tracks", tuple(self.tracks))
        object.__setattr__(
            self, "countries_of_interest", tuple(c.upper() for c in self.countries_of_interest)
        )


@dataclass
class Exclusions:
    """Directional pairs (a, b) meaning "a must not be shown b".

    ``requested``: a already asked b for a meeting (or the reverse, stored both ways by the caller);
    ``declined``: a declined a meeting with b; ``not_interested``: a marked b "not interested".
    """

    requested: set[tuple[str, str]] = field(default_factory=set)
    declined: set[tuple[str, str]] = field(default_factory=set)
    not_interested: set[tuple[str, str]] = field(default_factory=set)

    def reason(self, a: str, b: str) -> str | None:
        """Why b is excluded from a's list, or None."""
        if (a, b) in self.requested or (b, a) in self.requested:
            return "a meeting between them has already been requested"
        if (a, b) in self.declined or (b, a) in self.declined:
            return "a meeting between them was declined"
        if (a, b) in self.not_interested:
            return "the organisation marked the counterpart as not interested"
        if (b, a) in self.not_interested:
            return "the counterpart marked the organisation as not interested"
        return None

    def blocked_for(self, a: str) -> set[str]:
        """All organisations excluded from a's list."""
        out: set[str] = set()
        for pairs in (self.requested, self.declined, self.not_interested):
            for x, y in pairs:
                if x == a:
                    out.add(y)
                elif y == a:
                    out.add(x)
        return out


@dataclass
class Forum:
    """Everything the engine needs: organisations, their profiles and exclusions."""

    organisations: list[Organisation]
    profiles: list[Profile]
    exclusions: Exclusions = field(default_factory=Exclusions)

    def profiles_by_org(self) -> dict[str, list[Profile]]:
        out: dict[str, list[Profile]] = {o.id: [] for o in self.organisations}
        for p in self.profiles:
            out.setdefault(p.org_id, []).append(p)
        return out


def _tuple(v: Iterable[str] | str | None) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(v)


def forum_from_dict(data: dict) -> Forum:
    """Parse the JSON input format (see docs/matching.md) into a :class:`Forum`."""
    orgs: list[Organisation] = []
    profiles: list[Profile] = []
    for o in data["organisations"]:
        oid = str(o["id"])
        orgs.append(
            Organisation(
                id=oid,
                name=o.get("name", oid),
                country=o.get("country", ""),
                kind=o.get("kind", "other"),
                tracks=_tuple(o.get("tracks")),
                vetted=bool(o.get("vetted", True)),
                opted_out=bool(o.get("opted_out", False)),
                capacity=o.get("capacity"),
            )
        )
        for side, key in (("offer", "offers"), ("need", "needs")):
            for i, p in enumerate(o.get(key, [])):
                profiles.append(
                    Profile(
                        id=str(p.get("id", f"{oid}:{side}:{i}")),
                        org_id=oid,
                        side=side,
                        kind=p.get("kind", "product"),
                        title=p.get("title", ""),
                        text=p.get("text", ""),
                        language=p.get("language", "en"),
                        tracks=_tuple(p.get("tracks")),
                        trl=p.get("trl"),
                        ticket_min=p.get("ticket_min"),
                        ticket_max=p.get("ticket_max"),
                        stage=p.get("stage"),
                        countries_of_interest=_tuple(p.get("countries_of_interest")),
                    )
                )
    ex = data.get("exclusions", {})
    exclusions = Exclusions(
        requested={tuple(map(str, x)) for x in ex.get("requested", [])},
        declined={tuple(map(str, x)) for x in ex.get("declined", [])},
        not_interested={tuple(map(str, x)) for x in ex.get("not_interested", [])},
    )
    return Forum(orgs, profiles, exclusions)


def forum_to_dict(forum: Forum) -> dict:
    """Inverse of :func:`forum_from_dict` (used by the synthetic generator and tests)."""
    by_org = forum.profiles_by_org()
    orgs = []
    for o in forum.organisations:
        d: dict = {
            "id": o.id,
            "name": o.name,
            "country": o.country,
            "kind": o.kind,
            "tracks": list(o.tracks),
            "vetted": o.vetted,
            "opted_out": o.opted_out,
        }
        if o.capacity is not None:
            d["capacity"] = o.capacity
        d["offers"] = []
        d["needs"] = []
        for p in by_org.get(o.id, []):
            pd = {
                "id": p.id,
                "kind": p.kind,
                "title": p.title,
                "text": p.text,
                "language": p.language,
                "tracks": list(p.tracks),
            }
            for k in ("trl", "ticket_min", "ticket_max", "stage"):
                if getattr(p, k) is not None:
                    pd[k] = getattr(p, k)
            if p.countries_of_interest:
                pd["countries_of_interest"] = list(p.countries_of_interest)
            d["offers" if p.side == "offer" else "needs"].append(pd)
        orgs.append(d)
    ex = forum.exclusions
    return {
        "organisations": orgs,
        "exclusions": {
            "requested": sorted(map(list, ex.requested)),
            "declined": sorted(map(list, ex.declined)),
            "not_interested": sorted(map(list, ex.not_interested)),
        },
    }
