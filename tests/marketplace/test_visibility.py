"""The classification rules (marketplace/visibility.py) and the writes around them: the
rules' checks, kinds and listed countries, a rule change holding at once, the request
service's refusal, the committee's review of a classification and of an accreditation
level, and the matcher's use of open items only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from matchforum.audit.models import AuditEntry
from matchforum.forums.models import CommitteeRole, CommitteeTeam
from matchforum.marketplace.models import Classification
from matchforum.marketplace.services import (
    forum_set_classification_rules,
    profile_review_classification,
)
from matchforum.marketplace.visibility import (
    forum_rules,
    item_requestable,
    item_visible,
    open_classifications,
    rules_clean,
    visible_items,
)
from matchforum.meetings.models import MeetingRequest
from matchforum.meetings.services import meeting_request_send
from matchforum.organisations.models import AccreditationLevel
from matchforum.organisations.services import organisation_set_accreditation_level
from matchforum.recommendations.mapping import forum_to_matcher
from matchforum.recommendations.models import Recommendation
from matchforum.recommendations.selectors import explanation_shown, pair_topics
from tests.factories import (
    CooperationProfileFactory,
    DelegateFactory,
    OrganisationFactory,
    RecommendationFactory,
    UserFactory,
    committee_seat,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(forum):
    forum.participating_countries = ["UA", "LT"]
    forum.save()
    for country in ("", "UA", "LT"):
        CommitteeTeam.objects.get_or_create(forum=forum, country=country)
    owner = OrganisationFactory(forum=forum, name="Kharkiv Radar", country="UA")
    items = {
        c: CooperationProfileFactory(organisation=owner, title=f"{c} radar", classification=c)
        for c in Classification.values
    }
    viewer = OrganisationFactory(
        forum=forum, name="Kaunas Buyer", country="LT", kind="buyer", accreditation_level="full"
    )
    delegate = DelegateFactory(organisation=viewer)
    chair = UserFactory()
    committee_seat(chair, role=CommitteeRole.ORGANISER, forum=forum)
    ua_officer = UserFactory()
    committee_seat(ua_officer, country="UA", forum=forum)
    lt_officer = UserFactory()
    committee_seat(lt_officer, country="LT", forum=forum)
    return forum, owner, items, viewer, delegate, chair, ua_officer, lt_officer


def test_the_defaults_hold_when_the_forum_sets_no_rule(forum):
    rules = forum_rules(forum)
    assert rules["public", "see"].is_open and rules["public", "request"].is_open
    assert rules["dual_use", "see"].is_open
    assert rules["dual_use", "request"].level == "basic"
    assert rules["controlled", "see"].countries == "participating"
    assert rules["controlled", "request"].level == "full"
    assert open_classifications(forum) == ["public", "dual_use"]


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"secret": {}}, "Unknown classification"),
        ({"controlled": {"see": {"countries": ["XX"]}}}, "unknown one: XX"),
        ({"controlled": {"see": {"countries": []}}}, "names no country"),
        ({"controlled": {"see": {"kinds": ["pirate"]}}}, "unknown kind"),
        ({"controlled": {"see": {"level": "top"}}}, "unknown accreditation level"),
        ({"controlled": {"look": {}}}, "not well formed"),
        ({"controlled": {"see": {"countries": "everywhere"}}}, "not well formed"),
        ([], "not well formed"),
    ],
)
def test_rules_not_well_formed_are_refused_with_a_clear_message(raw, message):
    with pytest.raises(ValidationError) as error:
        rules_clean(raw)
    assert message in " ".join(error.value.messages)


def test_a_kind_rule_admits_only_that_kind(setting):
    forum, owner, items, viewer, delegate, *_ = setting
    forum.classification_rules = {"controlled": {"see": {"kinds": ["producer"], "level": "full"}}}
    forum.save()
    controlled = items["controlled"]
    controlled.refresh_from_db()
    assert not item_visible(viewer, controlled)  # a buyer
    assert controlled not in visible_items(delegate.user, forum, owner.profiles.all())
    viewer.kind = "producer"
    viewer.save()
    controlled.refresh_from_db()
    assert item_visible(viewer, controlled)
    assert controlled in visible_items(delegate.user, forum, owner.profiles.all())


def test_a_listed_country_rule_and_request_needs_seeing(setting):
    forum, _owner, items, viewer, *_ = setting
    forum.classification_rules = {
        "dual_use": {
            "see": {"countries": ["EE"], "kinds": [], "level": "none"},
            "request": {"countries": "any", "kinds": [], "level": "none"},
        }
    }
    forum.save()
    dual_use = items["dual_use"]
    dual_use.refresh_from_db()
    assert not item_visible(viewer, dual_use)
    # The request rule admits everyone, but requesting needs seeing.
    assert not item_requestable(viewer, dual_use)


def test_the_owner_and_its_committee_team_always_see_its_items(setting):
    forum, owner, items, _viewer, _delegate, chair, ua_officer, lt_officer = setting
    forum.classification_rules = {"public": {"see": {"level": "full", "countries": ["EE"]}}}
    forum.save()
    for item in items.values():
        item.refresh_from_db()
        assert item_visible(owner, item)
        assert item_visible(None, item, user=ua_officer)
        assert item_visible(None, item, user=chair)
    assert not item_visible(None, items["controlled"], user=lt_officer)


def test_the_request_service_refuses_an_item_the_sender_may_not_request(setting):
    _forum, owner, items, viewer, delegate, *_ = setting
    viewer.accreditation_level = AccreditationLevel.NONE
    viewer.save()
    for classification in ("dual_use", "controlled"):
        with pytest.raises(PermissionDenied):
            meeting_request_send(
                sender=delegate, recipient_organisation=owner, about=items[classification]
            )
    assert not MeetingRequest.objects.exists()
    sent = meeting_request_send(
        sender=delegate, recipient_organisation=owner, about=items["public"]
    )
    assert sent.about == items["public"]


def test_the_api_refuses_a_request_about_an_item_the_sender_may_not_request(setting):
    _forum, owner, items, viewer, delegate, *_ = setting
    viewer.accreditation_level = AccreditationLevel.NONE
    viewer.save()
    client = Client()
    client.force_login(delegate.user)
    hidden = client.post(
        "/api/v1/meeting-requests/",
        {"recipient_organisation": owner.pk, "about": items["controlled"].pk},
        content_type="application/json",
    )
    assert hidden.status_code == 404  # not even seen
    seen = client.post(
        "/api/v1/meeting-requests/",
        {"recipient_organisation": owner.pk, "about": items["dual_use"].pk},
        content_type="application/json",
    )
    assert seen.status_code == 403
    assert not MeetingRequest.objects.exists()


def test_a_rule_change_holds_at_once_in_the_shared_api_directory(setting, settings):
    settings.DIRECTORY_CACHE_SECONDS = 60
    forum, _owner, items, viewer, delegate, chair, *_ = setting
    client = Client()
    client.force_login(delegate.user)

    def listed() -> set[int]:
        response = client.get("/api/v1/profiles/?page_size=100")
        return {row["id"] for row in response.json()["results"]}

    assert items["dual_use"].pk in listed()
    assert items["dual_use"].pk in listed()  # from the shared cache now
    forum_set_classification_rules(
        forum=forum,
        actor=chair,
        rules={"dual_use": {"see": {"countries": "any", "kinds": [], "level": "full"}}},
    )
    viewer.accreditation_level = AccreditationLevel.BASIC
    viewer.save()
    assert items["dual_use"].pk not in listed()
    assert items["public"].pk in listed()


def test_only_the_chair_sets_the_rules_and_bad_rules_change_nothing(setting):
    forum, _owner, _items, _viewer, _delegate, chair, ua_officer, _lt = setting
    with pytest.raises(PermissionDenied):
        forum_set_classification_rules(forum=forum, actor=ua_officer, rules={})
    with pytest.raises(ValidationError):
        forum_set_classification_rules(
            forum=forum, actor=chair, rules={"controlled": {"see": {"level": "top"}}}
        )
    forum.refresh_from_db()
    assert forum.classification_rules == {}
    forum_set_classification_rules(
        forum=forum, actor=chair, rules={"public": {"request": {"level": "basic"}}}
    )
    forum.refresh_from_db()
    assert forum.classification_rules["public"]["request"]["level"] == "basic"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CLASSIFICATION_RULES_CHANGED)
    assert entry.actor == chair


def test_the_chair_edits_the_rules_on_the_console_page(setting):
    forum, _owner, _items, _viewer, _delegate, chair, *_ = setting
    client = Client()
    client.force_login(chair)
    url = reverse("console:classification_rules")
    page = client.get(url)
    assert page.status_code == 200
    data = {}
    for classification in Classification.values:
        for action in ("see", "request"):
            prefix = f"{classification}__{action}"
            data[f"{prefix}__scope"] = "any"
            data[f"{prefix}__level"] = "none"
    data["controlled__see__scope"] = "listed"
    data["controlled__see__countries"] = "lt, ua"
    data["controlled__see__kinds"] = ["buyer"]
    assert client.post(url, data).status_code == 302
    forum.refresh_from_db()
    assert forum.classification_rules["controlled"]["see"] == {
        "countries": ["LT", "UA"],
        "kinds": ["buyer"],
        "level": "none",
    }
    data["controlled__see__countries"] = "XX"
    refused = client.post(url, data)
    assert refused.status_code == 200 and "XX" in refused.content.decode()


def test_the_owners_country_team_reviews_a_classification(setting):
    _forum, owner, items, _viewer, _delegate, _chair, ua_officer, lt_officer = setting
    item = items["public"]
    with pytest.raises(PermissionDenied):
        profile_review_classification(
            profile=item, reviewer=lt_officer, classification="controlled"
        )
    profile_review_classification(
        profile=item, reviewer=ua_officer, classification="controlled", reason="EW payload"
    )
    item.refresh_from_db()
    assert item.classification == "controlled"
    assert item.classification_reviewed_by == ua_officer
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CLASSIFICATION_REVIEWED)
    assert entry.data["previous"] == "public" and entry.data["classification"] == "controlled"
    assert entry.data["reason"] == "EW payload" and entry.organisation == owner
    # a reason over the limit is refused whole, the item left as it was (never cut)
    with pytest.raises(ValidationError):
        profile_review_classification(
            profile=item, reviewer=ua_officer, classification="public", reason="x" * 2001
        )
    item.refresh_from_db()
    assert item.classification == "controlled"


def test_the_vetting_team_grants_an_accreditation_level(setting):
    forum, _owner, _items, viewer, _delegate, _chair, ua_officer, lt_officer = setting
    with pytest.raises(PermissionDenied):
        organisation_set_accreditation_level(organisation=viewer, reviewer=ua_officer, level="none")
    with pytest.raises(ValidationError):
        organisation_set_accreditation_level(organisation=viewer, reviewer=lt_officer, level="x")
    organisation_set_accreditation_level(
        organisation=viewer, reviewer=lt_officer, level="basic", reason="Checked"
    )
    viewer.refresh_from_db()
    assert viewer.accreditation_level == "basic"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCREDITATION_LEVEL)
    assert entry.data == {
        "previous": "full",
        "level": "basic",
        "team": str(CommitteeTeam.objects.get(forum=forum, country="LT")),
        "reason": "Checked",
    }


def test_the_matcher_uses_only_items_everyone_may_see(setting):
    forum, _owner, items, _viewer, *_ = setting
    used = {p.id for p in forum_to_matcher(forum).profiles}
    assert str(items["controlled"].pk) not in used
    assert {str(items["public"].pk), str(items["dual_use"].pk)} <= used
    forum.classification_rules = {"dual_use": {"see": {"level": "basic"}}}
    forum.save()
    used = {p.id for p in forum_to_matcher(forum).profiles}
    assert str(items["dual_use"].pk) not in used


def test_an_explanation_never_quotes_an_item_no_longer_open(setting):
    forum, owner, items, viewer, *_ = setting
    need = CooperationProfileFactory(organisation=viewer, side="need", title="Radar need")
    pair = {"need_id": str(need.pk), "offer_id": str(items["dual_use"].pk)}
    rec = RecommendationFactory(
        organisation=viewer,
        counterpart=owner,
        explanation={"they_answer_you": pair, "text": "dual_use radar"},
    )
    assert explanation_shown(rec)["they_answer_you"] == pair
    forum.classification_rules = {"dual_use": {"see": {"level": "full"}}}
    forum.save()
    shown = explanation_shown(Recommendation.objects.get(pk=rec.pk))  # a new read
    assert shown["they_answer_you"] is None and shown["text"] == ""


def test_the_inbox_topics_quote_only_items_the_reader_may_see(setting):
    _forum, owner, items, viewer, *_ = setting
    viewer.accreditation_level = AccreditationLevel.NONE
    viewer.save()
    need = CooperationProfileFactory(organisation=viewer, side="need", title="Radar need")
    pair = {
        "need_id": str(need.pk),
        "need_title": need.title,
        "offer_id": str(items["controlled"].pk),
        "offer_title": items["controlled"].title,
    }
    RecommendationFactory(
        organisation=viewer, counterpart=owner, explanation={"they_answer_you": pair}
    )
    topics = " ".join(pair_topics(own=viewer, other=owner, limit=5))
    assert "controlled radar" not in topics
    assert "public radar" in topics and "dual_use radar" in topics
