"""Each periodic job's status: last run, next due time, overdue flag."""

import datetime as dt

import pytest
from django.utils import timezone

from matchforum.operations.models import PeriodicJob
from matchforum.operations.schedule import Job
from matchforum.operations.selectors import periodic_jobs_status

pytestmark = pytest.mark.django_db

HOURLY = Job("hourly", dt.timedelta(hours=1), lambda: "done")
DAILY = Job("daily", dt.timedelta(days=1), lambda: "done")


def test_next_due_is_last_start_plus_period_and_late_jobs_are_overdue():
    now = timezone.now()
    PeriodicJob.objects.create(name="hourly", last_started_at=now - dt.timedelta(minutes=20))
    PeriodicJob.objects.create(name="daily", last_started_at=now - dt.timedelta(days=3))
    hourly, daily = periodic_jobs_status(now=now, jobs=(HOURLY, DAILY))
    assert hourly.next_due_at == now + dt.timedelta(minutes=40)
    assert not hourly.overdue
    assert daily.overdue


def test_a_job_that_never_ran_is_listed_and_overdue():
    (status,) = periodic_jobs_status(now=timezone.now(), jobs=(HOURLY,))
    assert status.last_started_at is None and status.next_due_at is None
    assert status.overdue
