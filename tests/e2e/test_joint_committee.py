"""The joint organising committee in Chromium: a Lithuanian team vets only Lithuanian
organisations (its queue shows only them, a Latvian one is not offered and its decision
page refuses), and the chair sees them all."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from matchforum.forums.models import CommitteeRole, CommitteeTeam
from matchforum.organisations.models import AccreditationDecision
from tests.factories import OrganisationFactory, UserFactory, committee_seat, forum_build

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def committee_forum():
    forum = forum_build(participating_countries=["LT", "LV"])
    lithuanian = OrganisationFactory(
        forum=forum, name="Baltic Sapper UAB", country="LT", accreditation="pending"
    )
    latvian = OrganisationFactory(
        forum=forum, name="Ozolavots SIA", country="LV", accreditation="pending"
    )
    officer = UserFactory(email="vetting.lt@example.org", password=PASSWORD)
    committee_seat(officer, role=CommitteeRole.VETTING_OFFICER, country="LT", forum=forum)
    chair = UserFactory(email="chair@example.org", password=PASSWORD)
    committee_seat(chair, role=CommitteeRole.ORGANISER, forum=forum)
    assert CommitteeTeam.objects.filter(forum=forum).count() == 3
    return lithuanian, latvian, officer, chair


def _sign_in(page, url, user):
    page.goto(f"{url}/accounts/sign-in/?next=/console/vetting/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Vetting queue")


def test_joint_committee_lithuanian_team_vets_only_lithuanian_organisations(
    live_server, new_context, committee_forum, screenshot
):
    lithuanian, latvian, officer, _chair = committee_forum
    page = new_context().new_page()
    _sign_in(page, live_server.url, officer)
    queue = page.locator("main table.data").first
    expect(queue).to_contain_text("Baltic Sapper UAB")
    expect(queue).not_to_contain_text("Ozolavots SIA")
    expect(page.locator(f'input[name="organisations"][value="{latvian.pk}"]')).to_have_count(0)
    screenshot(page, "committee-lithuanian-queue")

    page.click("text=Baltic Sapper UAB")
    page.select_option("#id_decision", "needs_information")
    page.fill("#id_reason", "Send the export licence, please.")
    page.click("text=Record decision")
    expect(page.locator("h1")).to_have_text("Vetting queue")
    decision = AccreditationDecision.objects.get(organisation=lithuanian)
    assert (decision.reviewer, decision.team.country.code) == (officer, "LT")

    response = page.goto(f"{live_server.url}/console/vetting/{latvian.pk}/")
    assert response.status == 403
    assert not AccreditationDecision.objects.filter(organisation=latvian).exists()


def test_joint_committee_chair_sees_all(live_server, new_context, committee_forum):
    _lithuanian, _latvian, _officer, chair = committee_forum
    page = new_context().new_page()
    _sign_in(page, live_server.url, chair)
    queue = page.locator("main table.data").first
    expect(queue).to_contain_text("Baltic Sapper UAB")
    expect(queue).to_contain_text("Ozolavots SIA")
    page.click("text=Ozolavots SIA")
    expect(page.locator("h1")).to_contain_text("Ozolavots SIA")
    expect(page.locator("text=Move to another team")).to_be_visible()
    page.goto(f"{live_server.url}/console/committee/")
    expect(page.locator("h1")).to_have_text("Organising committee")
    expect(page.locator("#team-LT")).to_contain_text("vetting.lt@example.org")
