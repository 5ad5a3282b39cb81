"""Scheduling pages of the console: the waiting list, the runs list and the comparison."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matchforum.console.views.scheduling import WAITING_PAGE_SIZE
from tests.factories import meeting_build

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_waiting_list_costs_the_same_queries_for_3_or_a_page_and_more_meetings(
    client, forum, make_delegate, organiser, fast_hashing
):
    client.force_login(organiser)
    url = reverse("console:waiting_list")
    delegates = [make_delegate() for _ in range(6)]
    for i in range(3):
        meeting_build(delegates[i], delegates[i + 3])
    client.get(url)  # the first request fills the caches of the session and the forum
    few = _queries(client, url)
    more = [make_delegate() for _ in range(2 * WAITING_PAGE_SIZE)]
    for a, b in zip(more[::2], more[1::2], strict=True):
        meeting_build(a, b)
    many = _queries(client, url)
    assert many == few
    response = client.get(url, {"page": 2})
    # 53 waiting: the second page shows the last 3, each with its free places.
    assert response.context["page"].paginator.count == 3 + WAITING_PAGE_SIZE
    assert len(response.context["rows"]) == 3
    assert all(row["fits"] for row in response.context["rows"])


def test_offering_a_place_from_the_waiting_list_keeps_the_page(
    client, forum, make_delegate, organiser
):
    a, b = make_delegate(), make_delegate()
    meeting = meeting_build(a, b)
    client.force_login(organiser)
    response = client.post(reverse("console:waiting_list"), {"meeting": meeting.pk, "page": "2"})
    assert response.url == reverse("console:waiting_list") + "?page=2"
    meeting.refresh_from_db()
    assert meeting.slot_id is not None


def _finished_run(forum, organiser, *, meetings: int = 40):
    from matchforum.schedules.models import RunStatus, SchedulingRun
    from matchforum.schedules.results import result_summary
    from matchforum.schedules.services import schedule_version_create

    placements = [{"meeting": n, "slot": 1, "table": 1} for n in range(meetings)]
    result = {
        "scheduled": meetings - 2,
        "meetings": meetings,
        "breaks": 7,
        "unscheduled": [{"meeting": 1, "reason": "full"}, {"meeting": 2, "reason": "full"}],
        "moves": [{"meeting": n, "from": None, "to": p} for n, p in enumerate(placements)],
        "placements": placements,
    }
    run = SchedulingRun.objects.create(
        forum=forum,
        created_by=organiser,
        status=RunStatus.FINISHED,
        options={"fairness": 1, "time_limit": 10},
        result=result,
        summary=result_summary(result),
    )
    schedule_version_create(forum=forum, run=run, user=organiser, placements={}, changed=[])
    return run


def test_the_runs_page_reads_the_figures_of_any_number_of_runs_in_the_same_queries(
    client, forum, organiser
):
    client.force_login(organiser)
    url = reverse("console:runs")
    _finished_run(forum, organiser)
    client.get(url)
    one = _queries(client, url)
    for _ in range(5):
        _finished_run(forum, organiser)
    six = _queries(client, url)
    assert six == one
    response = client.get(url)
    body = response.content.decode()
    assert body.count("38 / 40") == 6
    assert "v6" in body  # each run's version, from one prefetch
    repair = _queries(client, reverse("console:repair"))
    assert repair <= one


def test_the_comparison_of_four_runs_stays_within_a_few_queries_per_run(
    client, forum, organiser, django_assert_max_num_queries
):
    client.force_login(organiser)
    runs = [_finished_run(forum, organiser, meetings=300) for _ in range(4)]
    url = reverse("console:run_compare") + "?" + "&".join(f"runs={r.pk}" for r in runs)
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert len(response.context["summaries"]) == 4
    assert all(s["moves"] == [] for s in response.context["summaries"])


def test_a_runs_page_resolves_only_one_page_of_its_moves(client, forum, organiser):
    from matchforum.console.views.scheduling import MOVES_PAGE_SIZE

    client.force_login(organiser)
    run = _finished_run(forum, organiser, meetings=MOVES_PAGE_SIZE + 5)
    url = reverse("console:run_detail", args=[run.pk])
    first = client.get(url)
    assert len(first.context["moves"]) == MOVES_PAGE_SIZE
    assert f"({MOVES_PAGE_SIZE + 5})" in first.content.decode()
    last = client.get(url, {"page": 2})
    assert [m["id"] for m in last.context["moves"]] == list(
        range(MOVES_PAGE_SIZE, MOVES_PAGE_SIZE + 5)
    )


def test_a_runs_page_costs_the_same_queries_for_a_few_or_thousands_of_moves(
    client, forum, organiser
):
    client.force_login(organiser)
    few = _finished_run(forum, organiser, meetings=40)
    many = _finished_run(forum, organiser, meetings=3000)
    client.get(reverse("console:run_detail", args=[few.pk]))
    assert _queries(client, reverse("console:run_detail", args=[many.pk])) == _queries(
        client, reverse("console:run_detail", args=[few.pk])
    )
    response = client.get(reverse("console:run_detail", args=[many.pk]), {"page": 15})
    assert [m["id"] for m in response.context["moves"]] == list(range(2800, 3000))
    assert "(3000)" in response.content.decode()


def test_the_run_pages_never_load_a_runs_result(client, forum, organiser):
    client.force_login(organiser)
    runs = [_finished_run(forum, organiser, meetings=300) for _ in range(2)]
    urls = [
        reverse("console:run_detail", args=[runs[0].pk]),
        reverse("console:run_compare") + f"?runs={runs[0].pk}&runs={runs[1].pk}",
        reverse("console:runs"),
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        selects = [q["sql"] for q in captured if "schedules_schedulingrun" in q["sql"]]
        assert selects, url
        # The result is read only through a slice of its moves (JSON_EACH / the path).
        assert not any(
            '"schedules_schedulingrun"."result"' in sql
            and "JSON_EACH" not in sql.upper()
            and "JSONB_PATH_QUERY_ARRAY" not in sql.upper()
            for sql in selects
        ), url


def test_a_runs_page_lists_the_first_meetings_that_could_not_fit_and_says_how_many(
    client, forum, organiser
):
    from matchforum.schedules.models import RunStatus, SchedulingRun
    from matchforum.schedules.results import UNSCHEDULED_SHOWN, result_summary

    result = {
        "scheduled": 0,
        "meetings": UNSCHEDULED_SHOWN + 7,
        "unscheduled": [{"meeting": n, "reason": "no table"} for n in range(UNSCHEDULED_SHOWN + 7)],
        "moves": [],
        "placements": [],
        "valid": True,
    }
    run = SchedulingRun.objects.create(
        forum=forum,
        created_by=organiser,
        status=RunStatus.FINISHED,
        result=result,
        summary=result_summary(result),
    )
    client.force_login(organiser)
    response = client.get(reverse("console:run_detail", args=[run.pk]))
    assert len(response.context["unscheduled"]) == UNSCHEDULED_SHOWN
    assert response.context["unscheduled_count"] == UNSCHEDULED_SHOWN + 7
    assert f"of {UNSCHEDULED_SHOWN + 7} meetings that could not fit" in response.content.decode()


def test_the_migration_fills_the_summary_of_runs_stored_before_it(forum, organiser):
    import importlib

    from django.apps import apps

    from matchforum.schedules.models import RunStatus, SchedulingRun

    migration = importlib.import_module("matchforum.schedules.migrations.0002_run_summary")
    result = {
        "scheduled": 1,
        "meetings": 2,
        "breaks": 3,
        "placements": [{"meeting": 1, "slot": 1, "table": 1}],
        "unscheduled": [{"meeting": 2, "reason": "full"}],
        "moves": [
            {"meeting": 1, "from": {"slot": 2, "table": 1}, "to": {"slot": 1, "table": 1}},
            {"meeting": 3, "from": None, "to": {"slot": 1, "table": 2}},
        ],
    }
    old = SchedulingRun.objects.create(
        forum=forum, created_by=organiser, status=RunStatus.FINISHED, result=result
    )
    queued = SchedulingRun.objects.create(forum=forum, created_by=organiser)
    migration.summaries_fill(apps, None)
    old.refresh_from_db()
    queued.refresh_from_db()
    assert old.summary == {
        "scheduled": 1,
        "meetings": 2,
        "breaks": 3,
        "unscheduled": [{"meeting": 2, "reason": "full"}],
        "unscheduled_count": 1,
        "moves_count": 2,
        "moved_count": 1,
    }
    assert queued.summary == {}
