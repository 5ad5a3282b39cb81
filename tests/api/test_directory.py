"""The shared directory answers (api/directory.py): who shares them, and that they renew.

A change made with `QuerySet.update()` sends no signal and so leaves the shared answer as
it was: the tests use that to see whether an answer came from the cache.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from matchforum.core.directory_cache import (
    GENERATION_KEY,
    directory_changed,
    directory_generation,
)
from matchforum.forums.models import CapabilityTrack
from matchforum.marketplace.models import CooperationProfile
from matchforum.organisations.models import Accreditation, Organisation, Visibility
from tests.factories import (
    ApiTokenFactory,
    CooperationProfileFactory,
    DelegateFactory,
    OrganisationFactory,
    UserFactory,
    forum_build,
)

SEARCH = "/api/v1/profiles/?search=drone&page_size=50"
ORGANISATIONS = "/api/v1/organisations/?page_size=50"


@pytest.fixture(autouse=True)
def sharing_on(settings):
    settings.DIRECTORY_CACHE_SECONDS = 60


def _client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {ApiTokenFactory(user=user).raw}")


def _delegate_client(organisation) -> Client:
    return _client(DelegateFactory(organisation=organisation).user)


@pytest.fixture
def directory(db):
    forum = forum_build()
    orgs = {
        "public": OrganisationFactory(forum=forum, name="A Public"),
        "seller": OrganisationFactory(forum=forum, name="B Seller"),
        "unlisted": OrganisationFactory(
            forum=forum, name="C Unlisted", visibility=Visibility.UNLISTED
        ),
        "pending": OrganisationFactory(
            forum=forum, name="D Pending", accreditation=Accreditation.PENDING
        ),
        "drafter": OrganisationFactory(forum=forum, name="E Drafter"),
    }
    profiles = {
        "seller": CooperationProfileFactory(organisation=orgs["seller"], title="Drone seller"),
        "unlisted": CooperationProfileFactory(
            organisation=orgs["unlisted"], title="Drone unlisted"
        ),
        "pending": CooperationProfileFactory(organisation=orgs["pending"], title="Drone pending"),
        "draft": CooperationProfileFactory(
            organisation=orgs["drafter"], title="Drone draft", is_active=False
        ),
    }
    clients = {name: _delegate_client(org) for name, org in orgs.items()}
    clients["second public"] = _delegate_client(OrganisationFactory(forum=forum, name="F"))
    clients["organiser"] = _client(UserFactory(is_organiser=True))
    clients["vetting"] = _client(UserFactory(is_vetting_officer=True))
    return orgs, profiles, clients


def _titles(client: Client, path: str = SEARCH) -> set[str]:
    response = client.get(path)
    assert response.status_code == 200
    return {row.get("title", row.get("name")) for row in response.json()["results"]}


def _rename_quietly(profile: CooperationProfile, title: str) -> None:
    CooperationProfile.objects.filter(pk=profile.pk).update(title=title)  # no signal


def test_callers_who_see_the_public_directory_share_one_answer(directory):
    _orgs, profiles, clients = directory
    assert _titles(clients["public"]) == {"Drone seller"}
    _rename_quietly(profiles["seller"], "Drone renamed")
    # Another public caller gets the stored answer: the quiet rename is not in it.
    assert _titles(clients["second public"]) == {"Drone seller"}
    directory_changed()
    assert _titles(clients["second public"]) == {"Drone renamed"}


@pytest.mark.parametrize(
    ("caller", "own_private_row"),
    [
        ("organiser", "Drone pending"),
        ("vetting", "Drone pending"),
        ("unlisted", "Drone unlisted"),
        ("pending", "Drone pending"),
        ("drafter", "Drone draft"),
    ],
)
def test_callers_with_another_view_never_get_the_shared_answer(directory, caller, own_private_row):
    _orgs, profiles, clients = directory
    assert _titles(clients["public"]) == {"Drone seller"}
    _rename_quietly(profiles["seller"], "Drone renamed")
    seen = _titles(clients[caller])
    assert own_private_row in seen
    if caller != "pending":  # a pending organisation sees only its own rows
        assert "Drone renamed" in seen  # built fresh, not the stored page


@pytest.mark.parametrize("caller", ["organiser", "unlisted", "pending", "drafter"])
def test_answers_built_for_other_views_are_not_stored_for_the_public(directory, caller):
    _orgs, _profiles, clients = directory
    _titles(clients[caller])  # first: would be stored if anything stored it
    seen = _titles(clients["public"])
    assert seen == {"Drone seller"}
    assert not seen & {"Drone pending", "Drone unlisted", "Drone draft"}


def test_changes_renew_the_answer_at_once(directory):
    orgs, profiles, clients = directory
    public = clients["public"]
    track = CapabilityTrack.objects.create(slug="uav", name="UAV")
    assert "B Seller" in _titles(public, ORGANISATIONS)
    assert _titles(public) == {"Drone seller"}

    profile = profiles["seller"]
    profile.title = "Drone sold"
    profile.save()
    assert _titles(public) == {"Drone sold"}

    CooperationProfileFactory(organisation=orgs["seller"], title="Drone new")
    assert _titles(public) == {"Drone sold", "Drone new"}

    profile.tracks.add(track)  # only the many-to-many signal tells
    rows = public.get(SEARCH).json()["results"]
    assert {"uav"} == {slug for row in rows if row["id"] == profile.pk for slug in row["tracks"]}

    seller = Organisation.objects.get(pk=orgs["seller"].pk)
    seller.visibility = Visibility.UNLISTED
    seller.save()
    assert "B Seller" not in _titles(public, ORGANISATIONS)
    assert _titles(public) == set()

    profile.delete()
    seller.visibility = Visibility.LISTED
    seller.save()
    assert _titles(public) == {"Drone new"}


def test_a_public_caller_who_writes_a_draft_stops_sharing(directory):
    orgs, profiles, clients = directory
    public = clients["public"]
    assert _titles(public) == {"Drone seller"}
    CooperationProfileFactory(organisation=orgs["public"], title="Drone mine", is_active=False)
    _rename_quietly(profiles["seller"], "Drone renamed")
    assert _titles(public) == {"Drone renamed", "Drone mine"}


def test_turned_off_every_answer_is_built_fresh(directory, settings):
    settings.DIRECTORY_CACHE_SECONDS = 0
    _orgs, profiles, clients = directory
    assert _titles(clients["public"]) == {"Drone seller"}
    _rename_quietly(profiles["seller"], "Drone renamed")
    assert _titles(clients["second public"]) == {"Drone renamed"}


def test_the_query_string_is_part_of_the_answer(directory):
    _orgs, _profiles, clients = directory
    assert _titles(clients["public"], "/api/v1/profiles/?search=seller") == {"Drone seller"}
    assert _titles(clients["public"], "/api/v1/profiles/?search=nothing-like-it") == set()


def test_a_generation_is_kept_until_a_change_and_never_comes_back():
    first = directory_generation()
    assert directory_generation() == first
    directory_changed()
    second = directory_generation()
    assert second != first
    cache.delete(GENERATION_KEY)  # the cache dropped it: a new one, not the old again
    third = directory_generation()
    assert third not in {first, second}
    assert directory_generation() == third
