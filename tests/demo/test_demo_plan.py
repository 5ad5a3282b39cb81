"""The demo generator on its own (no database): determinism, shape and the forum's rules."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from matchforum.demo import generator as g


@pytest.fixture(scope="module")
def small():
    return g.forum_plan(size="small", seed=1)


def test_same_seed_gives_the_same_plan_and_another_seed_another():
    first = g.forum_plan(size="small", seed=5, scale=0.2)
    again = g.forum_plan(size="small", seed=5, scale=0.2)
    other = g.forum_plan(size="small", seed=6, scale=0.2)
    assert first == again
    assert [o.name for o in first.organisations] != [o.name for o in other.organisations]


def test_unknown_size_is_refused():
    with pytest.raises(ValueError, match="Unknown size"):
        g.forum_plan(size="huge", seed=1)


def test_small_plan_has_the_stated_counts(small):
    assert len(small.organisations) == 300
    assert len(small.delegates) == 600
    assert len(small.profiles) == 1200
    assert len(small.requests) == 2500
    assert small.slot_count == 28
    assert (small.tables, small.online) == (50, 10)


def test_requests_respect_pairs_limits_and_accreditation(small):
    orgs, delegates = small.organisations, small.delegates
    pairs = Counter()
    sent, meetings = Counter(), Counter()
    for r in small.requests:
        sender_org = delegates[r.sender].org
        assert sender_org != r.recipient_org
        assert orgs[sender_org].accreditation == "approved"
        assert orgs[r.recipient_org].accreditation == "approved"
        if r.recipient is not None:
            assert delegates[r.recipient].org == r.recipient_org
        pairs[frozenset((sender_org, r.recipient_org))] += 1
        sent[r.sender] += 1
        if r.status == "accepted":
            assert delegates[r.responder].org == r.recipient_org
            meetings[r.sender] += 1
            meetings[r.responder] += 1
        if r.status == "pending":
            assert r.responded_at is None and r.expires_at > g.SNAPSHOT
        else:
            assert r.created_at < r.responded_at <= g.SNAPSHOT
    assert max(pairs.values()) == 1
    assert max(sent.values()) <= g.MAX_REQUESTS_PER_DELEGATE
    assert max(meetings.values()) <= g.MAX_MEETINGS_PER_DELEGATE


def test_requests_prefer_plausible_counterparts(small):
    orgs, delegates = small.organisations, small.delegates
    shared = sum(
        bool(set(orgs[delegates[r.sender].org].tracks) & set(orgs[r.recipient_org].tracks))
        for r in small.requests
    )
    assert shared / len(small.requests) > 0.8
    to_buyers = Counter(orgs[r.recipient_org].kind for r in small.requests)
    buyers = Counter(o.kind for o in orgs)
    # buyers are ~10 % of organisations but receive far more than 10 % of the requests
    assert to_buyers["buyer"] / len(small.requests) > 1.5 * buyers["buyer"] / len(orgs)


def test_texts_are_written_in_their_language(small):
    by_language = Counter(p.language for p in small.profiles)
    assert set(by_language) == {"en", "uk", "lt", "lv", "et", "pl"}
    assert by_language["en"] + by_language["uk"] > 0.75 * len(small.profiles)
    cyrillic = re.compile("[а-яіїєґ]", re.IGNORECASE)
    for p in small.profiles:
        assert bool(cyrillic.search(p.description)) == (p.language == "uk"), p
        assert 2 <= p.description.count(". ") + 1 <= 6, p.description
    diacritics = {"lt": "ąčęėįšųūž", "lv": "āčēģīķļņšūž", "et": "äõöüšž", "pl": "ąćęłńóśźż"}
    for language, letters in diacritics.items():
        texts = " ".join(p.title + p.description for p in small.profiles if p.language == language)
        assert any(ch in texts.lower() for ch in letters), language


def test_investments_have_ticket_ranges_and_stages(small):
    investments = [p for p in small.profiles if p.kind == "investment"]
    assert investments
    for p in investments:
        assert p.stage and 0 < p.ticket_min <= p.ticket_max
    assert all(p.ticket_min is None for p in small.profiles if p.kind != "investment")


def test_names_and_emails_are_unique_and_invented(small):
    names = [o.name for o in small.organisations]
    assert len(set(n.lower() for n in names)) == len(names)
    emails = [d.email for d in small.delegates]
    assert len(set(emails)) == len(emails)
    assert all(e.endswith("@demo.matchforum.test") and e.isascii() for e in emails)
    assert all(o.website == "" or o.website.endswith(".example") for o in small.organisations)


def test_demo_accounts_keep_room_to_try_the_product(small):
    sent, meetings = Counter(), Counter()
    for r in small.requests:
        sent[r.sender] += 1
        if r.status == "accepted":
            meetings[r.sender] += 1
            meetings[r.responder] += 1
    accounts = {d.account: i for i, d in enumerate(small.delegates) if d.account}
    assert set(accounts) == {"drones-ua", "investor-lv", "demining-lt", "brigade-ua", "pending-pl"}
    for key, index in accounts.items():
        assert sent[index] <= g.DEMO_ACCOUNT_MAX_SENT < g.MAX_REQUESTS_PER_DELEGATE
        assert meetings[index] <= g.DEMO_ACCOUNT_MAX_MEETINGS < g.MAX_MEETINGS_PER_DELEGATE
        if key != "pending-pl":
            assert meetings[index] > 0, key
    assert sent[accounts["pending-pl"]] == meetings[accounts["pending-pl"]] == 0


@pytest.mark.slow
def test_large_plan_is_ten_times_small():
    large = g.forum_plan(size="large", seed=1)
    assert len(large.organisations) == 3000
    assert len(large.delegates) == 6000
    assert len(large.profiles) == 12000
    assert len(large.requests) == 25000
    assert (large.tables, large.online, large.slot_count) == (500, 100, 28)
    accepted = sum(r.status == "accepted" for r in large.requests)
    assert 0.55 <= accepted / len(large.requests) <= 0.65


def test_history_happens_before_the_forum(small):
    for org in small.organisations:
        for decision in org.decisions:
            assert g.REGISTRATION_OPENS <= decision.at <= g.REGISTRATION_DEADLINE
    for r in small.requests:
        assert g.REQUESTS_OPEN <= r.created_at < g.REQUEST_DEADLINE
        assert r.expires_at - r.created_at == g.dt.timedelta(hours=g.REQUEST_EXPIRY_HOURS)
