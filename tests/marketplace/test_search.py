import pytest

from matchforum.forums.models import CapabilityTrack
from tests.factories import CooperationProfileFactory, DelegateFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(forum):
    demining = CapabilityTrack.objects.get(slug="demining")
    cyber = CapabilityTrack.objects.get(slug="cyber")
    viewer = DelegateFactory(organisation__forum=forum, organisation__name="Viewer")
    riga = OrganisationFactory(forum=forum, name="Riga Robotics", country="LV", kind="producer")
    riga.tracks.add(demining)
    tallinn = OrganisationFactory(
        forum=forum, name="Tallinn Capital", country="EE", kind="investor"
    )
    warsaw = OrganisationFactory(
        forum=forum, name="Warsaw Cyber Lab", country="PL", kind="research"
    )
    offer = CooperationProfileFactory(
        organisation=riga, side="offer", kind="product", title="Demining robot", language="en"
    )
    offer.tracks.add(demining)
    CooperationProfileFactory(
        organisation=tallinn,
        side="offer",
        kind="investment",
        title="Seed fund",
        language="et",
        description="Seed investment for dual-use start-ups.",
    )
    need = CooperationProfileFactory(
        organisation=warsaw,
        side="need",
        kind="rnd",
        title="Partner for secure radios",
        language="pl",
        description="Szukamy partnera.",
    )
    need.tracks.add(cyber)
    CooperationProfileFactory(
        organisation=warsaw,
        side="offer",
        kind="service",
        title="Hidden draft about robots",
        is_active=False,
    )
    return viewer


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Riga Robotics", "Tallinn Capital", "Warsaw Cyber Lab"}),
        ("q=robot", {"Riga Robotics"}),  # drafts are not searched
        ("q=dual-use", {"Tallinn Capital"}),
        ("track=demining", {"Riga Robotics"}),
        ("track=cyber", {"Warsaw Cyber Lab"}),
        ("country=EE", {"Tallinn Capital"}),
        ("kind=research", {"Warsaw Cyber Lab"}),
        ("side=need", {"Warsaw Cyber Lab"}),
        ("profile_kind=investment", {"Tallinn Capital"}),
        ("language=pl", {"Warsaw Cyber Lab"}),
        ("side=offer&country=LV", {"Riga Robotics"}),
        ("q=nothing-like-this", set()),
    ],
)
def test_filters(client, market, query, expected):
    client.force_login(market.user)
    page = client.get(f"/marketplace/?{query}").context["page"]
    assert {o.name for o in page.object_list} == expected


def test_htmx_requests_get_only_the_results(client, market):
    client.force_login(market.user)
    response = client.get("/marketplace/?q=robot", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Riga Robotics" in body and "<html" not in body


def test_results_are_paginated(client, forum):
    viewer = DelegateFactory(organisation__forum=forum)
    for n in range(25):
        OrganisationFactory(forum=forum, name=f"Org {n:02d}")
    client.force_login(viewer.user)
    first = client.get("/marketplace/").context["page"]
    second = client.get("/marketplace/?page=2").context["page"]
    assert len(first.object_list) == 20 and len(second.object_list) == 5
    assert first.paginator.count == 25
    assert not {o.pk for o in first} & {o.pk for o in second}


@pytest.fixture
def sensors(forum):
    viewer = DelegateFactory(organisation__forum=forum, organisation__name="Viewer")
    kyiv = OrganisationFactory(
        forum=forum, name="Kyiv Sky Watch", description="Acoustic sensors for the front."
    )
    CooperationProfileFactory(
        organisation=kyiv,
        side="offer",
        title="Drone detection network",
        description="Passive radar.",
    )
    vilnius = OrganisationFactory(
        forum=forum, name="Vilnius Optics", description="Thermal imaging since 1998."
    )
    CooperationProfileFactory(
        organisation=vilnius, side="offer", title="Long-range cameras", description="Day and night."
    )
    lviv = OrganisationFactory(forum=forum, name="Lviv Drones", description="Attack drones.")
    CooperationProfileFactory(
        organisation=lviv, side="need", title="Batteries", description="Cells in bulk."
    )
    odesa = OrganisationFactory(forum=forum, name="Одеса Дрони", description="Виробник дронів.")
    CooperationProfileFactory(
        organisation=odesa, side="offer", title="Виявлення дронів", description="Радари."
    )
    return viewer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the placeholder's own example: both words in one profile title
        ("drone detection", {"Kyiv Sky Watch"}),
        ("Drone Detection", {"Kyiv Sky Watch"}),
        # "thermal" in the description, "camera" (stem of "cameras") in an offer title
        ("thermal camera", {"Vilnius Optics"}),
        ("camera", {"Vilnius Optics"}),
        # a plural query finds the singular and the plural
        ("drones", {"Kyiv Sky Watch", "Lviv Drones"}),
        ("detection drones", {"Kyiv Sky Watch"}),
        ("drone batteries", {"Lviv Drones"}),
        ("thermal batteries", set()),
        # Ukrainian inflections and capitals, also on SQLite
        ("дрони", {"Одеса Дрони"}),
        ("виявлення дрона", {"Одеса Дрони"}),
        ("ДРОНІВ", {"Одеса Дрони"}),
    ],
)
def test_several_words_each_match_in_any_field(client, sensors, text, expected):
    client.force_login(sensors.user)
    page = client.get("/marketplace/", {"q": text}).context["page"]
    assert {o.name for o in page.object_list} == expected


def test_results_whose_name_holds_the_words_come_first(client, sensors):
    # "drones": Kyiv Sky Watch (a profile title) sorts before Lviv Drones by name, but
    # Lviv Drones holds the word in its own name
    client.force_login(sensors.user)
    page = client.get("/marketplace/", {"q": "drones"}).context["page"]
    assert [o.name for o in page.object_list] == ["Lviv Drones", "Kyiv Sky Watch"]
    page = client.get("/marketplace/", {"q": "дрони"}).context["page"]
    assert [o.name for o in page.object_list] == ["Одеса Дрони"]


def test_a_card_lists_four_items_and_folds_the_rest_with_their_count(client, forum):
    viewer = DelegateFactory(organisation__forum=forum, organisation__name="Viewer")
    many = OrganisationFactory(forum=forum, name="Many Items")
    titles = [f"Item number {i}" for i in range(6)]
    for title in titles:
        CooperationProfileFactory(organisation=many, side="offer", title=title)
    client.force_login(viewer.user)
    body = client.get("/marketplace/").content.decode()
    card = body[body.index(f'data-organisation="{many.pk}"') :].split("</article>")[0]
    assert all(title in card for title in titles)  # none left out
    folded = card[card.index("<details") :]
    assert "2 more offers and needs" in folded
    assert sum(title in folded for title in titles) == 2


def test_country_filter_offers_only_countries_present(client, market, forum):
    hidden = OrganisationFactory(forum=forum, name="Unlisted Kyiv", country="UA")
    hidden.visibility = "unlisted"
    hidden.save()
    client.force_login(market.user)
    choices = client.get("/marketplace/").context["form"].fields["country"].choices
    assert [code for code, _ in choices] == ["", "EE", "LV", "PL"]


def test_track_filter_offers_only_tracks_found_in_the_forum(client, market, forum):
    # demining: an organisation's own track and an item's; cyber: a published item's only.
    # A draft's track and an unlisted organisation's are not offered.
    draft = CooperationProfileFactory(
        organisation=OrganisationFactory(forum=forum), title="Draft", is_active=False
    )
    draft.tracks.add(CapabilityTrack.objects.get(slug="air-missile-defence"))
    unlisted = OrganisationFactory(forum=forum, visibility="unlisted")
    unlisted.tracks.add(CapabilityTrack.objects.get(slug="training"))
    client.force_login(market.user)
    choices = client.get("/marketplace/").context["form"].fields["track"].choices
    assert sorted(slug for slug, _ in choices) == ["", "cyber", "demining"]
    # a track from an older link stays valid: the other filters still apply
    page = client.get("/marketplace/?track=unmanned-systems&q=robot").context["page"]
    assert list(page.object_list) == []


def test_country_from_an_older_link_keeps_the_other_filters(client, market):
    client.force_login(market.user)
    page = client.get("/marketplace/?country=FR&q=robot").context["page"]
    assert list(page.object_list) == []


@pytest.fixture
def short_words(forum):
    viewer = DelegateFactory(organisation__forum=forum, organisation__name="Viewer")
    jammers = OrganisationFactory(forum=forum, name="Kaunas Jammers", description="EW kits.")
    CooperationProfileFactory(
        organisation=jammers, side="offer", title="RF jammer", description="Counter-drone."
    )
    CooperationProfileFactory(
        organisation=jammers, side="offer", title="Antennas", description="Masts."
    )
    radars = OrganisationFactory(forum=forum, name="Rf Radars", description="Radars.")
    CooperationProfileFactory(organisation=radars, side="offer", title="Radar", description="")
    drafts = OrganisationFactory(forum=forum, name="Draft Works", description="Drones.")
    CooperationProfileFactory(
        organisation=drafts, title="RF draft", description="Counter-drone.", is_active=False
    )
    return viewer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word too short for a trigram index: in a profile title, or in the own name
        ("rf", {"Kaunas Jammers", "Rf Radars"}),
        ("RF", {"Kaunas Jammers", "Rf Radars"}),
        # with a longer word: both must match, in any field of the organisation
        ("rf drone", {"Kaunas Jammers"}),
        ("drone rf", {"Kaunas Jammers"}),
        ("rf radar", {"Rf Radars"}),
        ("ew jammer", {"Kaunas Jammers"}),
        ("ew radar", set()),
    ],
)
def test_short_words_match_like_long_ones(client, short_words, text, expected):
    client.force_login(short_words.user)
    page = client.get("/marketplace/", {"q": text}).context["page"]
    assert {o.name for o in page.object_list} == expected
    assert page.paginator.count == len(expected)


def test_track_filter_finds_the_organisation_or_its_items_in_the_track(client, market, forum):
    cyber = CapabilityTrack.objects.get(slug="cyber")
    own_track = OrganisationFactory(forum=forum, name="Cyber Only By Its Own Track")
    own_track.tracks.add(cyber)
    hidden = OrganisationFactory(forum=forum, name="Cyber Only In A Draft")
    CooperationProfileFactory(organisation=hidden, is_active=False).tracks.add(cyber)
    client.force_login(market.user)
    page = client.get("/marketplace/?track=cyber").context["page"]
    assert [o.name for o in page] == ["Cyber Only By Its Own Track", "Warsaw Cyber Lab"]
    assert page.paginator.count == 2
