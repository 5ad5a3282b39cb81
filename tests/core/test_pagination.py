"""The window-count paginator: Django's pages, with the page and its count in one statement."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matchforum.core.pagination import WindowCountPaginator
from matchforum.organisations.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations(forum):
    for n in range(25):
        OrganisationFactory(forum=forum, name=f"Org {n:02d}")
    return Organisation.objects.filter(forum=forum).order_by("name")


def _page(paginator, number):
    page = paginator.get_page(number)
    return [o.name for o in page], page.number, page.paginator.count, page.paginator.num_pages


@pytest.mark.parametrize("number", [1, 2, "2", 3, 4, 99, 0, -1, "x", None])
def test_pages_are_those_of_djangos_paginator(organisations, number):
    expected = _page(Paginator(organisations, 10), number)
    assert _page(WindowCountPaginator(organisations, 10), number) == expected


def test_a_page_and_its_count_are_one_statement(organisations):
    with CaptureQueriesContext(connection) as captured:
        page = WindowCountPaginator(organisations, 10).get_page(3)
        assert (len(page), page.paginator.count, page.has_next()) == (5, 25, False)
    assert len(captured.captured_queries) == 1
    assert "OVER" in captured.captured_queries[0]["sql"].upper()


def test_a_page_past_the_end_counts_and_shows_the_last_page(organisations):
    with CaptureQueriesContext(connection) as captured:
        page = WindowCountPaginator(organisations, 10).get_page(7)
        assert (page.number, page[0].name) == (3, "Org 20")
    assert len(captured.captured_queries) == 3  # the empty page, the count, the last page


def test_nothing_found_is_an_empty_first_page_in_one_statement(forum):
    nothing = Organisation.objects.filter(name="no such organisation")
    with CaptureQueriesContext(connection) as captured:
        page = WindowCountPaginator(nothing, 10).get_page(1)
        assert (list(page), page.paginator.count, page.paginator.num_pages) == ([], 0, 1)
    assert len(captured.captured_queries) == 1
