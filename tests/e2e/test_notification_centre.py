"""The notification centre in Debian's chromium: an organiser cancels a meeting in the
console with a reason; the delegate's header shows one unread, the centre lists the
cancellation with the reason, and marking it read clears the badge."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import (
    DelegateFactory,
    OrganisationFactory,
    UserFactory,
    forum_build,
    meeting_build,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"


def _sign_in(context, base, email):
    page = context.new_page()
    page.goto(f"{base}/accounts/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def test_a_cancellation_reaches_the_centre_and_reading_it_clears_the_badge(
    live_server, new_context, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    forum = forum_build()
    ruta = DelegateFactory(
        organisation=OrganisationFactory(forum=forum, name="Baltic Clearance"),
        user=UserFactory(email="ruta@example.org", full_name="Rūta Kazlauskienė"),
    )
    olena = DelegateFactory(organisation=OrganisationFactory(forum=forum, name="Kharkiv Deminers"))
    meeting = meeting_build(ruta, olena)
    organiser = UserFactory(email="organiser@example.org", is_organiser=True, is_staff=True)
    base = live_server.url

    delegate_page = _sign_in(new_context(), base, ruta.user.email)
    expect(delegate_page.get_by_test_id("notifications-link")).to_be_visible()
    expect(delegate_page.get_by_test_id("unread-count")).to_have_count(0)

    console = _sign_in(new_context(), base, organiser.email)
    console.goto(f"{base}/console/meetings/")
    console.locator(f"#meeting-{meeting.pk}").get_by_role("link", name="Cancel meeting").click()
    console.locator("textarea[name=reason], input[name=reason]").fill(
        "The hall is closed for a security check."
    )
    console.locator("#confirm-cancel").click()
    expect(console.locator(".messages")).to_contain_text(f"Meeting {meeting.pk} cancelled.")

    delegate_page.goto(f"{base}/agenda/")
    expect(delegate_page.get_by_test_id("unread-count")).to_contain_text("1")
    delegate_page.get_by_test_id("notifications-link").click()
    item = delegate_page.get_by_test_id("notification").first
    expect(item).to_contain_text("Baltic Clearance")
    expect(item).to_contain_text("The hall is closed for a security check.")
    expect(item).to_have_class("notification unread")
    item.get_by_role("button", name="Mark read").click()
    expect(delegate_page.get_by_test_id("unread-count")).to_have_count(0)
    expect(delegate_page.get_by_test_id("notification").first).to_have_class("notification")
    delegate_page.get_by_test_id("notification").first.get_by_role("button", name="Open").click()
    delegate_page.wait_for_url(f"{base}/agenda/")
