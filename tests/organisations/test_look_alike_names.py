"""Names that look the same are the same name: zero-width and format characters, full-width
letters, case and runs of spaces do not make a second organisation of the same name."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from matchforum.organisations.models import Organisation
from matchforum.organisations.names import name_clean, name_key
from matchforum.organisations.services import organisation_register, organisation_update
from tests.factories import DelegateFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME = "Ozolavots Partners SIA"
ZERO_WIDTH = NAME + "\u200b"


@pytest.mark.parametrize(
    "look_alike",
    [
        ZERO_WIDTH,
        "Ozolavots\u200d Partners SIA",
        "Ozola\u00advots Partners SIA",  # soft hyphen
        "\ufeffOzolavots Partners SIA",
        "Ozolavots  Partners\u00a0SIA",
        "ＯＺＯＬＡＶＯＴＳ Partners SIA",  # full-width letters
        "ozolavots partners sia",
    ],
)
def test_look_alikes_share_the_key(look_alike):
    assert name_key(look_alike) == name_key(NAME)


def test_distinct_names_keep_distinct_keys():
    assert name_key("Ozolavots Partners SIA") != name_key("Ozolavots Partner SIA")
    assert name_key("Daugava Drones") != name_key("Daugava Drone")


def test_stored_names_lose_invisible_characters():
    assert name_clean(" Daugava\u200b  Drones\u2060 ") == "Daugava Drones"


def test_the_zero_width_look_alike_is_refused_at_registration(forum):
    OrganisationFactory(forum=forum, name=NAME)
    with pytest.raises(ValidationError, match="already registered"):
        organisation_register(
            forum=forum, name=ZERO_WIDTH, country="LV", kind="producer", contact=UserFactory()
        )
    with pytest.raises(ValidationError, match="looks the same"):
        organisation_register(
            forum=forum,
            name="ＯＺＯＬＡＶＯＴＳ Partners SIA",
            country="LV",
            kind="producer",
            contact=UserFactory(),
        )
    assert Organisation.objects.filter(forum=forum).count() == 1


def test_a_new_name_is_stored_without_zero_width_characters(forum):
    organisation = organisation_register(
        forum=forum,
        name="Daugava\u200b Drones",
        country="LV",
        kind="producer",
        contact=UserFactory(),
    )
    assert organisation.name == "Daugava Drones"


def test_the_zero_width_look_alike_is_refused_on_a_rename_on_the_web(client, forum):
    OrganisationFactory(forum=forum, name=NAME)
    delegate = DelegateFactory(organisation__forum=forum, organisation__name="Gauja Optics")
    client.force_login(delegate.user)
    page = client.post(
        "/organisation/details/",
        {
            "name": ZERO_WIDTH,
            "country": "UA",
            "kind": "producer",
            "website": "",
            "description": "",
            "size": "",
            "visibility": "listed",
        },
    ).content.decode()
    assert "already registered" in page
    assert Organisation.objects.get(pk=delegate.organisation.pk).name == "Gauja Optics"
    with pytest.raises(ValidationError, match="looks the same"):
        organisation_update(
            organisation=delegate.organisation, editor=delegate, name="ozolavots partners ｓｉａ"
        )


def test_the_zero_width_look_alike_is_refused_at_sign_up(client, forum):
    OrganisationFactory(forum=forum, name=NAME)
    response = client.post(
        "/accounts/sign-up/",
        {
            "organisation_name": ZERO_WIDTH,
            "country": "LV",
            "kind": "producer",
            "website": "",
            "description": "Radar.",
            "full_name": "Jānis Bērziņš",
            "role": "CEO",
            "email": "janis@example.org",
            "password1": "plausible-cobalt-harbour-17",
            "password2": "plausible-cobalt-harbour-17",
        },
    )
    assert "already registered" in response.content.decode()
    assert Organisation.objects.filter(forum=forum).count() == 1
