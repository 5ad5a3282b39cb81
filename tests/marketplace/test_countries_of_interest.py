"""Countries of interest are real ISO 3166-1 countries, in the API, the form and the model."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from matchforum.marketplace.models import CooperationProfile
from tests.factories import CooperationProfileFactory

BODY = {"side": "offer", "kind": "product", "title": "Sensor", "description": "x", "language": "en"}


def _api(world) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {world.own_token.raw}")


@pytest.mark.parametrize("codes", [["ZZ"], ["UA", "XX"], ["ua"], ["UKR"], [1]])
def test_the_api_refuses_unknown_country_codes(world, no_throttles, codes):
    response = _api(world).post(
        "/api/v1/profiles/",
        {**BODY, "countries_of_interest": codes},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "countries_of_interest" in response.json()
    assert not CooperationProfile.objects.filter(title="Sensor").exists()


def test_the_api_refuses_them_on_an_edit_too(world, no_throttles):
    response = _api(world).patch(
        f"/api/v1/profiles/{world.own_profile.pk}/",
        {"countries_of_interest": ["LT", "ZZ"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    world.own_profile.refresh_from_db()
    assert "ZZ" not in world.own_profile.countries_of_interest


def test_known_codes_are_stored_as_sent(world, no_throttles):
    response = _api(world).post(
        "/api/v1/profiles/",
        {**BODY, "countries_of_interest": ["UA", "LT", "EE"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert CooperationProfile.objects.get(title="Sensor").countries_of_interest == [
        "UA",
        "LT",
        "EE",
    ]


def test_the_web_form_refuses_an_unknown_code(world):
    client = Client()
    client.force_login(world.users["own"])
    response = client.post(
        reverse("marketplace:profile_new"), {**BODY, "countries_of_interest": ["ZZ"]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["countries_of_interest"]
    assert not CooperationProfile.objects.filter(title="Sensor").exists()


def test_the_model_refuses_an_unknown_code(db):
    profile = CooperationProfileFactory.build(countries_of_interest=["ZZ"])
    profile.organisation.save()
    profile.organisation_id = profile.organisation.pk
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert "countries_of_interest" in refused.value.message_dict
