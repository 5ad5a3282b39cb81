"""Classified offers in Chromium: a controlled offer of a Ukrainian producer is invisible
to a Polish delegate (Poland is not a participating country) in the search and its count,
on the organisation page, in the recommendations and in the API, and visible to a
Lithuanian delegate with full accreditation in the search, on the page and in the API.
The matcher never uses a controlled offer, so no recommendation quotes it to anyone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from matchforum.marketplace.models import Classification
from tests.factories import (
    CooperationProfileFactory,
    DelegateFactory,
    OrganisationFactory,
    RecommendationFactory,
    UserFactory,
    forum_build,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
CONTROLLED = "Jammerstation"


@pytest.fixture
def classified_forum():
    forum = forum_build(participating_countries=["UA", "LT", "LV", "EE"])
    owner = OrganisationFactory(forum=forum, name="Kyiv Electronics", country="UA")
    controlled = CooperationProfileFactory(
        organisation=owner,
        title=f"{CONTROLLED} EW kit",
        classification=Classification.CONTROLLED,
    )
    public = CooperationProfileFactory(organisation=owner, title="Field radio sets")
    delegates = {}
    for country in ("PL", "LT"):
        organisation = OrganisationFactory(
            forum=forum, name=f"{country} Buyer", country=country, accreditation_level="full"
        )
        user = UserFactory(email=f"{country.lower()}@example.org", password=PASSWORD)
        delegates[country] = DelegateFactory(organisation=organisation, user=user)
        need = CooperationProfileFactory(organisation=organisation, side="need", title="EW")
        # A stored suggestion quoting the controlled offer (as if computed before a review).
        RecommendationFactory(
            organisation=organisation,
            counterpart=owner,
            explanation={
                "they_answer_you": {
                    "need_id": str(need.pk),
                    "need_title": need.title,
                    "offer_id": str(controlled.pk),
                    "offer_title": controlled.title,
                    "score": 0.8,
                },
                "you_answer_them": None,
                "text": controlled.title,
            },
        )
    return owner, controlled, public, delegates


def _sign_in(page, url, delegate):
    page.goto(f"{url}/accounts/sign-in/?next=/marketplace/")
    page.fill("#id_username", delegate.user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{url}/marketplace/")


def _api_ids(page, url) -> set[int]:
    response = page.request.get(f"{url}/api/v1/profiles/?page_size=100")
    assert response.status == 200
    return {row["id"] for row in response.json()["results"]}


def test_classification_controlled_offer_invisible_to_a_disallowed_country(
    live_server, new_context, classified_forum, screenshot
):
    owner, controlled, public, delegates = classified_forum
    page = new_context().new_page()
    _sign_in(page, live_server.url, delegates["PL"])

    page.goto(f"{live_server.url}/marketplace/?q={CONTROLLED}")
    expect(page.locator("#result-count")).to_contain_text("0 organisations")
    expect(page.locator("main")).not_to_contain_text("Kyiv Electronics")

    page.goto(f"{live_server.url}/marketplace/organisations/{owner.pk}/")
    expect(page.locator("#offers")).to_contain_text("Field radio sets")
    expect(page.locator("main")).not_to_contain_text(CONTROLLED)
    screenshot(page, "classification-hidden-from-poland")

    page.goto(f"{live_server.url}/recommendations/")
    expect(page.locator("main")).to_contain_text("Kyiv Electronics")
    expect(page.locator("main")).not_to_contain_text(CONTROLLED)

    ids = _api_ids(page, live_server.url)
    assert public.pk in ids and controlled.pk not in ids
    detail = page.request.get(f"{live_server.url}/api/v1/profiles/{controlled.pk}/")
    assert detail.status == 404


def test_classification_controlled_offer_visible_to_an_allowed_country(
    live_server, new_context, classified_forum, screenshot
):
    owner, controlled, public, delegates = classified_forum
    page = new_context().new_page()
    _sign_in(page, live_server.url, delegates["LT"])

    page.goto(f"{live_server.url}/marketplace/?q={CONTROLLED}")
    expect(page.locator("#result-count")).to_contain_text("1 organisation")
    expect(page.locator("main")).to_contain_text("Kyiv Electronics")

    page.goto(f"{live_server.url}/marketplace/organisations/{owner.pk}/")
    expect(page.locator("#offers")).to_contain_text(CONTROLLED)
    expect(page.locator("#offers [data-classification=controlled]")).to_have_count(1)
    # It may request a meeting about it too: the item is offered in the request form.
    expect(page.locator(f'select[name="about"] option[value="{controlled.pk}"]')).to_have_count(1)
    screenshot(page, "classification-visible-to-lithuania")

    # The matcher never uses a controlled offer, so no explanation quotes it.
    page.goto(f"{live_server.url}/recommendations/")
    expect(page.locator("main")).not_to_contain_text(CONTROLLED)

    ids = _api_ids(page, live_server.url)
    assert {public.pk, controlled.pk} <= ids
