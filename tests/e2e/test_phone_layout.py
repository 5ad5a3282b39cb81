"""Every delegate page at 390×844 in Debian's chromium: no sideways scrolling, and the
header folds its menu and languages behind one button so the first screen shows the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from matchforum.forums.models import CapabilityTrack, Slot, Table
from matchforum.forums.services import capability_tracks_seed
from matchforum.meetings.services import meeting_place, meeting_request_accept, meeting_request_send
from tests.e2e.conftest import PHONE
from tests.factories import (
    CooperationProfileFactory,
    DelegateFactory,
    NotificationFactory,
    OrganisationFactory,
    UserFactory,
    forum_build,
    schedule_publish_live,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def phone_world(transactional_db):
    capability_tracks_seed()
    forum = forum_build()
    demining = CapabilityTrack.objects.get(slug="demining")
    own = OrganisationFactory(forum=forum, name="Baltic Clearance", country="LT")
    other = OrganisationFactory(
        forum=forum, name="Kharkiv Unmanned Ground Systems Engineering Bureau", country="UA"
    )
    third = OrganisationFactory(forum=forum, name="Tallinn Optics", country="EE")
    for organisation in (own, other, third):
        organisation.tracks.add(demining)
    me = DelegateFactory(
        organisation=own,
        user=UserFactory(email="ruta@example.org", full_name="Rūta Kazlauskienė"),
    )
    them = DelegateFactory(organisation=other)
    DelegateFactory(organisation=third)
    for organisation, side in ((own, "need"), (other, "offer"), (third, "offer")):
        profile = CooperationProfileFactory(
            organisation=organisation,
            side=side,
            title="Remote-controlled demining platforms for agricultural land",
            description="Tracked ground robots with flails and mine-roller attachments. " * 5,
        )
        profile.tracks.add(demining)
    request = meeting_request_send(sender=them, recipient_organisation=own)
    meeting = meeting_request_accept(meeting_request=request, responder=me)
    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at").first()
    meeting_place(meeting=meeting, slot=slot, table=Table.objects.get(forum=forum, number=1))
    schedule_publish_live(forum=forum)
    meeting_request_send(sender=DelegateFactory(organisation=third), recipient_organisation=own)
    NotificationFactory(
        user=me.user,
        subject="The meeting schedule is published",
        body="Your personal agenda is ready: https://forum.example.org/agenda/",
        link="/agenda/",
    )
    return {"me": me, "other": other}


def _sign_in(page, base, email):
    page.goto(f"{base}/accounts/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_every_delegate_page_fits_a_phone(phone_world, live_server, new_context, screenshot):
    page = new_context().new_page()
    page.set_viewport_size(PHONE)
    base = live_server.url
    _sign_in(page, base, phone_world["me"].user.email)
    pages = {
        "home": "/",
        "marketplace": "/marketplace/",
        "organisation": f"/marketplace/organisations/{phone_world['other'].pk}/",
        "recommendations": "/recommendations/",
        "inbox": "/meetings/inbox/",
        "outbox": "/meetings/outbox/",
        "agenda": "/agenda/",
        "notifications": "/notifications/",
        "notification settings": "/notifications/preferences/",
        "organisation details": "/organisation/details/",
        "offers and needs": "/marketplace/mine/",
        "new offer": "/marketplace/mine/new/?side=offer",
        "community": "/coalitions/",
    }
    too_wide = {}
    for name, path in pages.items():
        response = page.goto(f"{base}{path}")
        assert response.status == 200, name
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = width
    assert too_wide == {}


def test_the_menu_folds_away_and_opens_on_a_phone(phone_world, live_server, new_context):
    page = new_context().new_page()
    page.set_viewport_size(PHONE)
    base = live_server.url
    _sign_in(page, base, phone_world["me"].user.email)
    page.goto(f"{base}/agenda/")
    toggle = page.locator(".menu-toggle")
    expect(toggle).to_be_visible()
    expect(page.locator(".mainnav")).to_be_hidden()
    expect(page.locator(".langswitch")).to_be_hidden()
    # The header takes a small part of the first screen; the page's heading shows.
    header_height = page.evaluate("document.querySelector('header.topbar').offsetHeight")
    assert header_height < PHONE["height"] * 0.12
    expect(page.locator("main h1").first).to_be_in_viewport()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".mainnav")).to_be_visible()
    page.locator(".langswitch button[value=uk]").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator(".mainnav")).to_be_hidden()  # folded again on the next page


def test_on_a_desktop_the_menu_stays_open(phone_world, live_server, new_context):
    page = new_context().new_page()
    _sign_in(page, live_server.url, phone_world["me"].user.email)
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.locator(".mainnav")).to_be_visible()
    expect(page.locator(".langswitch")).to_be_visible()
