"""Writes of the demo forum: seeding it (in bulk) and removing it again."""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from matchforum.accounts.models import User
from matchforum.core.directory_cache import directory_changed
from matchforum.forums.models import (
    CapabilityTrack,
    CommitteeMembership,
    CommitteeTeam,
    Forum,
    Slot,
    Table,
)
from matchforum.forums.services import forum_create
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import Meeting, MeetingRequest, MeetingSeat
from matchforum.organisations.models import AccreditationDecision, Delegate, Organisation

from . import generator as g
from .community import demo_community_seed

CREDENTIALS_FILE = "demo-credentials.txt"
BATCH = 2000


class DemoForumExists(Exception):
    """The demo forum (or its users) is already there and `replace` was not asked for."""


@dataclass(frozen=True)
class DemoCredential:
    role: str
    email: str
    password: str
    organisation: str = ""


@dataclass
class DemoResult:
    forum: Forum
    counts: dict[str, int]
    credentials: list[DemoCredential]
    credentials_path: Path | None
    seconds: float = 0.0
    replaced: bool = False
    notes: list[str] = field(default_factory=list)


def demo_users():
    return User.objects.filter(email__iendswith=f"@{g.EMAIL_DOMAIN}")


@transaction.atomic
def demo_forum_delete() -> bool:
    """Delete the demo forum with everything in it, and every demo user; True if any existed."""
    forum = Forum.objects.filter(slug=g.FORUM_SLUG).first()
    existed = forum is not None
    if forum is not None:
        # Meetings first: their slots and tables are protected against deletion.
        MeetingSeat.objects.filter(meeting__forum=forum).delete()
        Meeting.objects.filter(forum=forum).delete()
        MeetingRequest.objects.filter(forum=forum).delete()
        forum.delete()
    users = demo_users()
    existed = existed or users.exists()
    users.delete()
    return existed


def demo_forum_seed(
    *,
    size: str = "small",
    seed: int = 1,
    replace: bool = False,
    scale: float = 1.0,
    write_credentials: bool = True,
) -> DemoResult:
    """Seed the deterministic demo forum; refuses if it exists unless `replace`.

    `scale` shrinks the number of organisations, delegates, profiles and requests
    (for fast tests); the timetable, tables and online capacity keep their size.
    Passwords of the demo accounts are random on every run and returned (and
    written to VAR_DIR/demo-credentials.txt, readable by the owner only).
    """
    started = time.perf_counter()
    plan = g.forum_plan(size=size, seed=seed, scale=scale)
    replaced = False
    with transaction.atomic():
        if Forum.objects.filter(slug=g.FORUM_SLUG).exists() or demo_users().exists():
            if not replace:
                raise DemoForumExists(
                    f"A demo forum ({g.FORUM_SLUG}) or demo users (@{g.EMAIL_DOMAIN}) already "
                    "exist. Run seed_demo with --replace to delete them and seed again."
                )
            demo_forum_delete()
            replaced = True
        forum, credentials, counts = _write_plan(plan)
        counts.update(demo_community_seed(forum=forum))
    directory_changed()  # rows were written with bulk_create, which sends no signals
    path = (
        demo_credentials_write(forum=forum, credentials=credentials) if write_credentials else None
    )
    return DemoResult(
        forum=forum,
        counts=counts,
        credentials=credentials,
        credentials_path=path,
        seconds=time.perf_counter() - started,
        replaced=replaced,
    )


def _forum(plan: g.ForumPlan) -> Forum:
    forum = forum_create(
        name=g.FORUM_NAME,
        slug=g.FORUM_SLUG,
        days=g.DAYS,
        sessions=g.SESSIONS,
        slot_minutes=g.SLOT_MINUTES,
        tables=0,
        online_capacity_per_slot=plan.online,
        time_zone=g.TIME_ZONE,
        venue="Neris Riverside Congress Hall, Konstitucijos pr. 99, Vilnius, Lithuania",
        languages=["en", "uk", "lt", "lv", "et", "pl"],
        participating_countries=g.PARTICIPATING_COUNTRIES,
        description=(
            "Two days of pre-arranged 1:1 meetings between producers, buyers, investors and "
            "researchers from Ukraine, the Baltic states, Poland and their allies. Capability "
            "coalitions — demining (led by Lithuania), drones, air defence, cyber and training — "
            "meet their suppliers. This is a demo forum: every organisation and person in it is "
            "invented."
        ),
        registration_deadline=g.REGISTRATION_DEADLINE,
        request_deadline=g.REQUEST_DEADLINE,
        schedule_publication_at=g.SCHEDULE_PUBLICATION,
        max_requests_per_delegate=g.MAX_REQUESTS_PER_DELEGATE,
        max_meetings_per_delegate=g.MAX_MEETINGS_PER_DELEGATE,
        request_expiry_hours=g.REQUEST_EXPIRY_HOURS,
        online_meeting_url_template="https://meet.demo.matchforum.test/budif-2027/{meeting}",
    )
    half = (plan.tables + 1) // 2
    Table.objects.bulk_create(
        Table(forum=forum, number=n, area="Hall A" if n <= half else "Hall B")
        for n in range(1, plan.tables + 1)
    )
    return forum


def _write_plan(plan: g.ForumPlan) -> tuple[Forum, list[DemoCredential], dict[str, int]]:
    forum = _forum(plan)
    slots = list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))
    if len(slots) != plan.slot_count:  # pragma: no cover - guards the generator's arithmetic
        raise RuntimeError(f"Expected {plan.slot_count} slots, the forum has {len(slots)}.")
    tracks = {t.slug: t for t in CapabilityTrack.objects.all()}
    missing = {slug for o in plan.organisations for slug in o.tracks} - set(tracks)
    if missing:
        raise RuntimeError(
            f"Capability tracks missing (migrate first?): {', '.join(sorted(missing))}"
        )

    # People. Only the demo accounts get a (random, fresh) password.
    passwords = {a.key: secrets.token_urlsafe(12) for a in g.ACCOUNTS}
    unusable = make_password(None)
    staff = [
        User(
            email=a.email,
            first_name=a.first_name,
            last_name=a.last_name,
            full_name=f"{a.first_name} {a.last_name}",
            preferred_language=a.language,
            time_zone=g.TIME_ZONE if a.key != "organiser" else "Europe/Vilnius",
            is_staff=a.key == "organiser",
            password=make_password(passwords[a.key]),
        )
        for a in g.ACCOUNTS
        if a.key in g.COMMITTEE_SEATS
    ]
    account_keys = {a.key for a in g.ACCOUNTS}
    people = [
        User(
            email=d.email,
            first_name=d.first_name,
            last_name=d.last_name,
            full_name=f"{d.first_name} {d.last_name}",
            preferred_language=d.language,
            time_zone=d.time_zone,
            password=make_password(passwords[d.account]) if d.account in account_keys else unusable,
        )
        for d in plan.delegates
    ]
    User.objects.bulk_create(staff + people, batch_size=BATCH)
    teams = {team.country.code: team for team in CommitteeTeam.objects.filter(forum=forum)}
    keys = [a.key for a in g.ACCOUNTS if a.key in g.COMMITTEE_SEATS]
    CommitteeMembership.objects.bulk_create(
        CommitteeMembership(
            team=teams[g.COMMITTEE_SEATS[key][0]], user=user, role=g.COMMITTEE_SEATS[key][1]
        )
        for key, user in zip(keys, staff, strict=True)
    )
    reviewers = {"organiser": staff[0], "vetting": staff[1]}

    # Organisations, their tracks and their vetting history.
    orgs = [
        Organisation(
            forum=forum,
            name=o.name,
            country=o.country,
            kind=o.kind,
            website=o.website,
            description=o.description,
            size=o.size,
            visibility=o.visibility,
            accreditation=o.accreditation,
            accreditation_reason=o.reason,
            reviewed_by=reviewers[o.decisions[-1].reviewer] if o.decisions else None,
            reviewed_at=o.decisions[-1].at if o.decisions else None,
        )
        for o in plan.organisations
    ]
    Organisation.objects.bulk_create(orgs, batch_size=BATCH)
    through = Organisation.tracks.through
    through.objects.bulk_create(
        (
            through(organisation_id=org.pk, capabilitytrack_id=tracks[slug].pk)
            for org, o in zip(orgs, plan.organisations, strict=True)
            for slug in o.tracks
        ),
        batch_size=BATCH,
    )
    AccreditationDecision.objects.bulk_create(
        (
            AccreditationDecision(
                organisation=org,
                previous=d.previous,
                decision=d.decision,
                reason=d.reason,
                reviewer=reviewers[d.reviewer],
                decided_at=d.at,
            )
            for org, o in zip(orgs, plan.organisations, strict=True)
            for d in o.decisions
        ),
        batch_size=BATCH,
    )

    # Delegates and the slots they cannot attend.
    delegates = [
        Delegate(
            user=user,
            organisation=orgs[d.org],
            role=d.role,
            languages=d.languages,
            attendance=d.attendance,
            is_contact=d.is_contact,
        )
        for user, d in zip(people, plan.delegates, strict=True)
    ]
    Delegate.objects.bulk_create(delegates, batch_size=BATCH)
    through = Delegate.unavailable_slots.through
    through.objects.bulk_create(
        (
            through(delegate_id=delegate.pk, slot_id=slots[i].pk)
            for delegate, d in zip(delegates, plan.delegates, strict=True)
            for i in d.unavailable
        ),
        batch_size=BATCH,
    )

    # Offers and needs.
    profiles = [
        CooperationProfile(
            organisation=orgs[p.org],
            side=p.side,
            kind=p.kind,
            title=p.title,
            description=p.description,
            language=p.language,
            trl=p.trl,
            ticket_min_eur=p.ticket_min,
            ticket_max_eur=p.ticket_max,
            stage=p.stage,
            countries_of_interest=p.countries,
        )
        for p in plan.profiles
    ]
    CooperationProfile.objects.bulk_create(profiles, batch_size=BATCH)
    through = CooperationProfile.tracks.through
    through.objects.bulk_create(
        (
            through(cooperationprofile_id=profile.pk, capabilitytrack_id=tracks[slug].pk)
            for profile, p in zip(profiles, plan.profiles, strict=True)
            for slug in p.tracks
        ),
        batch_size=BATCH,
    )

    # Meeting requests and, for the accepted ones, meetings waiting for a slot.
    requests = []
    for r in plan.requests:
        sender = delegates[r.sender]
        low, high = sorted((sender.organisation.pk, orgs[r.recipient_org].pk))
        requests.append(
            MeetingRequest(
                forum=forum,
                sender=sender,
                sender_organisation=sender.organisation,
                recipient_organisation=orgs[r.recipient_org],
                recipient=delegates[r.recipient] if r.recipient is not None else None,
                pair_low=low,
                pair_high=high,
                message=r.message,
                session_wish=r.session_wish,
                priority=r.priority,
                status=r.status,
                decline_reason=r.decline_reason,
                responded_by=delegates[r.responder] if r.responder is not None else None,
                created_at=r.created_at,
                responded_at=r.responded_at,
                expires_at=r.expires_at,
            )
        )
    MeetingRequest.objects.bulk_create(requests, batch_size=BATCH)
    meetings = [
        Meeting(
            forum=forum,
            request=meeting_request,
            organisation_a=meeting_request.sender_organisation,
            organisation_b=meeting_request.recipient_organisation,
            delegate_a=meeting_request.sender,
            delegate_b=meeting_request.responded_by,
            pair_low=meeting_request.pair_low,
            pair_high=meeting_request.pair_high,
            session_wish=meeting_request.session_wish,
            priority=meeting_request.priority,
            mode=r.meeting_mode,
            status="accepted",
            created_at=r.responded_at,
        )
        for meeting_request, r in zip(requests, plan.requests, strict=True)
        if r.status == "accepted"
    ]
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)

    contacts = {d.account: orgs[d.org].name for d in plan.delegates if d.account}
    credentials = [
        DemoCredential(a.role, a.email, passwords[a.key], contacts.get(a.key, ""))
        for a in g.ACCOUNTS
    ]
    counts = {
        "organisations": len(orgs),
        "delegates": len(delegates),
        "users": len(staff) + len(people),
        "profiles": len(profiles),
        "requests": len(requests),
        "meetings": len(meetings),
        "slots": len(slots),
        "tables": plan.tables,
    }
    return forum, credentials, counts


def demo_credentials_table(credentials: list[DemoCredential]) -> str:
    """Sign-in details as an aligned plain-text table."""
    rows = [("Role", "E-mail", "Password", "Organisation")] + [
        (c.role, c.email, c.password, c.organisation) for c in credentials
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) for i in range(3)] + [row[3]]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 12)
    return "\n".join(lines)


def demo_credentials_write(
    *, forum: Forum, credentials: list[DemoCredential], path: Path | None = None
) -> Path:
    """Write the sign-in details to VAR_DIR/demo-credentials.txt, readable by the owner only."""
    path = Path(path or Path(settings.VAR_DIR) / CREDENTIALS_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        f"# {forum.name}: demo sign-in details (sign in at /accounts/sign-in/)\n"
        "# Passwords are random and change every time the demo is seeded.\n\n"
        f"{demo_credentials_table(credentials)}\n"
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)
    return path
