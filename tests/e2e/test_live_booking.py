"""Browser test of live booking in Debian's chromium: the invited delegate accepts a
request and picks a free time; a time taken meanwhile is refused with the reason and the
request stays open; the booked meeting is in both agendas at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from matchforum.forums.models import Slot
from matchforum.meetings.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from matchforum.meetings.services import meeting_place
from matchforum.notifications.models import NotificationKind
from tests.factories import (
    DelegateFactory,
    MeetingRequestFactory,
    OrganisationFactory,
    UserFactory,
    forum_build,
    meeting_build,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def world(transactional_db, settings, live_server):
    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    forum = forum_build()
    forum.live_booking = True
    forum.save(update_fields=["live_booking"])

    def delegate(org: str, person: str):
        return DelegateFactory(
            organisation=OrganisationFactory(forum=forum, name=org),
            user=UserFactory(email=f"{person.split()[0].lower()}@example.org", full_name=person),
        )

    anna = delegate("Baltic Clearance", "Anna Berzina")
    marek = delegate("Vistula Optics", "Marek Zielinski")
    request = MeetingRequestFactory(sender=anna, recipient_organisation=marek.organisation)
    slots = list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))
    return {"forum": forum, "anna": anna, "marek": marek, "request": request, "slots": slots}


def sign_in(new_context, live_server, email: str):
    page = new_context().new_page()
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_accept_and_pick_a_free_time(world, live_server, new_context):
    base, request, slots = live_server.url, world["request"], world["slots"]
    marek = sign_in(new_context, live_server, "marek@example.org")
    marek.goto(f"{base}/meetings/inbox/")
    marek.locator(f"#request-{request.pk} .accept-request").click()
    expect(marek.locator("#book-request")).to_be_visible()
    first = marek.locator(f"input[name=slot][value='{slots[0].pk}']")
    expect(first).to_be_visible()
    first.check()
    # Meanwhile Marek's colleague books him elsewhere at that very time.
    colleague = DelegateFactory(organisation=OrganisationFactory(forum=world["forum"]))
    meeting_place(
        meeting=meeting_build(world["marek"], colleague),
        slot=slots[0],
        table=world["forum"].tables.get(number=1),
    )
    marek.click("#book-accept")
    expect(marek.locator("#book-error")).to_contain_text("not free for this meeting")
    assert MeetingRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING
    expect(marek.locator(f"input[name=slot][value='{slots[0].pk}']")).to_have_count(0)

    marek.locator(f"input[name=slot][value='{slots[1].pk}']").check()
    marek.click("#book-accept")
    marek.wait_for_url(f"{base}/agenda/")
    meeting = Meeting.objects.get(request=request)
    assert (meeting.status, meeting.slot_id) == (MeetingStatus.SCHEDULED, slots[1].pk)
    expect(marek.locator(f".agenda-entry[data-meeting='{meeting.pk}']")).to_contain_text(
        "Baltic Clearance"
    )

    anna = sign_in(new_context, live_server, "anna@example.org")
    anna.goto(f"{base}/agenda/")
    expect(anna.locator(f".agenda-entry[data-meeting='{meeting.pk}']")).to_contain_text("Table")
    assert (
        world["anna"]
        .user.notifications.filter(
            kind=NotificationKind.REQUEST_ACCEPTED, subject__startswith="Meeting booked"
        )
        .exists()
    )
