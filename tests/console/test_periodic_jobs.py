"""The console's periodic jobs page: organisers see each job's last run; others do not."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from matchforum.operations.models import PeriodicJob
from matchforum.operations.schedule import JOBS

pytestmark = pytest.mark.django_db


def test_an_organiser_sees_last_run_outcome_and_overdue_jobs(client, forum, organiser):
    now = timezone.now()
    PeriodicJob.objects.create(
        name="run_periodic",
        last_started_at=now - dt.timedelta(minutes=3),
        last_finished_at=now - dt.timedelta(minutes=3),
        last_outcome="expired enqueued; reminders enqueued",
    )
    PeriodicJob.objects.create(
        name="send_outcome_surveys", last_started_at=now - dt.timedelta(days=5)
    )
    client.force_login(organiser)
    page = client.get(reverse("console:periodic_jobs")).content.decode()
    rows = page.split('<table class="data" id="periodic-jobs">')[1].split("<tr>")[2:]
    by_name = {job.name: row for job, row in zip(JOBS, rows, strict=True)}
    assert "expired enqueued; reminders enqueued" in by_name["run_periodic"]
    assert "on time" in by_name["run_periodic"]
    assert "overdue" in by_name["send_outcome_surveys"]
    assert "never" in by_name["recompute_recommendations"]


def test_a_delegate_may_not_see_the_periodic_jobs(client, make_delegate):
    client.force_login(make_delegate().user)
    response = client.get(reverse("console:periodic_jobs"))
    assert response.status_code in (302, 403)
