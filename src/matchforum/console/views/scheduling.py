"""Scheduling runs: start, live progress, compare, cancel, publish; repair; waiting list."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from matchforum.core.forms import form_add_service_error, message_service_error
from matchforum.core.shortcuts import forum_or_404
from matchforum.forums.models import Forum, Slot, Table
from matchforum.meetings.models import Meeting
from matchforum.organisations.models import Delegate
from matchforum.schedules.models import RunKind, RunStatus, SchedulingRun
from matchforum.schedules.selectors import (
    run_moves,
    schedule_publish_preview,
    schedule_version_published,
    scheduling_run_shown,
    scheduling_runs,
    scheduling_runs_listed,
    waiting_list,
    waiting_meetings,
)
from matchforum.schedules.services import (
    schedule_publish,
    schedule_publish_check,
    scheduling_repair_start,
    scheduling_run_cancel,
    scheduling_run_start,
    waiting_list_offer,
)

from ..access import organiser_required
from ..confirmation import confirmation_page, confirmed
from ..forms import RunForm

WAITING_PAGE_SIZE = 50
MOVES_PAGE_SIZE = 200


def _run_summary(
    forum: Forum, run: SchedulingRun, *, move_rows: list[dict] | None = None
) -> dict[str, Any]:
    """What the run page and the comparison show, with labels resolved from ids, from the
    run's summary (its figures, the first meetings that could not fit); never its result,
    which holds every placement. Only the moves in `move_rows` (the run page's page of
    them, read in SQL) are resolved; the comparison shows none."""
    summary = run.summary or {}
    move_rows = move_rows or []
    tz = ZoneInfo(forum.time_zone)
    slots = {s.pk: s for s in Slot.objects.filter(session__day__forum=forum)}
    tables = {t.pk: t.number for t in Table.objects.filter(forum=forum)}
    meeting_ids = {u["meeting"] for u in summary.get("unscheduled", [])}
    meeting_ids |= {m["meeting"] for m in move_rows}
    meetings = (
        Meeting.objects.select_related("organisation_a", "organisation_b").in_bulk(meeting_ids)
        if meeting_ids
        else {}
    )

    def where(placement: dict | None) -> str:
        if not placement:
            return _("not placed")
        slot = slots.get(placement["slot"])
        when = slot.starts_at.astimezone(tz).strftime("%a %d %b %H:%M") if slot else "?"
        if placement.get("online"):
            return f"{when} · " + _("online")
        return f"{when} · " + _("table %(n)s") % {"n": tables.get(placement["table"], "?")}

    worst = summary.get("worst_delegate")
    if worst:
        delegate = (
            Delegate.objects.select_related("user", "organisation")
            .filter(pk=worst["delegate"])
            .first()
        )
        worst = {**worst, "name": str(delegate) if delegate else "?"}
    table_use = []
    for row in summary.get("table_use", []):
        slot = slots.get(row["slot"])
        if slot:
            table_use.append(
                {
                    "label": slot.starts_at.astimezone(tz).strftime("%a %H:%M"),
                    "tables": row["tables"],
                    "online": row["online"],
                }
            )
    unscheduled = summary.get("unscheduled", [])
    return {
        "run": run,
        "result": summary,
        "worst": worst,
        "unscheduled": [
            {"meeting": meetings.get(u["meeting"]), "id": u["meeting"], "reason": u["reason"]}
            for u in unscheduled
        ],
        "unscheduled_count": summary.get("unscheduled_count", len(unscheduled)),
        "moves": [
            {
                "meeting": meetings.get(m["meeting"]),
                "id": m["meeting"],
                "from": where(m["from"]),
                "to": where(m["to"]),
                "moved": m["from"] is not None,
            }
            for m in move_rows
        ],
        "moved_count": summary.get("moved_count", 0),
        "table_use": table_use,
        "tables_available": summary.get("tables_available", 0),
    }


@organiser_required
def runs(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = scheduling_run_start(forum=forum, user=request.user, options=form.cleaned_data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            return redirect("console:run_detail", pk=run.pk)
    return render(
        request,
        "console/runs.html",
        {
            "form": form,
            "runs": scheduling_runs_listed(forum=forum),
            "version": schedule_version_published(forum=forum),
        },
    )


@organiser_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    run = scheduling_run_shown(forum=forum, pk=pk)
    if run is None:
        raise Http404
    moves = Paginator(run_moves(run=run), MOVES_PAGE_SIZE).get_page(request.GET.get("page"))
    context = _run_summary(forum, run, move_rows=list(moves.object_list))
    context["moves_page"] = moves
    context["version"] = schedule_version_published(forum=forum)
    return render(request, "console/run_detail.html", context)


@organiser_required
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The htmx-polled fragment; once the run is over it asks the browser to reload."""
    forum = forum_or_404(request)
    run = get_object_or_404(SchedulingRun, pk=pk, forum=forum)
    response = render(request, "console/_run_progress.html", {"run": run})
    if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING) and request.GET.get("live"):
        response["HX-Refresh"] = "true"
    return response


@organiser_required
@require_POST
def run_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    run = get_object_or_404(SchedulingRun, pk=pk, forum=forum)
    scheduling_run_cancel(run=run, user=request.user)
    messages.info(request, _("The run is asked to stop."))
    return redirect("console:run_detail", pk=run.pk)


def _publish_consequences(run: SchedulingRun) -> list[str]:
    preview = schedule_publish_preview(run=run)
    lines = [
        ngettext(
            "%(n)s meeting has a place in the published schedule.",
            "%(n)s meetings have a place in the published schedule.",
            preview["placed"],
        )
        % {"n": preview["placed"]},
        ngettext(
            "%(n)s meeting changes place; %(m)s of them had a place and move.",
            "%(n)s meetings change place; %(m)s of them had a place and move.",
            preview["changed"],
        )
        % {"n": preview["changed"], "m": preview["moved"]},
        ngettext(
            "%(n)s meeting could not fit and stays without a place.",
            "%(n)s meetings could not fit and stay without a place.",
            preview["unplaced"],
        )
        % {"n": preview["unplaced"]},
        ngettext(
            "%(n)s delegate is told that the schedule is out; "
            "the delegates of moved meetings are told where they are now.",
            "%(n)s delegates are told that the schedule is out; "
            "the delegates of moved meetings are told where they are now.",
            preview["told"],
        )
        % {"n": preview["told"]},
    ]
    return lines


@organiser_required
@require_POST
def run_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a run, only from its confirmation page (which says what will change)."""
    forum = forum_or_404(request)
    run = get_object_or_404(SchedulingRun, pk=pk, forum=forum)
    subject = ("run", run.pk)
    try:
        schedule_publish_check(run=run)
    except ValidationError as exc:
        message_service_error(request, exc)
        return redirect("console:run_detail", pk=run.pk)
    if not confirmed(request, action="schedule_publish", subject=subject):
        return confirmation_page(
            request,
            action="schedule_publish",
            subject=subject,
            title=_("Publish run %(n)s?") % {"n": run.pk},
            consequences=_publish_consequences(run),
            confirm_label=_("Publish this schedule"),
            back_url=reverse("console:run_detail", args=[run.pk]),
        )
    try:
        version = schedule_publish(run=run, user=request.user)
    except ValidationError as exc:
        message_service_error(request, exc)
        return redirect("console:run_detail", pk=run.pk)
    changed = version.statistics.get("changed", 0)
    messages.success(
        request,
        ngettext(
            "Schedule version %(n)s is published; %(c)s meeting changed.",
            "Schedule version %(n)s is published; %(c)s meetings changed.",
            changed,
        )
        % {"n": version.number, "c": changed},
    )
    return redirect("console:runs")


@organiser_required
def run_compare(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    ids = [int(pk) for pk in request.GET.getlist("runs") if pk.isdigit()][:4]
    chosen = scheduling_runs(forum=forum).defer("result").filter(pk__in=ids).order_by("pk")
    summaries = [_run_summary(forum, run) for run in chosen]
    return render(request, "console/run_compare.html", {"summaries": summaries})


@organiser_required
def repair(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    form = RunForm(request.POST or None, initial={"time_limit": 10})
    if request.method == "POST" and form.is_valid():
        try:
            run = scheduling_repair_start(forum=forum, user=request.user, options=form.cleaned_data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            return redirect("console:run_detail", pk=run.pk)
    return render(
        request,
        "console/repair.html",
        {
            "form": form,
            "version": schedule_version_published(forum=forum),
            "runs": scheduling_runs_listed(forum=forum).filter(kind=RunKind.REPAIR),
        },
    )


def _page_query(page: str | None) -> str:
    return f"?page={page}" if page and page.isdigit() else ""


@organiser_required
def waiting(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    if request.method == "POST":
        meeting = get_object_or_404(Meeting, pk=request.POST.get("meeting"), forum=forum)
        slot = Slot.objects.filter(pk=request.POST.get("slot") or 0).first()
        try:
            waiting_list_offer(forum=forum, user=request.user, meeting=meeting, slot=slot)
        except ValidationError as exc:
            message_service_error(request, exc)
        else:
            messages.success(request, _("The meeting has its place; nobody else moved."))
        return redirect(reverse("console:waiting_list") + _page_query(request.POST.get("page")))
    page = Paginator(waiting_meetings(forum=forum), WAITING_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = waiting_list(forum=forum, meetings=page.object_list)
    return render(request, "console/waiting_list.html", {"page": page, "rows": rows})
