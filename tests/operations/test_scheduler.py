"""The scheduler runs each due job once, across processes, and records its last run."""

from __future__ import annotations

import datetime as dt
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from matchforum.operations.models import PeriodicJob
from matchforum.operations.schedule import Job
from matchforum.operations.scheduler import periodic_job_run_if_due, scheduler_tick
from matchforum.operations.services import periodic_job_claim

HOUR = dt.timedelta(hours=1)


def counting_job(calls: list) -> Job:
    return Job("counting", HOUR, lambda: calls.append(1) or f"run {len(calls)}")


@pytest.mark.django_db
def test_a_job_runs_when_due_and_not_again_within_its_period():
    calls: list = []
    job = counting_job(calls)
    now = timezone.now()
    assert scheduler_tick(now=now, jobs=(job,)) == {"counting": "run 1"}
    assert scheduler_tick(now=now + dt.timedelta(minutes=59), jobs=(job,)) == {}
    assert scheduler_tick(now=now + HOUR, jobs=(job,)) == {"counting": "run 2"}
    row = PeriodicJob.objects.get(name="counting")
    assert row.last_started_at == now + HOUR
    assert row.last_outcome == "run 2"
    assert row.last_finished_at is not None


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run():
    def broken() -> str:
        raise RuntimeError("boom")

    calls: list = []
    ran = scheduler_tick(
        now=timezone.now(), jobs=(Job("broken", HOUR, broken), counting_job(calls))
    )
    assert ran == {"broken": "failed: RuntimeError", "counting": "run 1"}
    assert PeriodicJob.objects.get(name="broken").last_outcome == "failed: RuntimeError"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's shared-cache test database raises table locks between threads",
)
def test_two_concurrent_claims_run_a_job_once():
    """Two scheduler threads, each with its own database connection, claim at once."""
    now = timezone.now()
    PeriodicJob.objects.create(name="counting")
    calls: list = []
    job = counting_job(calls)
    barrier = threading.Barrier(2)
    outcomes: list = []
    errors: list = []

    def scheduler_process():
        from django.db import connections

        try:
            barrier.wait()
            outcomes.append(periodic_job_run_if_due(job=job, now=now))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scheduler_process) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes, key=str) == [None, "run 1"]
    assert calls == [1]


@pytest.mark.django_db
def test_a_claim_is_granted_once_for_the_same_moment():
    now = timezone.now()
    assert periodic_job_claim(name="x", every=HOUR, now=now) is True
    assert periodic_job_claim(name="x", every=HOUR, now=now) is False


@pytest.mark.django_db
def test_run_scheduler_once_runs_the_project_jobs_and_prints_their_last_run():
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    printed = out.getvalue()
    assert "worker_heartbeat:" in printed
    assert "run_periodic:" in printed
    assert "send_outcome_surveys: 0 survey e-mails sent." in printed
    assert "purge_past_forums: Purged 0 forum(s)" in printed
    names = set(PeriodicJob.objects.exclude(last_started_at=None).values_list("name", flat=True))
    assert names == {
        "worker_heartbeat",
        "run_periodic",
        "send_outcome_surveys",
        "recompute_recommendations",
        "purge_past_forums",
        "send_meeting_reminders",
    }
    status = StringIO()
    call_command("run_scheduler", "--status", stdout=status)
    assert "send_outcome_surveys: last started" in status.getvalue()
