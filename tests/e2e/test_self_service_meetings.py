"""Browser tests of issue 19's self-service meetings in Debian's chromium: a delegate
cancels with a reason (the other side sees it), asks to move a meeting that the other
side accepts, brings a colleague whom both agendas and the colleague's own show, and a
non-attendee cannot open an online room."""

from __future__ import annotations

import zoneinfo

import pytest
from playwright.sync_api import expect

from matchforum.forums.models import Slot
from matchforum.meetings.models import MeetingMode, MeetingStatus
from matchforum.meetings.services import meeting_place
from matchforum.notifications.models import NotificationKind
from tests.factories import (
    DelegateFactory,
    OrganisationFactory,
    UserFactory,
    forum_build,
    meeting_build,
    schedule_publish_live,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def world(transactional_db, settings, live_server):
    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    forum = forum_build(online_meeting_url_template="https://rooms.example.org/{meeting}")

    def delegate(org: str, person: str):
        return DelegateFactory(
            organisation=OrganisationFactory(forum=forum, name=org),
            user=UserFactory(email=f"{person.split()[0].lower()}@example.org", full_name=person),
        )

    anna, marek = (
        delegate("Baltic Clearance", "Anna Berzina"),
        delegate("Vistula Optics", "Marek Zielinski"),
    )
    slots = list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))
    meeting = meeting_place(
        meeting=meeting_build(anna, marek), slot=slots[0], table=forum.tables.get(number=1)
    )
    schedule_publish_live(forum=forum)
    return {"forum": forum, "anna": anna, "marek": marek, "meeting": meeting, "slots": slots}


def sign_in(new_context, live_server, email: str):
    page = new_context().new_page()
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_cancel_with_a_reason_the_other_side_sees(world, live_server, new_context):
    base, meeting = live_server.url, world["meeting"]
    anna = sign_in(new_context, live_server, "anna@example.org")
    anna.goto(f"{base}/agenda/")
    anna.locator(f".agenda-entry[data-meeting='{meeting.pk}'] .cancel-link").click()
    expect(anna.locator("#told")).to_contain_text("Marek Zielinski")
    anna.click("#confirm-cancel")  # no reason yet: refused, nothing cancelled
    expect(anna.locator("#confirm-cancel")).to_be_visible()
    anna.fill("#id_reason", "Our delegation's flight was cancelled.")
    anna.click("#confirm-cancel")
    expect(anna.locator("#cancelled-state")).to_contain_text("flight was cancelled")
    expect(anna.locator("#undo-cancel")).to_be_visible()

    marek = sign_in(new_context, live_server, "marek@example.org")
    marek.goto(f"{base}/agenda/")
    expect(marek.locator(f".agenda-entry[data-meeting='{meeting.pk}']")).to_have_count(0)
    expect(marek.locator("#cancelled-meetings")).to_contain_text(
        "Our delegation's flight was cancelled."
    )
    notice = world["marek"].user.notifications.get(kind=NotificationKind.MEETING_CANCELLED)
    assert "flight was cancelled" in notice.body


def test_a_move_accepted_by_the_other_side(world, live_server, new_context):
    base, meeting, slots = live_server.url, world["meeting"], world["slots"]
    anna = sign_in(new_context, live_server, "anna@example.org")
    anna.goto(f"{base}/agenda/")
    anna.locator(f".agenda-entry[data-meeting='{meeting.pk}'] .move-link").click()
    anna.select_option("#id_slot", str(slots[2].pk))
    anna.click("#propose-move")
    expect(anna.locator("#open-proposal")).to_contain_text("waiting")

    marek = sign_in(new_context, live_server, "marek@example.org")
    marek.goto(f"{base}/meetings/{meeting.pk}/move/")
    expect(marek.locator("#proposed-time")).to_be_visible()
    marek.click("#accept-move")
    marek.wait_for_url(f"{base}/agenda/")
    meeting.refresh_from_db()
    assert meeting.slot_id == slots[2].pk and meeting.status == MeetingStatus.SCHEDULED
    anna.goto(f"{base}/agenda/")
    new_time = slots[2].starts_at.astimezone(zoneinfo.ZoneInfo(world["forum"].time_zone))
    row = anna.locator(f".agenda-entry[data-meeting='{meeting.pk}'] .slot-time")
    expect(row).to_contain_text(new_time.strftime("%H:%M"))


def test_a_non_attendee_cannot_open_the_room(world, live_server, new_context):
    forum, base = world["forum"], live_server.url
    online = meeting_build(
        DelegateFactory(
            organisation=OrganisationFactory(forum=forum, name="Tallinn Radio"),
            user=UserFactory(email="kadri@example.org", full_name="Kadri Tamm"),
        ),
        world["marek"],
        mode=MeetingMode.ONLINE,
    )
    online = meeting_place(meeting=online, slot=world["slots"][1], table=None, online=True)
    anna = sign_in(new_context, live_server, "anna@example.org")
    response = anna.goto(f"{base}/meetings/{online.pk}/room/")
    assert response.status == 404
    kadri = sign_in(new_context, live_server, "kadri@example.org")
    # The browser's own session, without following the redirect to the (absent) video system.
    response = kadri.request.get(f"{base}/meetings/{online.pk}/room/", max_redirects=0)
    assert response.status == 302
    assert response.headers["location"] == f"https://rooms.example.org/mf-{online.room_token}"


def test_add_a_colleague_both_agendas_and_the_colleagues_show_it_then_remove(
    world, live_server, new_context
):
    base, meeting = live_server.url, world["meeting"]
    ieva = DelegateFactory(
        organisation=world["anna"].organisation,
        user=UserFactory(email="ieva@example.org", full_name="Ieva Kalnina"),
    )
    anna = sign_in(new_context, live_server, "anna@example.org")
    anna.goto(f"{base}/agenda/")
    row = anna.locator(f".agenda-entry[data-meeting='{meeting.pk}']")
    row.locator(".add-colleague select").select_option(str(ieva.pk))
    row.locator(".add-colleague button").click()
    expect(anna.get_by_text("Ieva Kalnina joins the meeting")).to_be_visible()
    expect(row.locator(".attendee-name")).to_have_text(["Ieva Kalnina"])

    marek = sign_in(new_context, live_server, "marek@example.org")
    marek.goto(f"{base}/agenda/")
    theirs = marek.locator(f".agenda-entry[data-meeting='{meeting.pk}']")
    expect(theirs.locator(".attendee-name")).to_have_text(["Ieva Kalnina"])
    expect(theirs.locator(".remove-colleague")).to_have_count(0)  # not theirs to remove
    assert ieva.user.notifications.filter(kind=NotificationKind.MEETING_ATTENDEE).exists()

    colleague = sign_in(new_context, live_server, "ieva@example.org")
    colleague.goto(f"{base}/agenda/")
    own = colleague.locator(f".agenda-entry[data-meeting='{meeting.pk}']")
    expect(own.locator(".counterpart")).to_have_text("Vistula Optics")

    anna.goto(f"{base}/agenda/")
    row.locator(".remove-colleague").click()
    expect(row.locator(".attendee-name")).to_have_count(0)
    marek.goto(f"{base}/agenda/")
    expect(theirs.locator(".attendee-name")).to_have_count(0)
    colleague.goto(f"{base}/agenda/")
    expect(colleague.locator(f".agenda-entry[data-meeting='{meeting.pk}']")).to_have_count(0)
