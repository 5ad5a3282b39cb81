"""The classification permission matrix: role × country team × classification × channel.

Every cell comes from `MATRIX` and is asserted through the channel itself: the web page
(the marketplace organisation page for delegates, the console's vetting page for the
committee), the API's profile list, the marketplace search, the recommendations page
(an explanation quoting the item), the console's offers-and-needs export and a meeting
request about the item (the service's refusal). A change to any one rule of
marketplace/visibility.py, or to a channel's use of it, fails at least one cell.

The owner is a Ukrainian producer with a public, a dual-use and a controlled offer; the
forum's participating countries are UA, LT, LV and EE (not PL), with the forum's default
rules. "UA team" is the owner's country team, "LT team" another one.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from matchforum.forums.models import CommitteeRole, CommitteeTeam
from matchforum.marketplace.models import Classification
from matchforum.meetings.models import MeetingRequest
from matchforum.organisations.models import AccreditationLevel
from matchforum.recommendations.models import Recommendation
from tests.factories import (
    CooperationProfileFactory,
    DelegateFactory,
    OrganisationFactory,
    RecommendationFactory,
    UserFactory,
    committee_seat,
)

pytestmark = pytest.mark.django_db

CHANNELS = ["web page", "API", "search", "recommendations", "export", "request"]
CLASSIFICATIONS = [Classification.PUBLIC, Classification.DUAL_USE, Classification.CONTROLLED]
TITLES = {
    Classification.PUBLIC: "Periscope",
    Classification.DUAL_USE: "Thermocamera",
    Classification.CONTROLLED: "Jammerstation",
}

Y, N = True, False
# (role, classification) -> whether the channel shows (or, for "request", lets the role
# request) the owner's item, in CHANNELS order.
MATRIX: dict[tuple[str, str], tuple[bool, bool, bool, bool, bool, bool]] = {
    ("LT delegate, level none", "public"): (Y, Y, Y, Y, N, Y),
    ("LT delegate, level none", "dual_use"): (Y, Y, Y, Y, N, N),
    ("LT delegate, level none", "controlled"): (N, N, N, N, N, N),
    ("LT delegate, level basic", "public"): (Y, Y, Y, Y, N, Y),
    ("LT delegate, level basic", "dual_use"): (Y, Y, Y, Y, N, Y),
    ("LT delegate, level basic", "controlled"): (N, N, N, N, N, N),
    ("LT delegate, level full", "public"): (Y, Y, Y, Y, N, Y),
    ("LT delegate, level full", "dual_use"): (Y, Y, Y, Y, N, Y),
    # Seen and requested, but never used by the matcher (not everyone may see it).
    ("LT delegate, level full", "controlled"): (Y, Y, Y, N, N, Y),
    ("PL delegate, level full", "public"): (Y, Y, Y, Y, N, Y),
    ("PL delegate, level full", "dual_use"): (Y, Y, Y, Y, N, Y),
    ("PL delegate, level full", "controlled"): (N, N, N, N, N, N),
    ("UA team vetting officer", "public"): (Y, Y, N, N, N, N),
    ("UA team vetting officer", "dual_use"): (Y, Y, N, N, N, N),
    ("UA team vetting officer", "controlled"): (Y, Y, N, N, N, N),
    ("UA team organiser", "public"): (Y, Y, N, N, Y, N),
    ("UA team organiser", "dual_use"): (Y, Y, N, N, Y, N),
    ("UA team organiser", "controlled"): (Y, Y, N, N, Y, N),
    ("LT team vetting officer", "public"): (N, Y, N, N, N, N),
    ("LT team vetting officer", "dual_use"): (N, Y, N, N, N, N),
    ("LT team vetting officer", "controlled"): (N, N, N, N, N, N),
    ("chair organiser", "public"): (Y, Y, N, N, Y, N),
    ("chair organiser", "dual_use"): (Y, Y, N, N, Y, N),
    ("chair organiser", "controlled"): (Y, Y, N, N, Y, N),
}
ROLES = sorted({role for role, _classification in MATRIX})


@pytest.fixture
def classified_world(forum):
    forum.participating_countries = ["UA", "LT", "LV", "EE"]
    forum.save()
    for country in ("", "UA", "LT"):
        CommitteeTeam.objects.get_or_create(forum=forum, country=country)
    owner = OrganisationFactory(forum=forum, name="Kyiv Optics", country="UA", kind="producer")
    DelegateFactory(organisation=owner)
    items = {
        classification: CooperationProfileFactory(
            organisation=owner,
            title=f"{TITLES[classification]} system",
            classification=classification,
        )
        for classification in CLASSIFICATIONS
    }
    users: dict[str, object] = {}
    organisations = {}
    for role, country, level in [
        ("LT delegate, level none", "LT", AccreditationLevel.NONE),
        ("LT delegate, level basic", "LT", AccreditationLevel.BASIC),
        ("LT delegate, level full", "LT", AccreditationLevel.FULL),
        ("PL delegate, level full", "PL", AccreditationLevel.FULL),
    ]:
        organisation = OrganisationFactory(
            forum=forum, name=f"{role} org", country=country, accreditation_level=level
        )
        users[role] = DelegateFactory(organisation=organisation).user
        organisations[role] = organisation
    for role, country, seat_role in [
        ("UA team vetting officer", "UA", CommitteeRole.VETTING_OFFICER),
        ("UA team organiser", "UA", CommitteeRole.ORGANISER),
        ("LT team vetting officer", "LT", CommitteeRole.VETTING_OFFICER),
        ("chair organiser", "", CommitteeRole.ORGANISER),
    ]:
        user = UserFactory()
        committee_seat(user, role=seat_role, country=country, forum=forum)
        users[role] = user
    return forum, owner, items, users, organisations


def _shown(client: Client, url: str, title: str) -> bool:
    response = client.get(url)
    return response.status_code == 200 and title in response.content.decode()


def _web_page(client, world, role, item) -> bool:
    _forum, owner, _items, _users, _organisations = world
    if "delegate" in role:
        url = reverse("marketplace:organisation", args=[owner.pk])
    else:
        url = reverse("console:vetting_detail", args=[owner.pk])
    return _shown(client, url, item.title)


def _api(client, world, role, item) -> bool:
    response = client.get("/api/v1/profiles/?page_size=100")
    if response.status_code != 200:
        return False
    return item.pk in {row["id"] for row in response.json()["results"]}


def _search(client, world, role, item) -> bool:
    word = item.title.split()[0]
    response = client.get(reverse("marketplace:search"), {"q": word})
    return response.status_code == 200 and "Kyiv Optics" in response.content.decode()


def _recommendations(client, world, role, item) -> bool:
    """The item reaches the role's recommendations: the matcher's index uses it, or an
    explanation quoting it is shown (either alone would leak it). Without an organisation
    of their own, committee members have no recommendations."""
    from matchforum.recommendations.mapping import forum_to_matcher

    forum, owner, _items, _users, organisations = world
    in_index = str(item.pk) in {p.id for p in forum_to_matcher(forum).profiles}
    organisation = organisations.get(role)
    if organisation is None:
        return _shown(client, reverse("recommendations:list"), item.title)
    own_need = CooperationProfileFactory(organisation=organisation, side="need", title="Optics")
    pair = {
        "need_id": str(own_need.pk),
        "need_title": own_need.title,
        "offer_id": str(item.pk),
        "offer_title": item.title,
        "score": 0.9,
    }
    Recommendation.objects.filter(organisation=organisation, counterpart=owner).delete()
    RecommendationFactory(
        organisation=organisation,
        counterpart=owner,
        explanation={"they_answer_you": pair, "you_answer_them": None, "text": item.title},
    )
    return in_index or _shown(client, reverse("recommendations:list"), item.title)


def _export(client, world, role, item) -> bool:
    return _shown(client, reverse("console:export", args=["profiles", "csv"]), item.title)


def _request(client, world, role, item) -> bool:
    _forum, owner, _items, _users, _organisations = world
    client.post(
        reverse("meetings:send", args=[owner.pk]),
        {"message": "", "session_wish": "any", "about": item.pk},
    )
    sent = MeetingRequest.objects.filter(about=item).exists()
    MeetingRequest.objects.filter(recipient_organisation=owner).delete()  # the next cell
    return sent


CHANNEL_CHECKS = {
    "web page": _web_page,
    "API": _api,
    "search": _search,
    "recommendations": _recommendations,
    "export": _export,
    "request": _request,
}


def test_every_cell_of_the_matrix_is_listed():
    assert set(MATRIX) == {(role, c.value) for role in ROLES for c in CLASSIFICATIONS}
    assert all(len(cells) == len(CHANNELS) for cells in MATRIX.values())


@pytest.mark.parametrize("role", ROLES)
def test_classification_matrix(classified_world, role):
    """Each role, through each channel, sees (or may request) exactly its cells."""
    _forum, _owner, items, users, _organisations = classified_world
    client = Client()
    client.force_login(users[role])
    got, want = {}, {}
    for classification in CLASSIFICATIONS:
        for channel, expected in zip(CHANNELS, MATRIX[role, classification.value], strict=True):
            item = items[classification]
            got[classification.value, channel] = CHANNEL_CHECKS[channel](
                client, classified_world, role, item
            )
            want[classification.value, channel] = expected
    assert got == want
