"""SQL functions of core.db_functions, on the database of the run (SQLite or PostgreSQL)."""

import pytest
from django.db.models.fields.json import KeyTransform

from matchforum.core.db_functions import JSONArraySlice
from matchforum.schedules.models import SchedulingRun

pytestmark = pytest.mark.django_db


def _slice(run, start: int, stop: int):
    return (
        SchedulingRun.objects.filter(pk=run.pk)
        .annotate(page=JSONArraySlice(KeyTransform("moves", "result"), start=start, stop=stop))
        .values_list("page", flat=True)
        .get()
    )


def test_a_json_array_slice_is_the_python_slice_of_the_stored_array(forum):
    items = [{"meeting": n, "to": {"slot": n % 3, "online": n % 2 == 0}} for n in range(50)]
    run = SchedulingRun.objects.create(forum=forum, result={"moves": items})
    assert _slice(run, 0, 10) == items[0:10]
    assert _slice(run, 45, 60) == items[45:50]
    assert _slice(run, 20, 20) == []
    assert _slice(run, 60, 70) == []


def test_a_json_array_slice_of_a_missing_array_is_empty_or_null(forum):
    run = SchedulingRun.objects.create(forum=forum, result={})
    assert _slice(run, 0, 10) in (None, [])


def test_a_json_array_slice_refuses_a_backwards_range():
    with pytest.raises(ValueError, match="slice from 5 to 2"):
        JSONArraySlice(KeyTransform("moves", "result"), start=5, stop=2)
