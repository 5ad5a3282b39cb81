"""The six interface languages: catalogues, switching, remembering, formats, e-mails."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.utils import translation

from matchforum.core.catalogues import catalogue_completeness, catalogues_compile
from matchforum.core.i18n_catalogues import catalogues_extract_fresh, translated_languages
from matchforum.forums.models import CapabilityTrack
from matchforum.forums.taxonomy import TRACKS
from matchforum.forums.taxonomy_messages import TRACK_DESCRIPTIONS, TRACK_NAMES
from matchforum.notifications.mail import templates_message
from matchforum.notifications.models import NotificationKind
from matchforum.notifications.services import notification_send
from tests.factories import UserFactory

needs_gettext = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext (Debian package gettext) is missing"
)


@pytest.fixture(scope="module")
def fresh_locale(tmp_path_factory) -> Path:
    """The catalogues merged with a fresh extraction of today's source."""
    return catalogues_extract_fresh(tmp_path_factory.mktemp("extract"))


@needs_gettext
@pytest.mark.parametrize("language", ["uk", "lt"])
def test_ukrainian_and_lithuanian_catalogues_miss_no_string(fresh_locale, language):
    report = catalogue_completeness(fresh_locale, language)
    assert report.total > 300
    assert report.missing == []
    assert report.fuzzy == []


@needs_gettext
@pytest.mark.parametrize("language", ["lv", "et", "pl"])
def test_latvian_estonian_and_polish_catalogues_are_at_least_95_percent(fresh_locale, language):
    report = catalogue_completeness(fresh_locale, language)
    assert report.total > 300
    assert report.ratio >= 0.95, report.missing[:20]


@needs_gettext
def test_a_new_unmarked_catalogue_string_is_reported_missing(tmp_path):
    """The check above can fail: a string nobody translated shows up as missing."""
    locale = catalogues_extract_fresh(tmp_path)
    source = locale.parent / "core" / "brand_new.py"
    source.write_text('from django.utils.translation import gettext as _\n_("Zebra crossing")\n')
    from matchforum.core.i18n_catalogues import messages_make

    messages_make(source=locale.parent, languages=["uk"])
    report = catalogue_completeness(locale, "uk")
    assert "Zebra crossing" in report.missing
    assert not report.passes


def test_every_language_has_a_catalogue_compiled_from_its_po(tmp_path):
    shutil.copytree(Path(settings.LOCALE_PATHS[0]), tmp_path / "locale")
    compiled = catalogues_compile(locale_dir=tmp_path / "locale")
    assert {path.parent.parent.name for path in compiled} == {c for c, _ in settings.LANGUAGES}
    assert set(translated_languages()) == {"uk", "lt", "lv", "et", "pl"}


def test_the_marked_taxonomy_matches_the_seeded_tracks():
    with translation.override(None):
        assert [str(name) for name in TRACK_NAMES] == [name for _s, name, _d, _l in TRACKS]
        assert [str(text) for text in TRACK_DESCRIPTIONS] == [d for _s, _n, d, _l in TRACKS]


@pytest.mark.django_db
def test_seeded_track_names_show_in_the_active_language_and_renamed_ones_as_written():
    demining = CapabilityTrack.objects.get(slug="demining")
    with translation.override("uk"):
        assert demining.display_name == "Розмінування"
        assert "виявлення" in demining.display_description
    with translation.override("lt"):
        assert str(demining) == "Išminavimas"
    demining.name = "Mine action (humanitarian)"
    with translation.override("uk"):
        assert demining.display_name == "Mine action (humanitarian)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "Напрями спроможностей"),
        ("lt", "Pajėgumų kryptys"),
        ("lv", "Spēju virzieni"),
        ("et", "Võimekussuunad"),
        ("pl", "Obszary zdolności"),
        ("en", "Capability tracks"),
    ],
)
def test_the_switcher_changes_the_interface_language(client, forum, language, text):
    response = client.post("/language/", {"language": language, "next": "/"}, follow=True)
    assert response.status_code == 200
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    assert f'lang="{language}"' in response.content.decode()
    # The switcher names each language in itself, whatever the interface language.
    for name in ("English", "Українська", "Lietuvių", "Latviešu", "Eesti", "Polski"):
        assert f">{name}</button>" in response.content.decode()
    assert text in response.content.decode()


@pytest.mark.django_db
def test_dates_are_formatted_per_language(client, forum):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    ukrainian = client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lt"
    lithuanian = client.get("/").content.decode()
    assert "16 March 2027" in english  # European English: day before month
    assert "16 березня 2027" in ukrainian
    assert "2027 m. kovo 16 d." in lithuanian


@pytest.mark.parametrize(
    ("language", "expected"),
    # Lithuanian groups with a space (formats/lt), not Django's default point.
    [("en", "12,345"), ("uk", "12\xa0345"), ("lt", "12\xa0345"), ("pl", "12\xa0345")],
)
def test_numbers_are_grouped_per_language(language, expected):
    from django.template import Context, Template

    template = Template("{% load humanize %}{{ count|intcomma }} {{ ratio }}")
    with translation.override(language):
        rendered = template.render(Context({"count": 12345, "ratio": 0.5}))
    assert rendered.startswith(expected)
    assert rendered.endswith("0.5" if language == "en" else "0,5")


@pytest.mark.django_db
def test_a_signed_in_users_choice_is_saved_and_applied_at_the_next_sign_in(client, forum):
    user = UserFactory()
    client.force_login(user)
    client.post("/language/", {"language": "pl", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "pl"

    other_browser = Client()
    other_browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    other_browser.post(
        "/accounts/sign-in/",
        {"username": user.email, "password": "correct horse battery staple"},
    )
    response = other_browser.get("/")
    assert "Obszary zdolności" in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"


@pytest.mark.django_db
def test_signing_in_keeps_the_language_browsed_in_when_none_is_saved(client, forum):
    user = UserFactory(preferred_language="")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "et"
    client.post(
        "/accounts/sign-in/", {"username": user.email, "password": "correct horse battery staple"}
    )
    user.refresh_from_db()
    assert user.preferred_language == "et"


@pytest.mark.django_db
def test_an_unknown_language_is_not_saved(client, forum):
    user = UserFactory(preferred_language="lt")
    client.force_login(user)
    client.post("/language/", {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "lt"


@pytest.mark.django_db
@override_settings(SITE_URL="https://forum.example.org")
def test_emails_are_rendered_in_the_recipients_language():
    from matchforum.community.models import Thread

    user = UserFactory(preferred_language="lv", full_name="Anna Bērziņa")
    thread = Thread(
        pk=7, title="Mine detectors", track=CapabilityTrack.objects.get(slug="demining")
    )
    with translation.override("en"):
        notification_send(
            user=user,
            kind=NotificationKind.THREAD_REPLY,
            dedupe_key="thread:7",
            build=templates_message(
                recipient=user,
                subject_template="community/email/reply_subject.txt",
                body_template="community/email/reply_body.txt",
                context={"thread": thread},
            ),
            at_once=True,
        )
        assert translation.get_language() == "en"
    message = mail.outbox[-1]
    assert message.subject == "Jauna atbilde diskusijā “Mine detectors”"
    assert "Labdien, Anna Bērziņa!" in message.body
    assert "Atmīnēšana" in message.body
    assert "https://forum.example.org/coalitions/threads/7/" in message.body
