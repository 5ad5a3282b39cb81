"""The whole delegate journey in Debian's chromium: sign-up to a published agenda.

Two organisations sign up and confirm their e-mail, an organiser approves both, one
publishes an offer answering the other's need, the other sees it recommended with an
explanation and requests a meeting, the first accepts, the meeting is scheduled and
published, and both agendas, the calendar feed and the PDF agree.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

from matchforum.forums.models import Slot, Table
from matchforum.forums.services import capability_tracks_seed
from matchforum.meetings.models import Meeting
from matchforum.meetings.services import meeting_place
from matchforum.organisations.models import Organisation
from matchforum.organisations.services import organisation_decide_accreditation
from tests.factories import UserFactory, forum_build, schedule_publish_live

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "amber-lighthouse-canal-42"


@pytest.fixture
def journey_settings(settings, live_server):
    settings.SITE_URL = live_server.url  # the links in the mails lead to the site under test
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    mail.outbox = []
    return settings


def _tracks():
    """The seeded taxonomy (a transactional test starts from a flushed database)."""
    capability_tracks_seed()


def _sign_up(page, base, *, organisation, country, kind, name, email):
    page.goto(f"{base}/accounts/sign-up/")
    page.fill("#id_organisation_name", organisation)
    page.select_option("#id_country", country)
    page.select_option("#id_kind", kind)
    page.get_by_label("Demining", exact=True).check()
    page.fill("#id_full_name", name)
    page.fill("#id_email", email)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_selector("#sign-up-done")
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    link = re.search(r"https?://\S+", message.body).group(0)
    page.goto(link)
    expect(page.locator("#accreditation-state")).to_have_text("Pending")


def _add_profile(page, base, *, side, title, description):
    page.goto(f"{base}/marketplace/mine/new/?side={side}")
    page.select_option("#id_kind", "product")
    page.fill("#id_title", title)
    page.fill("#id_description", description)
    page.select_option("#id_language", "en")
    page.get_by_label("Demining", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(f"article.profile:has-text('{title}')")).to_be_visible()


def _agenda_row(page, base):
    page.goto(f"{base}/agenda/")
    row = page.locator("#agenda .agenda-entry").first
    expect(row).to_be_visible()
    return (
        row.locator(".slot-time").inner_text(),
        row.locator(".table-number").inner_text(),
        row.locator(".counterpart").inner_text(),
    )


def test_delegate_journey(live_server, journey_settings, new_context, screenshot):
    base = live_server.url
    _tracks()
    forum = forum_build(name="Baltic–Ukrainian Defence Industry Forum", slug="budif")
    organiser = UserFactory(email="organiser@forum.example", is_organiser=True, is_staff=True)

    producer = new_context().new_page()
    _sign_up(
        producer,
        base,
        organisation="Kyiv Sensors",
        country="UA",
        kind="producer",
        name="Olena Kovalenko",
        email="olena@kyiv-sensors.example",
    )
    buyer = new_context().new_page()
    _sign_up(
        buyer,
        base,
        organisation="Lithuanian Demining Centre",
        country="LT",
        kind="buyer",
        name="Rūta Kazlauskaitė",
        email="ruta@demining.example",
    )

    # The organiser approves both (the vetting console is another helper's; its service here).
    for organisation in Organisation.objects.filter(forum=forum):
        organisation_decide_accreditation(
            organisation=organisation, reviewer=organiser, decision="approved"
        )
    buyer.goto(f"{base}/organisation/status/")
    expect(buyer.locator("#accreditation-state")).to_have_text("Approved")

    _add_profile(
        buyer,
        base,
        side="need",
        title="Mine detectors for humanitarian demining",
        description="We need ground penetrating radar mine detectors for our demining teams.",
    )
    _add_profile(
        producer,
        base,
        side="offer",
        title="Ground penetrating radar mine detector",
        description="Handheld ground penetrating radar mine detector for demining teams.",
    )

    # The buyer sees the producer recommended, with the reason, and asks for a meeting.
    buyer.goto(f"{base}/recommendations/")
    card = buyer.locator("article.recommendation", has_text="Kyiv Sensors")
    expect(card).to_be_visible()
    expect(card.locator(".answers-you")).to_contain_text("Ground penetrating radar mine detector")
    expect(card.locator(".answers-you")).to_contain_text("Mine detectors for humanitarian demining")
    screenshot(buyer, "recommendations")
    card.locator("button.request-meeting").click()
    expect(card.locator(".msg-success")).to_contain_text("Your meeting request is sent.")

    buyer.goto(f"{base}/marketplace/")
    expect(buyer.locator("article.org-card", has_text="Kyiv Sensors")).to_be_visible()
    screenshot(buyer, "marketplace")

    # The producer accepts in the inbox.
    producer.goto(f"{base}/meetings/inbox/")
    row = producer.locator("article.request-row", has_text="Lithuanian Demining Centre")
    expect(row).to_be_visible()
    screenshot(producer, "inbox")
    row.locator("button.accept-request").click()
    expect(producer.locator("article.request-row .request-status")).to_have_text("Accepted")

    buyer.goto(f"{base}/agenda/")
    expect(buyer.locator("#schedule-state")).to_contain_text("not yet published")
    expect(buyer.locator("#agenda")).to_contain_text("Kyiv Sensors")

    # Schedule and publish.
    # TODO(lead): drive the console's scheduling run + schedules.services.schedule_publish
    # once branch `console` is merged; until then place and snapshot directly.
    meeting = Meeting.objects.get(forum=forum)
    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at")[2]
    meeting_place(meeting=meeting, slot=slot, table=Table.objects.get(forum=forum, number=2))
    schedule_publish_live(forum=forum, user=organiser)

    buyer_row = _agenda_row(buyer, base)
    producer_row = _agenda_row(producer, base)
    assert buyer_row[:2] == producer_row[:2]
    assert buyer_row[1] == "Table 2"
    assert buyer_row[2] == "Kyiv Sensors" and producer_row[2] == "Lithuanian Demining Centre"
    screenshot(buyer, "agenda")

    # The private calendar feed holds that meeting.
    buyer.get_by_role("button", name="Create a private calendar link").click()
    feed_url = buyer.locator("#feed-url").input_value()
    feed = buyer.context.request.get(feed_url)
    assert feed.ok
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        f"meeting-{meeting.pk}@{live_server.url.split('//')[1].split(':')[0]}"
    ]
    assert events[0].decoded("DTSTART") == slot.starts_at
    assert "Table 2" in str(events[0]["LOCATION"])

    # The PDF opens and has its text.
    pdf = buyer.context.request.get(f"{base}/agenda/agenda.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    assert "Kyiv Sensors" in text and "T2" in text
