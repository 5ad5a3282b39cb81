"""The health endpoints: live always answers; ready names the failing check with a 503."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from matchforum.operations.models import PeriodicJob
from matchforum.operations.schedule import JOBS
from matchforum.operations.services import worker_heartbeat_record
from matchforum.operations.tasks import record_worker_heartbeat

pytestmark = pytest.mark.django_db


def all_jobs_started(at: dt.datetime) -> None:
    for job in JOBS:
        PeriodicJob.objects.update_or_create(name=job.name, defaults={"last_started_at": at})


def test_live_answers_without_sign_in(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert client.get("/health/").json() == {"status": "ok"}


def test_ready_is_200_when_every_check_passes(client):
    now = timezone.now()
    worker_heartbeat_record(now=now)
    all_jobs_started(now)
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "migrations", "worker", "periodic_jobs"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"]


def test_the_heartbeat_task_makes_the_worker_check_pass(client):
    all_jobs_started(timezone.now())
    assert client.get("/health/ready").status_code == 503
    record_worker_heartbeat.call()
    assert client.get("/health/ready").status_code == 200


def test_ready_is_503_naming_the_worker_when_its_heartbeat_is_stale(client):
    now = timezone.now()
    worker_heartbeat_record(now=now - dt.timedelta(seconds=90))
    all_jobs_started(now)
    response = client.get("/health/ready")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["worker"]["ok"] is False
    assert "90 s ago" in checks["worker"]["detail"]
    assert checks["database"]["ok"] and checks["migrations"]["ok"] and checks["periodic_jobs"]["ok"]


def test_ready_is_503_when_no_worker_ever_beat(client):
    all_jobs_started(timezone.now())
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "detail": "no heartbeat recorded"}


def test_ready_is_503_naming_the_overdue_periodic_job(client):
    now = timezone.now()
    worker_heartbeat_record(now=now)
    all_jobs_started(now)
    PeriodicJob.objects.filter(name="run_periodic").update(
        last_started_at=now - dt.timedelta(hours=1)
    )
    response = client.get("/health/ready")
    assert response.status_code == 503
    check = response.json()["checks"]["periodic_jobs"]
    assert check == {"ok": False, "detail": "overdue: run_periodic"}


def test_ready_is_503_when_a_periodic_job_never_ran(client):
    worker_heartbeat_record(now=timezone.now())
    response = client.get("/health/ready")
    assert response.status_code == 503
    detail = response.json()["checks"]["periodic_jobs"]["detail"]
    assert "run_periodic" in detail and "send_outcome_surveys" in detail
