"""Console home and forum setup: the forum's frame, sessions and slots, tables."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.forms import form_add_service_error, message_service_error
from matchforum.core.shortcuts import forum_or_404, request_forum
from matchforum.forums import committee
from matchforum.forums.models import Session
from matchforum.forums.services import (
    TableRow,
    session_delete,
    session_save,
    tables_bulk_update,
    tables_set,
)
from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.organisations.selectors import organisations_pending_review
from matchforum.recommendations.selectors import matching_status
from matchforum.schedules.selectors import schedule_version_published

from ..access import organiser_required, vetting_required
from ..forms import ForumSetupForm, SessionForm, TablesBulkForm, TablesForm

TABLES_PAGE_SIZE = 100  # tables the one form edits at a time


@vetting_required
def home(request: HttpRequest) -> HttpResponse:
    forum = request_forum(request)
    context: dict[str, object] = {"forum": forum}
    if forum is not None:
        meetings = Meeting.objects.filter(forum=forum)
        waiting = organisations_pending_review(forum=forum)
        queue = committee.private_organisations(request.user, forum)
        context.update(
            # the user's team's queue; the whole forum's count beside it, read-only
            pending=waiting.filter(pk__in=queue.values("pk")).count(),
            pending_forum=waiting.count(),
            accepted=meetings.filter(status=MeetingStatus.ACCEPTED).count(),
            scheduled=meetings.filter(status=MeetingStatus.SCHEDULED).count(),
            version=schedule_version_published(forum=forum),
            matching=matching_status(forum=forum),
        )
    return render(request, "console/home.html", context)


@organiser_required
def forum_setup(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    form = ForumSetupForm(request.POST or None, instance=forum)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The forum's settings are saved."))
        return redirect("console:setup")
    return render(request, "console/setup.html", {"forum": forum, "form": form})


@organiser_required
def sessions(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    form = SessionForm(request.POST or None, initial={"date": forum.starts_on})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        date = data.pop("date")
        try:
            session_save(forum=forum, user=request.user, date=date, **data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Session added; its slots are generated."))
            return redirect("console:sessions")
    days = forum.days.prefetch_related("sessions__slots")
    return render(request, "console/sessions.html", {"forum": forum, "form": form, "days": days})


@organiser_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    session = get_object_or_404(Session, pk=pk, day__forum=forum)
    form = SessionForm(request.POST or None, instance=session, initial={"date": session.day.date})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        date = data.pop("date")
        try:
            session_save(forum=forum, user=request.user, date=date, session=session, **data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Session saved; its slots are regenerated."))
            return redirect("console:sessions")
    return render(request, "console/session_edit.html", {"form": form, "session": session})


@organiser_required
@require_POST
def session_remove(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    session = get_object_or_404(Session, pk=pk, day__forum=forum)
    try:
        session_delete(session=session, user=request.user)
    except ValidationError as exc:
        message_service_error(request, exc)
    else:
        messages.success(request, _("Session removed."))
    return redirect("console:sessions")


@organiser_required
def tables(request: HttpRequest) -> HttpResponse:
    """Tables and areas: the active count, and a page of tables edited in one form."""
    forum = forum_or_404(request)
    # The one form edits a page of tables (hundreds on a large forum); adding tables and
    # changing a range of numbers still reach every table.
    page = Paginator(forum.tables.order_by("number"), TABLES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    shown = list(page.object_list)
    form = TablesForm(
        request.POST if request.POST.get("action") == "count" else None,
        initial={"count": forum.tables.filter(is_active=True).count(), "area": "Hall A"},
    )
    bulk = TablesBulkForm(
        request.POST if request.POST.get("action") == "bulk" else None, tables=shown
    )
    if form.is_bound and form.is_valid():
        tables_set(
            forum=forum,
            user=request.user,
            count=form.cleaned_data["count"],
            area=form.cleaned_data["area"],
        )
        messages.success(request, _("Tables updated."))
        return redirect("console:tables")
    if bulk.is_bound and bulk.is_valid():
        data = bulk.cleaned_data
        try:
            done = tables_bulk_update(
                forum=forum,
                user=request.user,
                rows=[
                    TableRow(pk=t.pk, area=data[f"area_{t.pk}"], is_active=data[f"active_{t.pk}"])
                    for t in shown
                ],
                add=data["add"] or 0,
                add_area=data["add_area"],
                range_first=data["range_first"],
                range_last=data["range_last"],
                range_area=data["range_area"],
                range_active={"on": True, "off": False}.get(data["range_active"]),
            )
        except ValidationError as exc:
            form_add_service_error(bulk, exc)
        else:
            messages.success(
                request,
                _("Tables saved: %(changed)s changed, %(added)s added, %(in_range)s in the range.")
                % done,
            )
            return redirect(reverse("console:tables") + f"?page={page.number}")
    return render(
        request,
        "console/tables.html",
        {"forum": forum, "form": form, "bulk": bulk, "page": page},
    )
