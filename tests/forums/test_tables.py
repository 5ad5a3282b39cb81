"""The tables page's bulk edit: rows, added tables and a range, in one transaction."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from matchforum.forums.services import TableRow, tables_bulk_update
from tests.factories import UserFactory, forum_build

pytestmark = pytest.mark.django_db


def _tables(forum):
    return list(forum.tables.order_by("number").values_list("number", "area", "is_active"))


def test_rows_added_tables_and_a_range_change_in_one_call(forum, organiser):
    one, two, three = forum.tables.order_by("number")
    done = tables_bulk_update(
        forum=forum,
        user=organiser,
        rows=[
            TableRow(pk=one.pk, area=" Hall B ", is_active=True),
            TableRow(pk=two.pk, area=two.area, is_active=False),
            TableRow(pk=three.pk, area=three.area, is_active=three.is_active),
        ],
        add=4,
        add_area="Annex",
        range_first=5,
        range_last=7,
        range_area="Terrace",
    )
    assert done == {"changed": 2, "added": 4, "in_range": 3}
    assert _tables(forum) == [
        (1, "Hall B", True),
        (2, three.area, False),
        (3, three.area, True),
        (4, "Annex", True),
        (5, "Terrace", True),
        (6, "Terrace", True),
        (7, "Terrace", True),
    ]


def test_a_range_can_go_out_of_use_without_a_new_area(forum, organiser):
    tables_bulk_update(forum=forum, user=organiser, range_first=2, range_last=3, range_active=False)
    assert [active for _n, _a, active in _tables(forum)] == [True, False, False]


def test_bad_input_changes_nothing(forum, organiser):
    one = forum.tables.order_by("number").first()
    before = _tables(forum)
    with pytest.raises(ValidationError, match="101 characters"):
        tables_bulk_update(
            forum=forum,
            user=organiser,
            rows=[TableRow(pk=one.pk, area="x" * 101, is_active=True)],
            add=2,
        )
    with pytest.raises(ValidationError, match="first and the last"):
        tables_bulk_update(
            forum=forum,
            user=organiser,
            rows=[TableRow(pk=one.pk, area="Hall Z", is_active=True)],
            add=2,
            range_first=3,
            range_area="Terrace",
        )
    assert _tables(forum) == before  # the rows and the added tables were rolled back


def test_a_table_of_another_forum_is_refused(forum, organiser):
    other = forum_build(slug="other-forum", name="Other")
    stranger = other.tables.first()
    with pytest.raises(ValidationError, match="another forum"):
        tables_bulk_update(
            forum=forum,
            user=organiser,
            rows=[TableRow(pk=stranger.pk, area="Mine now", is_active=True)],
        )
    stranger.refresh_from_db()
    assert stranger.area != "Mine now"


def test_only_organisers_edit_tables(forum):
    with pytest.raises(PermissionDenied):
        tables_bulk_update(forum=forum, user=UserFactory(), add=1)
    assert forum.tables.count() == 3
