"""The periodic jobs page: each job's last run, outcome, next due time and overdue flag."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from matchforum.operations.selectors import periodic_jobs_status

from ..access import organiser_required


@organiser_required
def periodic_jobs(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    return render(
        request,
        "console/periodic_jobs.html",
        {"jobs": periodic_jobs_status(now=now), "now": now},
    )
