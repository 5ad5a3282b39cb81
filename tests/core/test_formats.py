"""Money and dates as the reader's language writes them: grouped amounts, dates with a year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import CooperationProfileFactory, DelegateFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "530,000"), ("uk", "530\xa0000"), ("pl", "530\xa0000"), ("lt", "530\xa0000")],
)
def test_amounts_are_grouped_in_the_readers_language(language, expected):
    with translation.override(language):
        rendered = Template("{% load money %}{{ amount|grouped }}").render(
            Context({"amount": 530000})
        )
    assert rendered == expected


def test_a_profile_shows_its_ticket_size_with_separators(client, forum):
    viewer = DelegateFactory(organisation__forum=forum)
    investor = OrganisationFactory(forum=forum, name="Baltic Fund")
    CooperationProfileFactory(
        organisation=investor,
        side="offer",
        kind="investment",
        ticket_min_eur=530000,
        ticket_max_eur=2010000,
    )
    client.force_login(viewer.user)
    body = client.get(f"/marketplace/organisations/{investor.pk}/").content.decode()
    assert "€ 530,000–2,010,000" in body
    viewer.user.preferred_language = "uk"
    viewer.user.save()
    body = client.get(f"/marketplace/organisations/{investor.pk}/").content.decode()
    assert "€ 530\xa0000–2\xa0010\xa0000" in body


@pytest.mark.parametrize(("language", "year_text"), [("en", "2027"), ("uk", "2027")])
def test_forum_time_gives_the_year_by_default(language, year_text, forum):
    moment = dt.datetime(2027, 3, 16, 7, 0, tzinfo=dt.UTC)
    with translation.override(language):
        rendered = Template("{% load forum_time %}{% forum_time moment %}").render(
            Context({"moment": moment, "current_forum": forum})
        )
    assert year_text in rendered and "09:00" in rendered
    if language == "en":
        assert ">16 March 2027, 09:00<" in rendered
