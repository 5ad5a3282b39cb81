"""Seeded generator of a realistic multilingual forum with known true matches.

Each organisation gets hidden capabilities (facets it offers, things it needs); its profiles are
written as free text in en/uk/lt/lv/et/pl from the phrase lists in
:mod:`matchforum.matching.synthetic_phrases`, with tags sometimes missing or wrong, TRL,
ticket and stage sometimes missing, and filler or distracting sentences. Ground truth is
computed from the hidden capabilities only: (a, b) is a true pair when some need of a is
satisfied by an offer of b *and* some need of b by an offer of a.

Reuse for demo data: :func:`generate_forum` returns plain dataclasses, :func:`generate_dicts`
the JSON input format of docs/matching.md. Names are invented word combinations.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from matchforum.matching.model import Forum, Organisation, Profile, forum_to_dict
from matchforum.matching.synthetic_phrases import (
    DISTRACT,
    FACETS,
    FRAMES,
    NAME_PARTS,
    NOISE,
    ROLE_TITLES,
    STAGE_WORDS,
    TRACK_PHRASES,
    TRACKS,
)

COUNTRIES = [
    ("UA", 0.35),
    ("PL", 0.14),
    ("LT", 0.10),
    ("LV", 0.07),
    ("EE", 0.07),
    ("US", 0.04),
    ("GB", 0.04),
    ("DE", 0.04),
    ("FR", 0.03),
    ("NL", 0.02),
    ("SE", 0.02),
    ("FI", 0.02),
    ("NO", 0.02),
    ("DK", 0.02),
    ("CZ", 0.02),
]
NATIVE = {"UA": "uk", "PL": "pl", "LT": "lt", "LV": "lv", "EE": "et"}
ORG_KIND_MIX = [
    ("producer", 0.45),
    ("buyer", 0.15),
    ("investor", 0.10),
    ("research", 0.12),
    ("association", 0.08),
    ("other", 0.10),
]
STAGE_TICKETS = {  # (need ranges, investor ranges) in EUR
    "seed": ([(3e5, 1e6), (5e5, 1.5e6), (2e5, 8e5)], [(2e5, 1.5e6), (5e5, 2e6)]),
    "series_a": ([(1e6, 3e6), (2e6, 5e6), (1.5e6, 4e6)], [(1e6, 5e6), (2e6, 6e6)]),
    "growth": ([(5e6, 1.5e7), (3e6, 1e7)], [(3e6, 2e7), (5e6, 3e7)]),
}
FACETS_BY_TRACK: dict[str, list[str]] = {}
for _f, (_t, _) in FACETS.items():
    FACETS_BY_TRACK.setdefault(_t, []).append(_f)
COMPONENT_FACETS = [
    "field_power",
    "gnss_antijam",
    "secure_radio",
    "satcom",
    "eo_imagery",
    "target_ai",
    "rf_detector",
    "sonar",
]
FUNDING_TITLES = {
    "en": "Funding round",
    "uk": "Інвестиційний раунд",
    "lt": "Investicijų etapas",
    "lv": "Investīciju kārta",
    "et": "Investeerimisring",
    "pl": "Runda inwestycyjna",
}


@dataclass(frozen=True)
class Hidden:
    """What a profile really means (invisible to the engine)."""

    role: str  # product | technology | supply | wild | svc | rnd | invest
    facet: str | None = None
    tracks: frozenset[str] = frozenset()
    svc: str | None = None
    trl: int | None = None
    stage: str | None = None
    lo: float | None = None
    hi: float | None = None


@dataclass
class SyntheticForum:
    """A generated forum plus its ground truth."""

    forum: Forum
    hidden: dict[str, Hidden]  # profile id -> meaning
    partners: dict[str, set[str]] = field(default_factory=dict)  # org -> true counterparts

    @property
    def true_pairs(self) -> set[frozenset[str]]:
        return {frozenset((a, b)) for a, bs in self.partners.items() for b in bs}


def money_text(lo: float, hi: float, lang: str) -> str:
    """Ticket range as a delegate would type it in that language."""

    def m(v: float) -> str:
        return f"{v / 1e6:g}" if v >= 1e6 else f"{v / 1e6:.1f}".rstrip("0").rstrip(".")

    if hi < 1e6 and lang == "en":
        return f"€{lo / 1e3:.0f}k–{hi / 1e3:.0f}k"
    rng = f"{m(lo)}–{m(hi)}"
    return {
        "en": f"€{rng}M",
        "uk": f"{rng} млн євро",
        "lt": f"{rng} mln. EUR",
        "lv": f"{rng} milj. EUR",
        "et": f"{rng} mln eurot",
        "pl": f"{rng} mln EUR",
    }[lang]


class _Gen:
    def __init__(self, seed: int, noise: float, richness: float = 1.0) -> None:
        self.r = random.Random(seed)
        self.noise = noise
        self.richness = richness
        self.orgs: list[Organisation] = []
        self.profiles: list[Profile] = []
        self.hidden: dict[str, Hidden] = {}
        self.names: set[str] = set()

    def p(self, base: float) -> float:
        """Probability of an optional producer profile, scaled by ``richness``."""
        return min(1.0, base * self.richness)

    def pick(self, weighted: list[tuple[str, float]]) -> str:
        x = self.r.random() * sum(w for _, w in weighted)
        for v, w in weighted:
            x -= w
            if x <= 0:
                return v
        return weighted[-1][0]

    def name(self, kind: str) -> str:
        for _ in range(100):
            n = f"{self.r.choice(NAME_PARTS[0])} {self.r.choice(NAME_PARTS[1][kind])}"
            if n not in self.names:
                break
            n = f"{n} {self.r.randint(2, 99)}"
            if n not in self.names:
                break
        self.names.add(n)
        return n

    def lang_for(self, country: str) -> str:
        native = NATIVE.get(country)
        if native is None:
            return "en" if self.r.random() < 0.92 else self.r.choice(["pl", "lt", "uk"])
        return native if self.r.random() < 0.75 else "en"

    def track_phrase(self, t: str, lang: str) -> str:
        return self.r.choice(TRACK_PHRASES[t][lang])

    def facet_phrase(self, f: str, lang: str, avoid: str | None = None) -> str:
        opts = FACETS[f][1][lang]
        rest = [o for o in opts if o != avoid] or opts
        return self.r.choice(rest)

    def role_title(self, role: str, x: str, lang: str) -> str:
        return f"{ROLE_TITLES[role][lang]}: {x}"

    def tracks_text(self, ts: frozenset[str], lang: str) -> str:
        return ", ".join(self.track_phrase(t, lang) for t in sorted(ts))

    def add(
        self,
        org: Organisation,
        side: str,
        kind: str,
        lang: str,
        frame: str,
        x: str,
        title: str,
        h: Hidden,
        **extra: object,
    ) -> None:
        r = self.r
        body = r.choice(FRAMES[frame][lang])
        if "{t}" in body:
            body = body.replace("{t}", money_text(h.lo or 0, h.hi or 0, lang))
        if "{s}" in body:
            body = body.replace("{s}", STAGE_WORDS[h.stage or "seed"][lang])
        text = body.replace("{x}", x)
        if r.random() < 0.5 * self.noise:
            text += " " + r.choice(NOISE[lang])
        if r.random() < 0.15 * self.noise:  # distracting mention of an unrelated track
            other = r.choice(TRACKS)
            text += " " + r.choice(DISTRACT[lang]).replace("{x}", self.track_phrase(other, lang))
        true_tracks = sorted(h.tracks) if h.tracks else [FACETS[h.facet][0]] if h.facet else []
        tracks = list(true_tracks) if r.random() > 0.35 * self.noise else []
        if r.random() < 0.1 * self.noise:
            tracks.append(r.choice(TRACKS))
        trl = h.trl if (h.trl is not None and r.random() > 0.3 * self.noise) else None
        tix_ok = r.random() > 0.15 * self.noise
        stage = h.stage if (h.stage and r.random() > 0.2 * self.noise) else None
        pid = f"{org.id}-{side[0]}{sum(1 for p in self.profiles if p.org_id == org.id) + 1}"
        self.profiles.append(
            Profile(
                id=pid,
                org_id=org.id,
                side=side,
                kind=kind,
                title=title,
                text=text,
                language=lang,
                tracks=tuple(dict.fromkeys(tracks)),
                trl=trl,
                ticket_min=h.lo if tix_ok else None,
                ticket_max=h.hi if tix_ok else None,
                stage=stage,
                **extra,  # type: ignore[arg-type]
            )
        )
        self.hidden[pid] = h

    # -- organisation archetypes ------------------------------------------------------

    def tracks_for(self, n: int) -> list[str]:
        return self.r.sample(TRACKS, n)

    def producer(self, o: Organisation, lang: str, big: bool) -> None:
        r = self.r
        ts = list(o.tracks)
        facets = []
        for t in ts:
            facets += r.sample(FACETS_BY_TRACK[t], r.randint(1, 2))
        if not big:
            facets = facets[: r.randint(1, 2)]
        for f in facets:
            lg = lang if r.random() < 0.8 else "en"
            title = self.facet_phrase(f, lg)
            trl = r.randint(6, 9)
            self.add(
                o,
                "offer",
                "product",
                lg,
                "offer_product",
                self.facet_phrase(f, lg, title),
                title,
                Hidden("product", facet=f, trl=trl),
            )
        if r.random() < self.p(0.35):
            t = ts[0]
            self.add(
                o,
                "offer",
                "service",
                lang,
                "offer_production",
                self.track_phrase(t, lang),
                self.role_title("production", self.track_phrase(t, lang), lang),
                Hidden("svc", svc="production", tracks=frozenset([t])),
            )
        needs = 0
        main = FACETS[facets[0]][0]
        if r.random() < self.p(0.5):
            stage = r.choice(list(STAGE_TICKETS))
            lo, hi = r.choice(STAGE_TICKETS[stage][0])
            x = self.facet_phrase(facets[0], lang)
            if r.random() < 0.5:
                x += f" ({self.track_phrase(main, lang)})"
            self.add(
                o,
                "need",
                "investment",
                lang,
                "need_investment",
                x,
                FUNDING_TITLES[lang],
                Hidden("invest", tracks=frozenset([main]), stage=stage, lo=lo, hi=hi),
            )
            needs += 1
        if r.random() < self.p(0.45) or needs == 0:
            t = r.choice(ts)
            self.add(
                o,
                "need",
                "service",
                lang,
                "need_testing",
                self.track_phrase(t, lang),
                self.role_title("testing", self.track_phrase(t, lang), lang),
                Hidden("svc", svc="testing", tracks=frozenset([t])),
            )
        if r.random() < self.p(0.2):
            t = r.choice(ts)
            self.add(
                o,
                "need",
                "rnd",
                lang,
                "need_rnd",
                self.track_phrase(t, lang),
                self.role_title("rnd", self.track_phrase(t, lang), lang),
                Hidden("rnd", tracks=frozenset([t]), trl=r.randint(4, 6)),
            )
        if r.random() < self.p(0.2):
            t = r.choice(ts)
            self.add(
                o,
                "need",
                "training",
                lang,
                "need_training",
                self.track_phrase(t, lang),
                self.role_title("training", self.track_phrase(t, lang), lang),
                Hidden("svc", svc="training", tracks=frozenset([t])),
            )
        if r.random() < self.p(0.2):
            f = r.choice([c for c in COMPONENT_FACETS if c not in facets] or COMPONENT_FACETS)
            title = self.facet_phrase(f, lang)
            self.add(
                o,
                "need",
                "supply_chain",
                lang,
                "need_supply",
                self.facet_phrase(f, lang, title),
                title,
                Hidden("supply", facet=f),
            )

    def investor(self, o: Organisation, lang: str) -> None:
        r = self.r
        ts = frozenset(o.tracks)
        for stage in r.sample(list(STAGE_TICKETS), 1 if r.random() < 0.7 else 2):
            lo, hi = r.choice(STAGE_TICKETS[stage][1])
            x = self.tracks_text(ts, lang)
            self.add(
                o,
                "offer",
                "investment",
                lang,
                "offer_investment",
                x,
                f"{o.name.split()[0]}: {x}",
                Hidden("invest", tracks=ts, stage=stage, lo=lo, hi=hi),
            )
        x = self.tracks_text(ts, lang)
        self.add(
            o,
            "need",
            "product",
            lang,
            "need_dealflow",
            x,
            self.role_title("dealflow", x, lang),
            Hidden("wild", tracks=ts),
        )

    def buyer(self, o: Organisation, lang: str) -> None:
        r = self.r
        ts = list(o.tracks)
        fs = []
        for t in ts:
            fs += r.sample(FACETS_BY_TRACK[t], 1)
        for f in fs[: r.randint(1, 3)]:
            title = self.facet_phrase(f, lang)
            trl = r.choice([None, 7, 8])
            self.add(
                o,
                "need",
                "product",
                lang,
                "need_product",
                self.facet_phrase(f, lang, title),
                title,
                Hidden("product", facet=f, trl=trl),
                countries_of_interest=tuple(r.sample(["UA", "PL", "LT", "LV", "EE", "DE"], 2))
                if r.random() < 0.2
                else (),
            )
        x = self.tracks_text(frozenset(ts), lang)
        self.add(
            o,
            "offer",
            "service",
            lang,
            "offer_testing",
            x,
            self.role_title("testing", x, lang),
            Hidden("svc", svc="testing", tracks=frozenset(ts)),
        )

    def research(self, o: Organisation, lang: str) -> None:
        r = self.r
        ts = list(o.tracks)
        fs = []
        for t in ts:
            fs += r.sample(FACETS_BY_TRACK[t], 1)
        for f in fs[: r.randint(1, 2)]:
            title = self.facet_phrase(f, lang)
            self.add(
                o,
                "offer",
                "technology",
                lang,
                "offer_technology",
                self.facet_phrase(f, lang, title),
                title,
                Hidden("technology", facet=f, trl=r.randint(3, 6)),
            )
        x = self.tracks_text(frozenset(ts), lang)
        self.add(
            o,
            "need",
            "service",
            lang,
            "need_production",
            x,
            self.role_title("production", x, lang),
            Hidden("svc", svc="production", tracks=frozenset(ts)),
        )

    def association(self, o: Organisation, lang: str) -> None:
        ts = frozenset(o.tracks)
        x = self.tracks_text(ts, lang)
        self.add(
            o,
            "offer",
            "training",
            lang,
            "offer_training",
            x,
            self.role_title("training", x, lang),
            Hidden("svc", svc="training", tracks=ts),
        )
        self.add(
            o,
            "need",
            "product",
            lang,
            "need_members",
            x,
            self.role_title("members", x, lang),
            Hidden("wild", tracks=ts),
        )


def _satisfies(n: Hidden, o: Hidden) -> bool:
    if n.role in ("product", "supply"):
        if o.role not in ("product", "technology") or o.facet != n.facet:
            return False
        if n.role == "supply" and o.role != "product":
            return False
        return n.trl is None or o.trl is None or o.trl >= n.trl - 2
    if n.role == "wild":
        return o.role in ("product", "technology") and FACETS[o.facet][0] in n.tracks  # type: ignore[index]
    if n.role == "svc":
        return o.role == "svc" and o.svc == n.svc and bool(n.tracks & o.tracks)
    if n.role == "rnd":
        return o.role == "technology" and FACETS[o.facet][0] in n.tracks  # type: ignore[index]
    if n.role == "invest":
        return (
            o.role == "invest"
            and bool(n.tracks & o.tracks)
            and n.stage == o.stage
            and (n.lo or 0) <= (o.hi or 0)
            and (o.lo or 0) <= (n.hi or 0)
        )
    return False


def ground_truth(sf: SyntheticForum) -> dict[str, set[str]]:
    """Mutual partners from hidden meanings (blocked by coarse keys to stay near-linear)."""
    offers_by_key: dict[tuple, list[tuple[str, Hidden]]] = {}
    for p in sf.forum.profiles:
        if p.side != "offer":
            continue
        h = sf.hidden[p.id]
        keys: list[tuple] = []
        if h.facet:
            keys += [("f", h.facet), ("t", FACETS[h.facet][0])]
        for t in h.tracks:
            keys.append((h.role, h.svc, t))
        for k in keys:
            offers_by_key.setdefault(k, []).append((p.org_id, h))
    sat: dict[str, set[str]] = {o.id: set() for o in sf.forum.organisations}
    for p in sf.forum.profiles:
        if p.side != "need":
            continue
        n = sf.hidden[p.id]
        if n.role in ("product", "supply"):
            keys = [("f", n.facet)]
        elif n.role in ("wild", "rnd"):
            keys = [("t", t) for t in n.tracks]
        else:
            keys = [(n.role, n.svc, t) for t in n.tracks]
        for k in keys:
            for oid, h in offers_by_key.get(k, []):
                if oid != p.org_id and _satisfies(n, h):
                    sat[p.org_id].add(oid)
    return {a: {b for b in bs if a in sat[b]} for a, bs in sat.items()}


def generate_forum(
    n_orgs: int = 300,
    seed: int = 0,
    noise: float = 1.0,
    with_truth: bool = True,
    richness: float = 1.0,
) -> SyntheticForum:
    """A synthetic forum of ``n_orgs`` organisations (deterministic for a seed).

    ``noise`` scales the probabilities of missing/wrong tags, missing TRL/ticket/stage and filler
    sentences (0 = clean). About 3 profiles per organisation; ``richness`` > 1 makes producers
    list more optional offers and needs (3.0 gives about 4 per organisation, e.g. 300
    organisations with ~1,200 offers and needs for a demo forum).
    """
    g = _Gen(seed, noise, richness)
    r = g.r
    for i in range(n_orgs):
        kind = g.pick(ORG_KIND_MIX)
        country = g.pick(COUNTRIES)
        if kind == "investor" and r.random() < 0.5:
            country = r.choice(["US", "GB", "DE", "PL", "LT", "EE", "UA"])
        lang = g.lang_for(country)
        big = kind == "producer" and r.random() < 0.04
        n_tracks = {
            "producer": 4 if big else r.choice([1, 1, 2]),
            "investor": r.randint(1, 3),
            "buyer": r.randint(1, 3),
            "research": r.choice([1, 2]),
            "association": r.randint(1, 3),
            "other": r.choice([1, 2]),
        }[kind]
        o = Organisation(
            id=f"org{i:05d}",
            name=g.name(kind),
            country=country,
            kind=kind,
            tracks=tuple(g.tracks_for(n_tracks)),
            capacity=r.choice([8, 10, 12, 16]) if not big else 20,
        )
        g.orgs.append(o)
        if kind == "producer":
            g.producer(o, lang, big)
        elif kind == "investor":
            g.investor(o, "en" if r.random() < 0.6 else lang)
        elif kind == "buyer":
            g.buyer(o, lang)
        elif kind == "research":
            g.research(o, lang)
        else:
            g.association(o, lang)
    sf = SyntheticForum(Forum(g.orgs, g.profiles), g.hidden)
    if with_truth:
        sf.partners = ground_truth(sf)
    return sf


def generate_dicts(
    n_orgs: int = 300, seed: int = 0, noise: float = 1.0, richness: float = 1.0
) -> dict:
    """The same forum in the JSON input format (organisations with offers and needs)."""
    return forum_to_dict(
        generate_forum(n_orgs, seed, noise, with_truth=False, richness=richness).forum
    )
