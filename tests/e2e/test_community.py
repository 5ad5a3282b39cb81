"""Browser tests of issue 8: the six languages, the experience exchange, news comments."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from matchforum.forums.models import CapabilityTrack
from matchforum.forums.services import capability_tracks_seed
from matchforum.news.models import Comment, CommentStatus
from matchforum.organisations.models import Visibility
from tests.factories import DelegateFactory, OrganisationFactory, UserFactory, forum_build

# serialized_rollback restores the seeded tracks after each test, for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(transactional_db):
    """A forum with the seeded tracks (flushed by earlier transactional tests, so re-seeded)."""
    capability_tracks_seed()
    forum = forum_build()
    demining = CapabilityTrack.objects.get(slug="demining")

    def delegate(org_name: str, person: str, *, in_demining: bool = True, **fields):
        organisation = OrganisationFactory(forum=forum, name=org_name, **fields)
        if in_demining:
            organisation.tracks.add(demining)
        return DelegateFactory(
            organisation=organisation,
            user=UserFactory(email=f"{person.split()[0].lower()}@example.org", full_name=person),
        )

    return {
        "forum": forum,
        "member": delegate("Baltic Clearance", "Rūta Kazlauskienė", country="LT"),
        "colleague": delegate("Kharkiv Deminers", "Olena Kovalenko"),
        "outsider": delegate("Sky Optics", "Piotr Nowak", in_demining=False, country="PL"),
        "organiser": UserFactory(
            email="organiser@example.org", full_name="Forum Team", is_organiser=True
        ),
    }


def sign_in(context, live_server, email: str):
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


LANGUAGE_CHECKS = {
    "uk": ("Напрями спроможностей", "Розмінування", "Обмін досвідом"),
    "lt": ("Pajėgumų kryptys", "Išminavimas", "Keitimasis patirtimi"),
    "lv": ("Spēju virzieni", "Atmīnēšana", "Pieredzes apmaiņa"),
    "et": ("Võimekussuunad", "Demineerimine", "Kogemuste vahetus"),
    "pl": ("Obszary zdolności", "Rozminowywanie", "Wymiana doświadczeń"),
    "en": ("Capability tracks", "Demining", "Experience exchange"),
}


def test_the_interface_switches_to_each_language(world, live_server, new_context, screenshot):
    page = sign_in(new_context(), live_server, world["member"].user.email)
    for language, (home_heading, track_name, exchange) in LANGUAGE_CHECKS.items():
        page.goto(f"{live_server.url}/")
        page.click(f".langswitch button[value={language}]")
        page.wait_for_load_state()
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", name=home_heading)).to_be_visible()
        page.goto(f"{live_server.url}/coalitions/demining/")
        expect(page.get_by_role("heading", level=1)).to_have_text(track_name)
        expect(page.get_by_role("heading", name=exchange)).to_be_visible()
        screenshot(page, f"community-language-{language}")

    # The choice is remembered on the account: a fresh browser signs in to it.
    page.click(".langswitch button[value=lt]")
    page.wait_for_load_state()
    fresh = sign_in(new_context(locale="en-GB"), live_server, world["member"].user.email)
    expect(fresh.locator("html")).to_have_attribute("lang", "lt")
    expect(fresh.get_by_role("heading", name="Pajėgumų kryptys")).to_be_visible()


def test_a_thread_is_created_replied_to_moderated_and_hidden_from_non_members(
    world, live_server, new_context, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    base = live_server.url
    member = sign_in(new_context(), live_server, world["member"].user.email)
    member.goto(f"{base}/coalitions/demining/")
    member.get_by_role("link", name="Start a thread").click()
    expect(member.locator("label.required", has_text="Title")).to_be_visible()
    member.select_option("#id_kind", "test_results")
    member.fill("#id_title", "Field trial of the RX-7 detector")
    member.fill("#id_body", "97% detection in clay soil; results attached.")
    member.set_input_files(
        "#id_attachments",
        files=[{"name": "rx7-results.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    member.get_by_role("button", name="Open the thread").click()
    expect(member.get_by_role("heading", level=1)).to_contain_text("Field trial of the RX-7")
    expect(member.get_by_role("link", name="rx7-results.pdf")).to_be_visible()
    thread_url = member.url

    colleague = sign_in(new_context(), live_server, world["colleague"].user.email)
    colleague.goto(thread_url)
    colleague.fill("#id_body", "Same result near Izium. Contact me for the cheap copy!")
    colleague.get_by_role("button", name="Post the reply").click()
    expect(colleague.get_by_text("Your reply is posted.")).to_be_visible()
    expect(colleague.get_by_text("Olena Kovalenko, Kharkiv Deminers")).to_be_visible()
    screenshot(colleague, "community-thread-replied")

    member.goto(thread_url)
    member.locator("article.post").nth(1).get_by_role("link", name="Report").click()
    member.fill("#id_reason", "Advertising a copy of the product.")
    member.get_by_role("button", name="Send the report").click()
    expect(member.get_by_text("The organisers will look at this post.")).to_be_visible()

    organiser = sign_in(new_context(), live_server, world["organiser"].email)
    organiser.goto(f"{base}/coalitions/reports/")
    expect(organiser.get_by_text("Advertising a copy of the product.")).to_be_visible()
    screenshot(organiser, "community-report-queue")
    organiser.get_by_role("button", name="Hide the post").click()
    expect(organiser.get_by_text("No open reports.")).to_be_visible()
    organiser.goto(thread_url)
    organiser.get_by_role("button", name="Lock the thread").click()
    expect(organiser.get_by_text("The thread is locked.")).to_be_visible()
    screenshot(organiser, "community-thread-moderated")

    colleague.goto(thread_url)
    expect(colleague.get_by_text("This post was hidden by a moderator.")).to_be_visible()
    expect(colleague.get_by_text("cheap copy")).to_have_count(0)
    expect(colleague.get_by_text("This thread is locked; no more replies.")).to_be_visible()
    expect(colleague.locator("#id_body")).to_have_count(0)

    outsider = sign_in(new_context(), live_server, world["outsider"].user.email)
    response = outsider.goto(thread_url)
    assert response.status == 404
    outsider.goto(f"{base}/coalitions/demining/")
    expect(outsider.get_by_text("Field trial of the RX-7 detector")).to_have_count(0)
    expect(outsider.get_by_text("open to the vetted delegates")).to_be_visible()
    screenshot(outsider, "community-track-non-member")


def test_a_comment_is_posted_moderated_and_shows_no_email(
    world, live_server, new_context, screenshot
):
    base = live_server.url
    world["member"].organisation.visibility = Visibility.LISTED
    organiser = sign_in(new_context(), live_server, world["organiser"].email)
    organiser.goto(f"{base}/news/")
    organiser.get_by_role("link", name="Write an article").click()
    organiser.fill("#id_title", "Demining coalition meets on day one")
    organiser.fill("#id_body", "Room 2, 09:00. Bring your test results.")
    organiser.get_by_label("Demining").check()
    organiser.get_by_label("Published").check()
    organiser.get_by_role("button", name="Save").click()
    expect(organiser.get_by_role("heading", level=1)).to_contain_text("Demining coalition meets")
    article_url = organiser.url

    member = sign_in(new_context(), live_server, world["member"].user.email)
    member.goto(article_url)
    expect(member.locator("label.required", has_text="Your comment")).to_be_visible()
    member.get_by_role("button", name="Send the comment").click()
    expect(member.locator(".errorlist")).to_be_visible()
    member.fill("#id_body", "We will bring the RX-7 data.")
    member.get_by_role("button", name="Send the comment").click()
    expect(
        member.get_by_text("Your comment appears once an organiser approves it.")
    ).to_be_visible()
    expect(member.get_by_text("Waiting for moderation")).to_be_visible()

    reader = sign_in(new_context(), live_server, world["outsider"].user.email)
    reader.goto(article_url)
    expect(reader.get_by_text("We will bring the RX-7 data.")).to_have_count(0)

    organiser.goto(f"{base}/news/moderation/")
    organiser.get_by_role("button", name="Approve").click()
    expect(organiser.get_by_text("The comment is approved.")).to_be_visible()
    assert Comment.objects.get().status == CommentStatus.APPROVED

    reader.goto(article_url)
    comment = reader.locator(".comment")
    expect(comment).to_contain_text("We will bring the RX-7 data.")
    expect(comment).to_contain_text("Rūta Kazlauskienė, Baltic Clearance")
    assert world["member"].user.email not in reader.content()
    assert not re.search(r"[\w.]+@example\.org", reader.content())
    screenshot(reader, "community-news-comment")
