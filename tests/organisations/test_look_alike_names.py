"""Names that look the same are the same name: zero-width and format characters, full-width
letters, letters of another script that look the same (the UTS #39 confusable skeleton),
case and runs of spaces do not make a second organisation of the same name."""

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
        "\u041ezolavots Partners SIA",  # Cyrillic capital O
        "Ozolavots Partners S\u0406A",  # Ukrainian capital I
        "\u043ezolav\u043ets \u0420artners SIA",  # Cyrillic o, o and Er
    ],
)
def test_look_alikes_share_the_key(look_alike):
    assert name_key(look_alike) == name_key(NAME)


CYRILLIC_O = "\u041ezolavots"  # "Оzolavots": a Cyrillic О, then Latin letters


def test_the_cyrillic_o_is_a_look_alike_of_the_latin_one():
    assert CYRILLIC_O != "Ozolavots"
    assert name_key(CYRILLIC_O) == name_key("Ozolavots")


def test_the_cyrillic_look_alike_is_refused_at_registration_and_on_rename(forum):
    OrganisationFactory(forum=forum, name="Ozolavots")
    with pytest.raises(ValidationError, match="looks the same"):
        organisation_register(
            forum=forum, name=CYRILLIC_O, country="LV", kind="producer", contact=UserFactory()
        )
    delegate = DelegateFactory(organisation__forum=forum, organisation__name="Gauja Optics")
    with pytest.raises(ValidationError, match="looks the same"):
        organisation_update(organisation=delegate.organisation, editor=delegate, name=CYRILLIC_O)
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Gauja Optics",
        "Ozolavots",
    ]


def test_the_cyrillic_look_alike_is_refused_in_the_registration_import(forum):
    from tests.organisations.test_registration_import import _import, _row, _xlsx

    OrganisationFactory(forum=forum, name="Ozolavots")
    rows = [_row(2) | {"organisation_name": CYRILLIC_O}, _row(3)]
    report = _import(forum, _xlsx(rows), dry_run=False)
    assert [error.message for error in report.errors] == [
        "This name looks the same as an organisation already registered; "
        "choose a name that reads differently."
    ]
    assert report.organisations_created == ["Works 03"]
    assert not Organisation.objects.filter(name=CYRILLIC_O).exists()


def test_a_look_alike_pair_within_one_import_file_is_refused(forum):
    from tests.organisations.test_registration_import import _import, _row, _xlsx

    rows = [
        _row(2) | {"organisation_name": "Ozolavots"},
        _row(3) | {"organisation_name": CYRILLIC_O},
    ]
    report = _import(forum, _xlsx(rows), dry_run=True)
    assert report.organisations_created == ["Ozolavots"]
    assert len(report.errors) == 1


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


def test_the_cyrillic_look_alike_is_refused_at_sign_up(client, forum):
    OrganisationFactory(forum=forum, name="Ozolavots")
    response = client.post(
        "/accounts/sign-up/",
        {
            "organisation_name": CYRILLIC_O,
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
    assert "looks the same" in response.content.decode()
    assert Organisation.objects.filter(forum=forum).count() == 1
