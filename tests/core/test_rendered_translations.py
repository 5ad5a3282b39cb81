"""The main delegate pages rendered in Ukrainian and Lithuanian show no English text of the
catalogue: every visible text node (and option label) that equals a msgid whose translation
differs from it fails, so an untranslated template string or a data label shown raw (a
track's English name, a choice label) is caught."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

from matchforum.forums.models import CapabilityTrack, Slot, Table
from matchforum.meetings.services import meeting_place, meeting_request_accept, meeting_request_send
from tests.factories import (
    CooperationProfileFactory,
    DelegateFactory,
    NotificationFactory,
    OrganisationFactory,
    schedule_publish_live,
)

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
PAGES = [
    "/",
    "/marketplace/",
    "/marketplace/mine/",
    "/marketplace/mine/new/?side=offer",
    "/recommendations/",
    "/meetings/inbox/",
    "/meetings/outbox/",
    "/agenda/",
    "/notifications/",
    "/notifications/preferences/",
    "/organisation/status/",
    "/organisation/details/",
    "/coalitions/",
]


class _VisibleText(HTMLParser):
    """Text nodes outside script and style, and the labels of <option>s."""

    SKIP = {"script", "style"}

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skipping:
            self.texts.append(text)


def _translated_msgids(language: str) -> set[str]:
    """The catalogue's msgids that read differently once translated (so showing the msgid
    itself means the translation was not used)."""
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    found = set()
    for entry in catalogue:
        if entry.obsolete or entry.msgid_plural or "%" in entry.msgid or "{" in entry.msgid:
            continue
        if entry.msgstr and entry.msgstr != entry.msgid and len(entry.msgid) > 2:
            found.add(" ".join(entry.msgid.split()))
    return found


@pytest.fixture
def delegate(forum):
    demining = CapabilityTrack.objects.get(slug="demining")
    own = OrganisationFactory(forum=forum, name="Baltic Clearance", country="LT")
    other = OrganisationFactory(forum=forum, name="Kharkiv Deminers", country="UA")
    third = OrganisationFactory(forum=forum, name="Tallinn Optics", country="EE")
    me = DelegateFactory(organisation=own)
    them = DelegateFactory(organisation=other)
    for organisation, side in ((own, "need"), (other, "offer"), (third, "offer")):
        organisation.tracks.add(demining)
        profile = CooperationProfileFactory(
            organisation=organisation,
            side=side,
            title="Ground robots",
            countries_of_interest=["UA", "LT"],
            ticket_min_eur=530000,
            ticket_max_eur=2010000,
        )
        profile.tracks.add(demining)
    request = meeting_request_send(sender=them, recipient_organisation=own)
    meeting = meeting_request_accept(meeting_request=request, responder=me)
    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at").first()
    meeting_place(meeting=meeting, slot=slot, table=Table.objects.get(forum=forum, number=1))
    schedule_publish_live(forum=forum)
    meeting_request_send(sender=DelegateFactory(organisation=third), recipient_organisation=own)
    NotificationFactory(user=me.user, kind="schedule_published")
    return me


@pytest.mark.parametrize("language", ["uk", "lt"])
def test_delegate_pages_show_no_untranslated_catalogue_text(client, delegate, language):
    delegate.user.preferred_language = language
    delegate.user.save(update_fields=["preferred_language"])
    client.force_login(delegate.user)
    msgids = _translated_msgids(language)
    english = {}
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        parser = _VisibleText()
        parser.feed(response.content.decode())
        shown = sorted({text for text in parser.texts if text in msgids})
        if shown:
            english[path] = shown
    assert english == {}


def test_the_check_finds_an_english_string(client, delegate):
    """The control: the same page in English shows catalogue msgids."""
    client.force_login(delegate.user)
    parser = _VisibleText()
    parser.feed(client.get("/agenda/").content.decode())
    assert {"My agenda", "Notifications"} & set(parser.texts) & _translated_msgids("uk")


@pytest.mark.parametrize(
    ("language", "ukraine", "lithuania"),
    [("uk", "Україна", "Литва"), ("lt", "Ukraina", "Lietuva")],
)
def test_countries_money_and_dates_in_the_readers_language(
    client, delegate, language, ukraine, lithuania
):
    delegate.user.preferred_language = language
    delegate.user.save(update_fields=["preferred_language"])
    client.force_login(delegate.user)
    form = client.get("/marketplace/mine/new/?side=offer").content.decode()
    assert f">{ukraine}</option>" in form and ">Ukraine</option>" not in form
    mine = client.get("/marketplace/mine/").content.decode()
    assert f"{ukraine}, {lithuania}" in mine  # the profile's countries, by name
    assert "530\xa0000–2\xa0010\xa0000" in mine  # grouped as the language writes it
    assert "2027" in client.get("/agenda/").content.decode()  # dates carry the year
