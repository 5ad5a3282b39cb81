"""The demo forum as plain data, drawn from one `random.Random(seed)`.

This module knows nothing of Django: `forum_plan` returns dataclasses that refer to
each other by list index, and `services.demo_forum_seed` writes them with
`bulk_create`. The same size, scale and seed always give the same plan.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from unidecode import unidecode

from matchforum.forums.taxonomy import TRACK_SLUGS

from .phrasebook import phrasebook

EMAIL_DOMAIN = "demo.matchforum.test"
FORUM_SLUG = "baltic-ukrainian-forum-2027"
FORUM_NAME = "Baltic–Ukrainian Defence Industry Forum 2027"
TIME_ZONE = "Europe/Kyiv"
TZ = ZoneInfo(TIME_ZONE)
DAYS = [dt.date(2027, 3, 16), dt.date(2027, 3, 17)]
SESSIONS = [
    ("morning", dt.time(9, 0), dt.time(12, 30)),
    ("afternoon", dt.time(14, 0), dt.time(17, 30)),
]
SLOT_MINUTES = 30
MAX_REQUESTS_PER_DELEGATE = 30
MAX_MEETINGS_PER_DELEGATE = 16
# The demo accounts keep room to send requests and accept meetings when someone tries them.
DEMO_ACCOUNT_MAX_SENT = 8
DEMO_ACCOUNT_MAX_MEETINGS = 10
REQUEST_EXPIRY_HOURS = 72

# Moments of the forum's calendar, all fixed so that the content is deterministic.
REGISTRATION_OPENS = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TZ)
REGISTRATION_DEADLINE = dt.datetime(2027, 2, 26, 23, 59, tzinfo=TZ)
REQUESTS_OPEN = dt.datetime(2027, 1, 25, 9, 0, tzinfo=TZ)
SNAPSHOT = dt.datetime(2027, 3, 11, 12, 0, tzinfo=TZ)  # "now" of the demo's history
REQUEST_DEADLINE = dt.datetime(2027, 3, 13, 18, 0, tzinfo=TZ)
SCHEDULE_PUBLICATION = dt.datetime(2027, 3, 14, 12, 0, tzinfo=TZ)

SIZES: dict[str, dict[str, int]] = {
    "small": {
        "organisations": 300,
        "delegates": 600,
        "profiles": 1200,
        "requests": 2500,
        "tables": 50,
        "online": 10,
    },
    "large": {
        "organisations": 3000,
        "delegates": 6000,
        "profiles": 12000,
        "requests": 25000,
        "tables": 500,
        "online": 100,
    },
}

# How attractive a counterpart of a kind is to a sender of a kind (complementarity).
COMPLEMENT: dict[str, dict[str, float]] = {
    "producer": {
        "buyer": 4,
        "investor": 3,
        "producer": 1,
        "research": 1.5,
        "association": 0.6,
        "other": 0.4,
    },
    "investor": {
        "producer": 4,
        "research": 1.5,
        "investor": 0.3,
        "buyer": 0.5,
        "association": 0.5,
        "other": 0.2,
    },
    "buyer": {
        "producer": 4,
        "research": 1,
        "buyer": 0.3,
        "investor": 0.3,
        "association": 0.8,
        "other": 0.5,
    },
    "research": {
        "producer": 3,
        "investor": 2,
        "buyer": 1.5,
        "research": 1.5,
        "association": 0.5,
        "other": 0.3,
    },
    "association": {
        "producer": 2,
        "buyer": 1.5,
        "association": 1,
        "investor": 1,
        "research": 1,
        "other": 0.5,
    },
    "other": {
        "producer": 2,
        "investor": 1,
        "buyer": 1,
        "research": 0.5,
        "association": 0.8,
        "other": 0.2,
    },
}
SENDER_ACTIVITY = {
    "producer": 1.3,
    "investor": 0.9,
    "buyer": 0.5,
    "research": 0.8,
    "association": 0.5,
    "other": 0.6,
}

ACCEPT_BY_QUALITY = [0.40, 0.58, 0.665]
OTHER_STATUS_WEIGHTS = {"declined": 0.52, "pending": 0.2, "withdrawn": 0.1, "expired": 0.18}


# The joint organising committee: the chair and a team per participating country.
PARTICIPATING_COUNTRIES = ["UA", "LT", "LV", "EE", "PL"]
# Account key -> (team country, "" for the chair; role).
COMMITTEE_SEATS = {
    "organiser": ("", "organiser"),
    "vetting": ("", "vetting_officer"),
    **{f"vetting-{code.lower()}": (code, "vetting_officer") for code in PARTICIPATING_COUNTRIES},
}


@dataclass
class DemoAccount:
    key: str
    role: str
    email: str
    first_name: str
    last_name: str
    language: str


# The chair's organiser and vetting officer, a vetting officer of each country team and
# five delegates with sign-in details.
ACCOUNTS = [
    DemoAccount(
        "organiser", "Organiser", f"organiser@{EMAIL_DOMAIN}", "Ieva", "Petrauskaitė", "lt"
    ),
    DemoAccount(
        "vetting", "Vetting officer", f"vetting@{EMAIL_DOMAIN}", "Mārtiņš", "Kalniņš", "lv"
    ),
    DemoAccount(
        "vetting-ua",
        "Vetting officer, Ukrainian team",
        f"vetting.ua@{EMAIL_DOMAIN}",
        "Oksana",
        "Hrytsenko",
        "uk",
    ),
    DemoAccount(
        "vetting-lt",
        "Vetting officer, Lithuanian team",
        f"vetting.lt@{EMAIL_DOMAIN}",
        "Rūta",
        "Jankauskienė",
        "lt",
    ),
    DemoAccount(
        "vetting-lv",
        "Vetting officer, Latvian team",
        f"vetting.lv@{EMAIL_DOMAIN}",
        "Jānis",
        "Ozols",
        "lv",
    ),
    DemoAccount(
        "vetting-ee",
        "Vetting officer, Estonian team",
        f"vetting.ee@{EMAIL_DOMAIN}",
        "Kadri",
        "Tamm",
        "et",
    ),
    DemoAccount(
        "vetting-pl",
        "Vetting officer, Polish team",
        f"vetting.pl@{EMAIL_DOMAIN}",
        "Agnieszka",
        "Nowak",
        "pl",
    ),
    DemoAccount(
        "drones-ua",
        "Delegate: Ukrainian drone producer",
        f"drones.ua@{EMAIL_DOMAIN}",
        "Olena",
        "Kovalenko",
        "uk",
    ),
    DemoAccount(
        "investor-lv",
        "Delegate: Latvian investor",
        f"investor.lv@{EMAIL_DOMAIN}",
        "Līga",
        "Ozoliņa",
        "lv",
    ),
    DemoAccount(
        "demining-lt",
        "Delegate: Lithuanian demining producer",
        f"demining.lt@{EMAIL_DOMAIN}",
        "Mantas",
        "Jankauskas",
        "lt",
    ),
    DemoAccount(
        "brigade-ua",
        "Delegate: Ukrainian brigade procurement office",
        f"brigade.ua@{EMAIL_DOMAIN}",
        "Andrii",
        "Melnyk",
        "uk",
    ),
    DemoAccount(
        "pending-pl",
        "Delegate of an organisation awaiting vetting",
        f"pending.pl@{EMAIL_DOMAIN}",
        "Piotr",
        "Zieliński",
        "pl",
    ),
]
# Delegate accounts: (key, country, kind, tracks, accreditation, role).
SPECIAL_ORGS = [
    (
        "drones-ua",
        "UA",
        "producer",
        ["unmanned-systems", "counter-uas"],
        "approved",
        "Head of Business Development",
    ),
    (
        "investor-lv",
        "LV",
        "investor",
        ["unmanned-systems", "c4isr", "cyber"],
        "approved",
        "Investment Director",
    ),
    ("demining-lt", "LT", "producer", ["demining", "unmanned-systems"], "approved", "CEO"),
    (
        "brigade-ua",
        "UA",
        "buyer",
        ["unmanned-systems", "electronic-warfare", "medical"],
        "approved",
        "Head of Procurement",
    ),
    (
        "pending-pl",
        "PL",
        "producer",
        ["armoured-vehicles", "maintenance-repair"],
        "pending",
        "Founder",
    ),
]


@dataclass
class Decision:
    previous: str
    decision: str
    reason: str
    reviewer: str  # account key
    at: dt.datetime


@dataclass
class OrgPlan:
    name: str
    country: str
    kind: str
    size: str
    tracks: list[str]
    website: str
    description: str
    visibility: str
    accreditation: str
    reason: str = ""
    decisions: list[Decision] = field(default_factory=list)
    attractiveness: float = 1.0
    delegates: list[int] = field(default_factory=list)
    profiles: list[int] = field(default_factory=list)


@dataclass
class DelegatePlan:
    org: int
    email: str
    first_name: str
    last_name: str
    language: str
    languages: list[str]
    role: str
    attendance: str
    is_contact: bool
    unavailable: list[int]
    time_zone: str = ""
    account: str = ""


@dataclass
class ProfilePlan:
    org: int
    side: str
    kind: str
    title: str
    description: str
    language: str
    tracks: list[str]
    trl: int | None
    ticket_min: int | None
    ticket_max: int | None
    stage: str
    countries: list[str]


@dataclass
class RequestPlan:
    sender: int
    recipient_org: int
    recipient: int | None
    message: str
    session_wish: str
    priority: int
    status: str
    decline_reason: str
    responder: int | None
    created_at: dt.datetime
    responded_at: dt.datetime | None
    expires_at: dt.datetime
    meeting_mode: str = ""


@dataclass
class ForumPlan:
    seed: int
    size: str
    tables: int
    online: int
    slot_count: int
    organisations: list[OrgPlan]
    delegates: list[DelegatePlan]
    profiles: list[ProfilePlan]
    requests: list[RequestPlan]


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a number."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _ascii_slug(text: str) -> str:
    return "".join(ch for ch in unidecode(text).lower() if ch.isalnum())


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Planner:
    def __init__(self, *, size: str, seed: int, scale: float) -> None:
        if size not in SIZES:
            raise ValueError(f"Unknown size {size!r}; choose one of {', '.join(SIZES)}.")
        self.rng = random.Random(f"matchforum-demo:{size}:{seed}")
        self.pb = phrasebook()
        self.seed, self.size = seed, size
        spec = SIZES[size]
        self.n_orgs = max(len(SPECIAL_ORGS) + 10, round(spec["organisations"] * scale))
        self.n_delegates = max(self.n_orgs, round(spec["delegates"] * scale))
        self.n_profiles = max(self.n_orgs, round(spec["profiles"] * scale))
        self.n_requests = round(spec["requests"] * scale)
        self.tables, self.online = spec["tables"], spec["online"]
        self.slot_count = len(DAYS) * sum(
            (dt.datetime.combine(DAYS[0], end) - dt.datetime.combine(DAYS[0], start))
            // dt.timedelta(minutes=SLOT_MINUTES)
            for _part, start, end in SESSIONS
        )
        self.names: set[str] = set()
        self.emails: set[str] = {a.email for a in ACCOUNTS}
        self.orgs: list[OrgPlan] = []
        self.delegates: list[DelegatePlan] = []
        self.profiles: list[ProfilePlan] = []
        self.requests: list[RequestPlan] = []

    # -- organisations -------------------------------------------------------------
    def _stem(self, country: str) -> str:
        first, second = self.pb.name_syllables[country]
        return self.rng.choice(first) + self.rng.choice(second)

    def _org_name(
        self, country: str, kind: str, tracks: list[str], key: str = ""
    ) -> tuple[str, str]:
        """A unique invented name, and the words its web domain is made of."""
        rng = self.rng
        for _attempt in range(50):
            stem = self._stem(country)
            word = rng.choice(self.pb.track_words[rng.choice(tracks)])
            if kind == "producer":
                body = rng.choice(
                    [
                        stem,
                        f"{stem} {word}",
                        f"{stem} {word}",
                        f"{stem}{rng.choice(['', ' Defence', ' Tech'])}",
                    ]
                )
                name = f"{body} {self.pb.legal_form[country]}".replace("  ", " ")
            elif kind == "investor":
                name = f"{stem} {rng.choice(self.pb.investor_words)} {self.pb.legal_form[country]}"
            elif kind == "buyer":
                forms = self.pb.buyer_forms["UA" if country == "UA" else "other"]
                if key == "brigade-ua":
                    forms = forms[:2]  # a brigade's own procurement office
                name = rng.choice(forms).format(stem=stem, word=word)
            elif kind == "research":
                name = rng.choice(self.pb.research_forms).format(stem=stem)
            elif kind == "association":
                name = rng.choice(self.pb.association_forms).format(stem=stem, word=word)
            else:
                form = rng.choice(self.pb.other_forms).format(stem=stem)
                name = f"{form} {self.pb.legal_form[country]}"
            if name.lower() not in self.names:
                self.names.add(name.lower())
                domain = (
                    name.replace(self.pb.legal_form[country], "")
                    if kind in {"producer", "investor", "other"}
                    else f"{stem} {word if kind == 'association' else ''}"
                )
                return name, domain
        raise RuntimeError("Could not invent a unique organisation name.")  # pragma: no cover

    def _tracks(self, country: str, count: int, forced: list[str] | None = None) -> list[str]:
        if forced:
            return list(forced)
        weights = {slug: self.pb.track_base_weights[slug] for slug in TRACK_SLUGS}
        for slug, extra in self.pb.country_track_bias.get(country, {}).items():
            weights[slug] += extra
        chosen: list[str] = []
        while len(chosen) < count:
            slug = _weighted(self.rng, {k: v for k, v in weights.items() if k not in chosen})
            chosen.append(slug)
        return chosen

    def _org_description(self, org: OrgPlan) -> str:
        rng = self.rng
        sentences = self.pb.org_text[org.kind]
        keep = [
            sentences[0],
            *rng.sample(sentences[1:], k=min(len(sentences) - 1, rng.randint(1, 3))),
        ]
        tracks = _join([self.pb.track_names[t]["en"] for t in org.tracks])
        values = {
            "name": org.name,
            "adj": self.pb.country_adjective[org.country],
            "size": self.pb.size_words[org.size],
            "tracks": tracks,
            "year": rng.randint(1994, 2024),
            "since": rng.choice([2014, 2022, 2023, 2024]),
            "city": rng.choice(self.pb.country_cities[org.country]),
            "deals": rng.randint(4, 40),
            "members": rng.randint(12, 140),
        }
        return " ".join(s.format(**values) for s in keep)

    def _accreditation(self, org: OrgPlan, forced: str | None) -> None:
        rng = self.rng
        state = forced or _weighted(
            rng, {"approved": 90, "pending": 4.5, "needs_information": 3.5, "rejected": 2}
        )
        span = (REGISTRATION_DEADLINE - REGISTRATION_OPENS).total_seconds()
        at = REGISTRATION_OPENS + dt.timedelta(seconds=rng.uniform(0.05, 0.85) * span)
        reviewer = "vetting" if rng.random() < 0.85 else "organiser"
        org.accreditation = state
        if state == "pending":
            return
        if state == "approved":
            if rng.random() < 0.12:  # asked for more first, approved after the answer
                reason = rng.choice(self.pb.needs_information_reasons)
                org.decisions.append(Decision("pending", "needs_information", reason, reviewer, at))
                at += dt.timedelta(days=rng.randint(2, 9), hours=rng.randint(0, 8))
                org.decisions.append(Decision("needs_information", "approved", "", reviewer, at))
            else:
                org.decisions.append(Decision("pending", "approved", "", reviewer, at))
            return
        pool = (
            self.pb.needs_information_reasons
            if state == "needs_information"
            else self.pb.rejection_reasons
        )
        org.reason = rng.choice(pool)
        org.decisions.append(Decision("pending", state, org.reason, reviewer, at))

    def plan_organisations(self) -> None:
        rng = self.rng
        for index in range(self.n_orgs):
            forced = SPECIAL_ORGS[index] if index < len(SPECIAL_ORGS) else None
            if forced:
                key, country, kind, forced_tracks, forced_state, _role = forced
            else:
                country = _weighted(rng, self.pb.country_weights)
                kind = _weighted(rng, self.pb.org_kind_weights)
                if kind == "buyer" and country not in {"UA", "LT", "LV", "EE", "PL"}:
                    kind = "producer"  # buyers come from the front-line and host states
                key, forced_tracks, forced_state = "", None, None
            size = _weighted(rng, self.pb.size_weights[kind])
            tracks = self._tracks(country, rng.choice([1, 2, 2, 3, 3, 4]), forced_tracks)
            name, domain = self._org_name(country, kind, tracks, key)
            slug = _ascii_slug(domain)[:30] or f"org{index}"
            website = f"https://{slug}.{country.lower()}.example"
            org = OrgPlan(
                name=name,
                country=country,
                kind=kind,
                size=size,
                tracks=tracks,
                website=website if kind != "buyer" or rng.random() < 0.3 else "",
                description="",
                visibility="listed" if rng.random() < 0.93 else "unlisted",
                accreditation="pending",
                attractiveness={"micro": 0.7, "small": 1, "medium": 1.4, "large": 1.8}[size]
                * (2.5 if forced else 1),
            )
            org.description = self._org_description(org)
            self._accreditation(org, forced_state)
            self.orgs.append(org)

    # -- delegates -----------------------------------------------------------------
    def _person(self, country: str) -> tuple[str, str]:
        rng = self.rng
        male_first, female_first, male_last, female_last = self.pb.people[country]
        if rng.random() < 0.62:
            return rng.choice(male_first), rng.choice(male_last)
        index = rng.randrange(len(male_last))
        last = female_last[index % len(female_last)] if female_last else male_last[index]
        return rng.choice(female_first), last

    def _email(self, first: str, last: str) -> str:
        base = f"{_ascii_slug(first)}.{_ascii_slug(last)}"
        for n in itertools.count(1):
            email = f"{base}@{EMAIL_DOMAIN}" if n == 1 else f"{base}{n}@{EMAIL_DOMAIN}"
            if email not in self.emails:
                self.emails.add(email)
                return email
        raise AssertionError  # pragma: no cover

    def _unavailable(self) -> list[int]:
        rng, n = self.rng, self.slot_count
        if rng.random() > 0.14:
            return []
        per_session = n // (len(DAYS) * len(SESSIONS))
        pattern = rng.choice(["arrives late", "leaves early", "panel", "panel", "long lunch"])
        if pattern == "arrives late":
            return list(range(0, per_session))
        if pattern == "leaves early":
            return list(range(n - per_session, n))
        if pattern == "long lunch":
            start = per_session * rng.choice([1, 3])
            return list(range(start, start + rng.randint(1, 2)))
        start = rng.randrange(0, n - 3)
        return list(range(start, start + rng.randint(1, 3)))

    def _languages(self, country: str) -> tuple[str, list[str]]:
        rng = self.rng
        native = self.pb.country_language.get(country)
        if native is None:
            return "en", ["en"]
        spoken = [native]
        if rng.random() < (0.75 if native == "uk" else 0.95):
            spoken.append("en")
        if native in {"lt", "lv", "et", "pl"} and rng.random() < 0.25:
            spoken.append("uk")
        if native == "uk" and rng.random() < 0.15:
            spoken.append("pl")
        return native if rng.random() < 0.6 or "en" not in spoken else "en", spoken

    def plan_delegates(self) -> None:
        rng = self.rng
        counts = [1] * len(self.orgs)
        size_weight = {"micro": 1, "small": 2, "medium": 3, "large": 4}
        weights = [size_weight[o.size] for o in self.orgs]
        for index in rng.choices(
            range(len(self.orgs)), weights=weights, k=self.n_delegates - len(self.orgs)
        ):
            counts[index] += 1
        accounts = {a.key: a for a in ACCOUNTS}
        for org_index, (org, count) in enumerate(zip(self.orgs, counts, strict=True)):
            roles = rng.sample(self.pb.roles[org.kind], k=min(count, len(self.pb.roles[org.kind])))
            for position in range(count):
                special = (
                    SPECIAL_ORGS[org_index]
                    if org_index < len(SPECIAL_ORGS) and position == 0
                    else None
                )
                if special:
                    account = accounts[special[0]]
                    first, last, email = account.first_name, account.last_name, account.email
                    language, spoken = account.language, [account.language, "en"]
                    role = special[5]
                else:
                    first, last = self._person(org.country)
                    email = self._email(first, last)
                    language, spoken = self._languages(org.country)
                    role = (
                        roles[position]
                        if position < len(roles)
                        else rng.choice(self.pb.roles[org.kind])
                    )
                far = org.country in {"US", "CA"}
                attendance = _weighted(
                    rng,
                    {
                        "onsite": 80 if far else 90,
                        "online": 14 if far else 5,
                        "either": 6 if far else 5,
                    },
                )
                if special:
                    attendance = "onsite"
                org.delegates.append(len(self.delegates))
                self.delegates.append(
                    DelegatePlan(
                        org=org_index,
                        email=email,
                        first_name=first,
                        last_name=last,
                        language=language,
                        languages=spoken,
                        role=role,
                        attendance=attendance,
                        is_contact=position == 0,
                        unavailable=[] if special else self._unavailable(),
                        time_zone=self.pb.time_zones[org.country],
                        account=special[0] if special else "",
                    )
                )

    # -- profiles ------------------------------------------------------------------
    def _profile_language(self, country: str) -> str:
        native = self.pb.country_language.get(country)
        if native is None:
            return "en"
        if native == "uk":
            return "uk" if self.rng.random() < 0.6 else "en"
        return native if self.rng.random() < 0.35 else "en"

    def _side_kind(self, org_kind: str) -> tuple[str, str]:
        rng = self.rng
        options = {
            "producer": {
                ("offer", "product"): 34,
                ("offer", "technology"): 10,
                ("offer", "service"): 8,
                ("offer", "supply_chain"): 8,
                ("offer", "training"): 3,
                ("need", "investment"): 10,
                ("need", "supply_chain"): 12,
                ("need", "rnd"): 7,
                ("need", "technology"): 4,
                ("offer", "rnd"): 4,
            },
            "investor": {("offer", "investment"): 80, ("need", "technology"): 20},
            "buyer": {
                ("need", "product"): 45,
                ("need", "service"): 15,
                ("need", "training"): 12,
                ("need", "technology"): 12,
                ("need", "supply_chain"): 8,
                ("offer", "training"): 8,
            },
            "research": {
                ("offer", "rnd"): 40,
                ("offer", "technology"): 25,
                ("need", "investment"): 10,
                ("need", "rnd"): 15,
                ("offer", "training"): 10,
            },
            "association": {
                ("offer", "service"): 40,
                ("offer", "training"): 30,
                ("need", "supply_chain"): 30,
            },
            "other": {("offer", "service"): 70, ("offer", "training"): 15, ("need", "rnd"): 15},
        }[org_kind]
        keys = list(options)
        return rng.choices(keys, weights=[options[k] for k in keys])[0]

    def _countries(self, own: str) -> list[str]:
        pool = [c for c in self.pb.country_weights if c != own]
        weights = [self.pb.country_weights[c] for c in pool]
        chosen: list[str] = []
        for _ in range(self.rng.choice([1, 2, 2, 3, 4])):
            c = self.rng.choices(pool, weights=weights)[0]
            if c not in chosen:
                chosen.append(c)
        return chosen

    def _tickets(self, stage: str) -> tuple[int, int]:
        low, high, f_low, f_high = self.pb.tickets[stage]
        tmin = round(self.rng.uniform(low, high), -4 if low < 1_000_000 else -5)
        tmax = round(tmin * self.rng.uniform(f_low, f_high), -4 if low < 1_000_000 else -5)
        return int(tmin), int(max(tmax, tmin))

    def _profile(self, org_index: int) -> ProfilePlan:
        rng = self.rng
        org = self.orgs[org_index]
        side, kind = self._side_kind(org.kind)
        language = self._profile_language(org.country)
        track = rng.choice(org.tracks)
        tracks = [track] + [t for t in org.tracks if t != track and rng.random() < 0.25]
        countries = self._countries(org.country)
        names = self.pb.country_names[language]
        values = {
            "track": self.pb.track_names[track][language],
            "countries": ", ".join(names[c] for c in countries),
            "weeks": rng.choice([4, 6, 8, 10, 12, 16]),
        }
        trl: int | None = None
        tmin = tmax = None
        stage = ""
        if kind == "investment":
            stage = rng.choice(["pre_seed", "seed", "seed", "series_a", "growth", "project"])
            if side == "need":
                stage = rng.choice(["pre_seed", "seed", "seed", "series_a"])
            tmin, tmax = self._tickets(stage)
            values |= {
                "stage": self.pb.stage_names[language][stage],
                "tmin": f"{tmin:,}".replace(",", " "),
                "tmax": f"{tmax:,}".replace(",", " "),
            }
            if side == "offer":
                title = rng.choice(self.pb.investor_titles[language]).format(**values)
                title = title[0].upper() + title[1:]
                texts = self.pb.investor_text[language]
                sentences = [
                    texts[0],
                    *rng.sample(texts[1:], k=min(len(texts) - 1, rng.randint(1, 3))),
                ]
                description = " ".join(s.format(**values) for s in sentences)
                return ProfilePlan(
                    org_index,
                    side,
                    kind,
                    title[:200],
                    description,
                    language,
                    tracks,
                    None,
                    tmin,
                    tmax,
                    stage,
                    countries,
                )
            subject = rng.choice(self.pb.subjects[track])
            trl = rng.randint(*subject["trl"])
            values |= {"s_lower": _lower_first(subject["name"][language]), "trl": trl}
            title = rng.choice(self.pb.raising_titles[language]).format(**values)
            texts = self.pb.raising_text[language]
            sentences = [texts[0], *rng.sample(texts[1:], k=min(len(texts) - 1, rng.randint(1, 3)))]
            description = " ".join(s.format(**values) for s in sentences)
            return ProfilePlan(
                org_index,
                side,
                kind,
                title[:200],
                description,
                language,
                tracks,
                trl,
                tmin,
                tmax,
                stage,
                countries,
            )
        subjects = self.pb.subjects[track]
        fitting = [s for s in subjects if kind in s["kinds"]]
        if fitting:
            subject = rng.choice(fitting)
        else:  # the track has nothing of that kind: write about what it has
            subject = rng.choice(subjects)
            kind = subject["kinds"][0]
        lo, hi = subject["trl"]
        if kind in {"product", "technology", "rnd", "supply_chain"}:
            trl = (
                rng.randint(lo, hi)
                if kind != "rnd"
                else rng.randint(max(2, lo - 2), max(lo, hi - 2))
            )
        name = subject["name"][language]
        values |= {"s": name, "s_lower": _lower_first(name), "trl": trl or rng.randint(6, 9)}
        prefixes = self.pb.title_prefix[language][side]
        title = rng.choice(prefixes.get(kind, prefixes["default"])).format(**values)
        follow = self.pb.follow_up[language][side]
        if side == "offer" and kind in {"service", "training"}:  # no batches, no TRL
            follow = self.pb.service_follow_up[language]
        if side == "offer" and language in subject["detail"]:
            opening = subject["detail"][language]
        else:
            opening = rng.choice(self.pb.opening[language][side]).format(**values)
        wanted = rng.randint(1, 3) if "." in opening[:-1] else rng.randint(1, 2)
        extra = rng.sample(follow, k=min(wanted, len(follow)))
        description = " ".join([opening, *(s.format(**values) for s in extra)])
        return ProfilePlan(
            org_index,
            side,
            kind,
            title[:200],
            description,
            language,
            tracks,
            trl,
            None,
            None,
            "",
            countries,
        )

    def plan_profiles(self) -> None:
        rng = self.rng
        counts = [1] * len(self.orgs)
        size_weight = {"micro": 1, "small": 1.6, "medium": 2.2, "large": 2.8}
        weights = [size_weight[o.size] for o in self.orgs]
        for index in rng.choices(
            range(len(self.orgs)), weights=weights, k=self.n_profiles - len(self.orgs)
        ):
            counts[index] += 1
        for org_index, count in enumerate(counts):
            for _ in range(count):
                self.orgs[org_index].profiles.append(len(self.profiles))
                self.profiles.append(self._profile(org_index))

    # -- meeting requests ----------------------------------------------------------
    def _message(self, sender_org: OrgPlan, recipient_org: OrgPlan, track: str) -> str:
        rng = self.rng
        if rng.random() < 0.2:
            return ""
        language = (
            "uk"
            if sender_org.country == recipient_org.country == "UA" and rng.random() < 0.8
            else "en"
        )
        their = (
            self.profiles[rng.choice(recipient_org.profiles)].title
            if recipient_org.profiles
            else recipient_org.name
        )
        own = [self.profiles[p] for p in sender_org.profiles]
        own = [
            p for p in own if p.side == "offer" and p.language == "en" and p.kind != "investment"
        ]
        ours = (
            _lower_first(rng.choice(own).title)
            if own
            else f"work in {self.pb.track_names[track]['en']}"
        )
        text = rng.choice(self.pb.messages[language]).format(
            their=their, our=ours, track=self.pb.track_names[track][language]
        )
        return text[:1000]

    def plan_requests(self) -> None:
        rng = self.rng
        approved = [i for i, o in enumerate(self.orgs) if o.accreditation == "approved"]
        if len(approved) < 2:
            return
        by_track: dict[str, list[int]] = {}
        for i in approved:
            for t in self.orgs[i].tracks:
                by_track.setdefault(t, []).append(i)
        senders = [d for i in approved for d in self.orgs[i].delegates]
        cumulative = list(
            itertools.accumulate(
                SENDER_ACTIVITY[self.orgs[self.delegates[d].org].kind]
                * min(6.0, rng.paretovariate(1.6))
                * (2 if self.delegates[d].account else 1)
                for d in senders
            )
        )
        sent = [0] * len(self.delegates)
        meetings = [0] * len(self.delegates)
        pairs: set[tuple[int, int]] = set()
        attempts = 0
        while len(self.requests) < self.n_requests and attempts < self.n_requests * 40:
            attempts += 1
            sender = senders[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]
            if sent[sender] >= (
                DEMO_ACCOUNT_MAX_SENT
                if self.delegates[sender].account
                else MAX_REQUESTS_PER_DELEGATE
            ):
                continue
            s_index = self.delegates[sender].org
            s_org = self.orgs[s_index]
            if rng.random() < 0.85:
                track = rng.choice(s_org.tracks)
                pool = by_track.get(track, approved)
                candidates = [rng.choice(pool) for _ in range(6)]
            else:
                track = rng.choice(s_org.tracks)
                candidates = [rng.choice(approved) for _ in range(3)]
            candidates = [c for c in candidates if c != s_index]
            if not candidates:
                continue
            scores = []
            for c in candidates:
                other = self.orgs[c]
                shared = len(set(s_org.tracks) & set(other.tracks))
                scores.append(
                    (1 + shared) * COMPLEMENT[s_org.kind][other.kind] * other.attractiveness
                )
            r_index = rng.choices(candidates, weights=scores)[0]
            pair = (min(s_index, r_index), max(s_index, r_index))
            if pair in pairs:
                continue
            pairs.add(pair)
            r_org = self.orgs[r_index]
            shared = len(set(s_org.tracks) & set(r_org.tracks))
            quality = (shared > 0) + (COMPLEMENT[s_org.kind][r_org.kind] >= 3)
            recipient = rng.choice(r_org.delegates) if rng.random() < 0.35 else None
            status = (
                "accepted"
                if rng.random() < ACCEPT_BY_QUALITY[quality]
                else _weighted(rng, OTHER_STATUS_WEIGHTS)
            )
            responder = None
            if status in {"accepted", "declined"}:
                responder = (
                    recipient
                    if recipient is not None
                    else min(r_org.delegates, key=lambda d: (meetings[d], rng.random()))
                )
            decline_reason = ""
            language = "uk" if s_org.country == r_org.country == "UA" else "en"
            if status == "accepted" and any(
                self.delegates[d].account and meetings[d] >= DEMO_ACCOUNT_MAX_MEETINGS
                for d in (sender, responder)
            ):
                status, responder = "pending", None  # left for the person trying the demo
            if status == "accepted" and (
                meetings[sender] >= MAX_MEETINGS_PER_DELEGATE
                or meetings[responder] >= MAX_MEETINGS_PER_DELEGATE
            ):
                status, decline_reason = "declined", self.pb.calendar_full[language]
            elif status == "declined":
                decline_reason = rng.choice(
                    [
                        reason
                        for reason in self.pb.decline_reasons[language]
                        if ("investment" not in reason or r_org.kind == "investor")
                        and ("procurement" not in reason or r_org.kind == "buyer")
                        and ("закупівельн" not in reason or r_org.kind == "buyer")
                    ]
                )
            created, responded = self._times(status)
            mode = ""
            if status == "accepted":
                meetings[sender] += 1
                meetings[responder] += 1
                attend = {self.delegates[sender].attendance, self.delegates[responder].attendance}
                mode = "online" if "online" in attend else "onsite"
            sent[sender] += 1
            self.requests.append(
                RequestPlan(
                    sender=sender,
                    recipient_org=r_index,
                    recipient=recipient,
                    message=self._message(s_org, r_org, track),
                    session_wish=_weighted(rng, {"any": 60, "morning": 22, "afternoon": 18}),
                    priority=3 if rng.random() < 0.3 else 1,
                    status=status,
                    decline_reason=decline_reason,
                    responder=responder,
                    created_at=created,
                    responded_at=responded,
                    expires_at=created + dt.timedelta(hours=REQUEST_EXPIRY_HOURS),
                    meeting_mode=mode,
                )
            )

    def _times(self, status: str) -> tuple[dt.datetime, dt.datetime | None]:
        rng = self.rng
        expiry = dt.timedelta(hours=REQUEST_EXPIRY_HOURS)
        if status == "pending":
            created = SNAPSHOT - dt.timedelta(
                minutes=rng.randint(30, REQUEST_EXPIRY_HOURS * 60 - 60)
            )
            return created.replace(second=0, microsecond=0), None
        latest = SNAPSHOT - expiry
        span = (latest - REQUESTS_OPEN).total_seconds()
        created = REQUESTS_OPEN + dt.timedelta(seconds=int(rng.random() * span))
        if status == "expired":
            return created, created + expiry
        return created, created + dt.timedelta(
            minutes=rng.randint(20, REQUEST_EXPIRY_HOURS * 60 - 30)
        )

    def plan(self) -> ForumPlan:
        self.plan_organisations()
        self.plan_delegates()
        self.plan_profiles()
        self.plan_requests()
        return ForumPlan(
            seed=self.seed,
            size=self.size,
            tables=self.tables,
            online=self.online,
            slot_count=self.slot_count,
            organisations=self.orgs,
            delegates=self.delegates,
            profiles=self.profiles,
            requests=self.requests,
        )


def forum_plan(*, size: str, seed: int, scale: float = 1.0) -> ForumPlan:
    """The whole demo forum as data; identical for identical arguments."""
    return _Planner(size=size, seed=seed, scale=scale).plan()
