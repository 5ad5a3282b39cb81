"""Seeding the demo forum into the database: counts, determinism, sign-in, refusal."""

from __future__ import annotations

import io
import stat
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from matchforum.accounts.models import User
from matchforum.demo import generator as g
from matchforum.demo.selectors import demo_forum_digest, demo_forum_get
from matchforum.demo.services import DemoForumExists, demo_forum_delete, demo_forum_seed
from matchforum.forums.models import CommitteeMembership, Session, Slot, Table
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.organisations.models import AccreditationDecision, Delegate, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def fast_hasher(settings):
    """Argon2 is deliberately slow; tests that do not sign in hash with MD5."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.slow
def test_seed_demo_command_builds_the_small_forum(var_dir):
    out = io.StringIO()
    call_command("seed_demo", "--size", "small", "--seed", "1", stdout=out)
    forum = demo_forum_get()
    assert forum is not None and forum.time_zone == "Europe/Kyiv"

    # The timetable: two days of a morning and an afternoon, 28 slots, 50 tables, 10 online.
    assert forum.days.count() == 2
    sessions = Session.objects.filter(day__forum=forum)
    assert sorted(Counter(s.part for s in sessions).items()) == [("afternoon", 2), ("morning", 2)]
    assert Slot.objects.filter(session__day__forum=forum).count() == 28
    tables = Table.objects.filter(forum=forum)
    assert tables.count() == 50
    assert set(tables.values_list("area", flat=True)) == {"Hall A", "Hall B"}
    assert forum.online_capacity_per_slot == 10
    assert set(forum.languages) == {"en", "uk", "lt", "lv", "et", "pl"}
    assert forum.registration_deadline < forum.request_deadline < forum.schedule_publication_at

    # Organisations.
    orgs = Organisation.objects.filter(forum=forum)
    assert orgs.count() >= 300
    countries = set(orgs.values_list("country", flat=True))
    assert {"UA", "LT", "LV", "EE", "PL"} <= countries and len(countries) >= 10
    by_country = Counter(orgs.values_list("country", flat=True))
    assert by_country.most_common(1)[0][0] == "UA"
    kinds = Counter(orgs.values_list("kind", flat=True))
    assert set(kinds) == {"producer", "investor", "buyer", "research", "association", "other"}
    assert kinds.most_common(1)[0][0] == "producer"
    states = Counter(orgs.values_list("accreditation", flat=True))
    assert 0.85 <= states["approved"] / orgs.count() <= 0.95
    assert states["pending"] and states["rejected"] and states["needs_information"]
    assert not orgs.filter(
        accreditation__in=["rejected", "needs_information"], accreditation_reason=""
    ).exists()
    decided = orgs.exclude(accreditation="pending")
    assert not decided.filter(accreditation_history__isnull=True).exists()
    assert not orgs.filter(accreditation="pending", accreditation_history__isnull=False).exists()
    assert not decided.filter(Q(reviewed_by__isnull=True) | Q(reviewed_at__isnull=True)).exists()
    assert (
        AccreditationDecision.objects.filter(organisation__forum=forum).count() >= decided.count()
    )
    assert not orgs.filter(tracks__isnull=True).exists()

    # Delegates and users.
    delegates = Delegate.objects.filter(organisation__forum=forum)
    assert delegates.count() == 600
    attendance = Counter(delegates.values_list("attendance", flat=True))
    assert 0.02 <= attendance["online"] / 600 <= 0.10
    assert attendance["onsite"] / 600 >= 0.8
    assert delegates.filter(unavailable_slots__isnull=False).distinct().count() > 30
    demo_users = User.objects.filter(email__endswith="@demo.matchforum.test")
    assert demo_users.count() == 607
    assert sum(u.has_usable_password() for u in demo_users) == len(g.ACCOUNTS)
    assert User.objects.get(email="organiser@demo.matchforum.test").can_organise

    # The joint organising committee: the chair and a team per participating country.
    assert forum.participating_countries == ["UA", "LT", "LV", "EE", "PL"]
    seats = {
        (str(country), email, role)
        for country, email, role in CommitteeMembership.objects.filter(
            team__forum=forum
        ).values_list("team__country", "user__email", "role")
    }
    assert seats == {
        ("", "organiser@demo.matchforum.test", "organiser"),
        ("", "vetting@demo.matchforum.test", "vetting_officer"),
        *{
            (code, f"vetting.{code.lower()}@demo.matchforum.test", "vetting_officer")
            for code in ("UA", "LT", "LV", "EE", "PL")
        },
    }

    # Offers and needs.
    profiles = CooperationProfile.objects.filter(organisation__forum=forum)
    assert profiles.count() == 1200
    assert set(profiles.values_list("language", flat=True)) == {"en", "uk", "lt", "lv", "et", "pl"}
    assert set(profiles.values_list("kind", flat=True)) == {
        "product",
        "service",
        "technology",
        "investment",
        "training",
        "rnd",
        "supply_chain",
    }
    assert set(profiles.values_list("side", flat=True)) == {"offer", "need"}
    assert not profiles.filter(tracks__isnull=True).exists()

    # Requests and meetings.
    requests = MeetingRequest.objects.filter(forum=forum)
    assert 2250 <= requests.count() <= 2750
    statuses = Counter(requests.values_list("status", flat=True))
    assert set(statuses) == {"accepted", "declined", "pending", "withdrawn", "expired"}
    assert 0.55 <= statuses["accepted"] / requests.count() <= 0.65
    assert requests.filter(status="declined").exclude(decline_reason="").exists()
    assert set(requests.values_list("session_wish", flat=True)) == {"any", "morning", "afternoon"}
    assert set(requests.values_list("priority", flat=True)) == {1, 3}
    meetings = Meeting.objects.filter(forum=forum)
    assert meetings.count() == statuses["accepted"]
    assert not meetings.exclude(status="accepted").exists()
    assert not meetings.filter(slot__isnull=False).exists()
    assert not requests.exclude(sender_organisation__accreditation="approved").exists()
    assert not requests.exclude(recipient_organisation__accreditation="approved").exists()
    most_sent = delegates.annotate(n=Count("sent_requests")).order_by("-n").first().n
    assert most_sent <= forum.max_requests_per_delegate
    per_delegate = Counter(meetings.values_list("delegate_a", flat=True))
    per_delegate.update(meetings.values_list("delegate_b", flat=True))
    assert max(per_delegate.values()) <= forum.max_meetings_per_delegate

    # Sign-in details: printed, written for the owner only, and they work.
    text = out.getvalue()
    path = var_dir / "demo-credentials.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    written = path.read_text()
    for account in g.ACCOUNTS:
        line = next(x for x in written.splitlines() if f" {account.email} " in x)
        password = line.split()[line.split().index(account.email) + 1]
        assert password in text
        user = authenticate(username=account.email, password=password)
        assert user is not None and user.email == account.email
    assert authenticate(username=g.ACCOUNTS[0].email, password=password) is None


def test_same_seed_same_digest_other_seed_other_digest(fast_hasher):
    first = demo_forum_seed(size="small", seed=7, scale=0.1)
    digest = demo_forum_digest(forum=first.forum)
    again = demo_forum_seed(size="small", seed=7, scale=0.1, replace=True)
    assert again.replaced
    assert demo_forum_digest(forum=again.forum) == digest
    assert again.forum.pk != first.forum.pk
    # the passwords are fresh every time, never part of the content
    assert {c.password for c in first.credentials}.isdisjoint(c.password for c in again.credentials)
    assert demo_forum_delete() is True
    assert (
        demo_forum_get() is None
        and not User.objects.filter(email__endswith="@demo.matchforum.test").exists()
    )
    other = demo_forum_seed(size="small", seed=8, scale=0.1)
    assert demo_forum_digest(forum=other.forum) != digest


def test_digest_changes_with_the_content(fast_hasher):
    result = demo_forum_seed(size="small", seed=3, scale=0.1, write_credentials=False)
    before = demo_forum_digest(forum=result.forum)
    profile = CooperationProfile.objects.filter(organisation__forum=result.forum).first()
    profile.title += "!"
    profile.save()
    assert demo_forum_digest(forum=result.forum) != before


def test_a_second_run_without_replace_is_refused(var_dir, fast_hasher):
    demo_forum_seed(size="small", seed=2, scale=0.1)
    counts = MeetingRequest.objects.count(), Organisation.objects.count()
    with pytest.raises(DemoForumExists, match="--replace"):
        demo_forum_seed(size="small", seed=2, scale=0.1)
    with pytest.raises(CommandError, match="--replace"):
        call_command("seed_demo", "--size", "small", "--seed", "2", stdout=io.StringIO())
    assert (MeetingRequest.objects.count(), Organisation.objects.count()) == counts


def test_the_pending_demo_delegate_belongs_to_an_unapproved_organisation(fast_hasher):
    demo_forum_seed(size="small", seed=4, scale=0.1, write_credentials=False)
    pending = Delegate.objects.get(user__email="pending.pl@demo.matchforum.test")
    assert pending.organisation.accreditation == "pending"
    assert pending.organisation.country == "PL"
    brigade = Delegate.objects.get(user__email="brigade.ua@demo.matchforum.test")
    assert brigade.organisation.kind == "buyer" and brigade.organisation.is_approved
    drones = Delegate.objects.get(user__email="drones.ua@demo.matchforum.test")
    assert drones.organisation.tracks.filter(slug="unmanned-systems").exists()
    assert Meeting.objects.filter(Q(delegate_a=drones) | Q(delegate_b=drones)).exists()


def test_the_seeded_forum_works_with_the_meeting_services(fast_hasher):
    from matchforum.meetings.services import meeting_place, meeting_request_accept

    result = demo_forum_seed(size="small", seed=9, scale=0.1, write_credentials=False)
    forum = result.forum
    load = Counter(Meeting.objects.filter(forum=forum).values_list("delegate_a", flat=True))
    load.update(Meeting.objects.filter(forum=forum).values_list("delegate_b", flat=True))
    free = forum.max_meetings_per_delegate
    pending, responder = next(
        (request, responder)
        for request in MeetingRequest.objects.filter(forum=forum, status="pending")
        for responder in request.recipient_organisation.delegates.all()
        if load[request.sender_id] < free and load[responder.pk] < free
    )
    meeting = meeting_request_accept(meeting_request=pending, responder=responder)
    assert meeting.status == "accepted" and meeting.pair_low == pending.pair_low

    onsite = Meeting.objects.filter(forum=forum, mode="onsite").exclude(pk=meeting.pk).first()
    busy = set(onsite.delegate_a.unavailable_slots.values_list("pk", flat=True))
    busy |= set(onsite.delegate_b.unavailable_slots.values_list("pk", flat=True))
    slot = Slot.objects.filter(session__day__forum=forum).exclude(pk__in=busy).first()
    placed = meeting_place(meeting=onsite, slot=slot, table=forum.tables.get(number=1))
    assert placed.status == "scheduled" and placed.seats.count() == 2
