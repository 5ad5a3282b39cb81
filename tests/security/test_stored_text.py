"""The fuzz tests' truncation check finds a cut or altered value, and only that."""

from __future__ import annotations

from tests.factories import OrganisationFactory
from tests.security.fuzz_values import marked
from tests.security.stored_text import altered_values


def test_a_value_stored_whole_or_trimmed_passes(db):
    marker, value = marked("A description of our work.  ")
    OrganisationFactory(description=value.strip())
    assert altered_values({marker: value}) == []


def test_a_cut_value_is_reported_with_its_column(db):
    marker, value = marked("x" * 300 + ".pdf")
    OrganisationFactory(description=value[:200])
    problems = altered_values({marker: value})
    assert len(problems) == 1
    assert "organisations.Organisation.description" in problems[0]
    assert f"200 characters of a {len(value)}-character value" in problems[0]


def test_a_value_with_characters_removed_is_reported(db):
    marker, value = marked("a\u200bb")
    OrganisationFactory(description=value.replace("b", ""))
    assert altered_values({marker: value})
