"""On site: check-in, held or no-show, meetings list (cancel), walk-in and added meetings."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.forms import (
    form_add_service_error,
    message_service_error,
    service_error_text,
)
from matchforum.core.shortcuts import forum_or_404, next_path
from matchforum.forums import committee
from matchforum.forums.models import Slot, Table
from matchforum.forums.selectors import forum_is_on
from matchforum.meetings.forms import CancelForm
from matchforum.meetings.models import Meeting
from matchforum.meetings.selectors import meeting_cancel_state
from matchforum.meetings.services import (
    meeting_book,
    meeting_cancel,
    meeting_cancel_undo,
    meeting_mark,
)
from matchforum.organisations.models import Delegate
from matchforum.organisations.services import delegate_check_in
from matchforum.schedules.selectors import free_places

from ..access import organiser_required
from ..forms import MeetingFilterForm, WalkInForm
from ..selectors import delegates_search, first_matches, forum_meetings

CHECKIN_LIMIT = 50  # rows the check-in search shows; it says when there are more


@organiser_required
def checkin(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    query = request.GET.get("q", "")
    delegates, more = first_matches(delegates_search(forum=forum, query=query), CHECKIN_LIMIT)
    template = "console/_checkin_rows.html" if request.htmx else "console/checkin.html"
    context = {
        "delegates": delegates,
        "more": more,
        "limit": CHECKIN_LIMIT,
        "q": query,
        "off_days": not forum_is_on(forum=forum),
    }
    return render(request, template, context)


@organiser_required
@require_POST
def checkin_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    delegate = get_object_or_404(
        Delegate.objects.select_related("user", "organisation"), pk=pk, organisation__forum=forum
    )
    error = ""
    try:
        delegate_check_in(
            delegate=delegate,
            user=request.user,
            undo=request.POST.get("undo") == "1",
            override_reason=request.POST.get("override_reason", ""),
        )
    except ValidationError as exc:
        error = service_error_text(exc)
        if not request.htmx:
            messages.error(request, error)
    if request.htmx:
        context = {"delegate": delegate, "error": error, "off_days": not forum_is_on(forum=forum)}
        return render(request, "console/_checkin_row.html", context)
    return redirect(f"{reverse('console:checkin')}?{urlencode({'q': request.POST.get('q', '')})}")


@organiser_required
def meetings(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    qs = forum_meetings(forum=forum).order_by("slot__starts_at", "table__number", "pk")
    filters = MeetingFilterForm(
        request.GET, organisations=committee.private_organisations(request.user, forum)
    )
    organisation = None
    if filters.is_valid():
        status = filters.cleaned_data["status"]
        if status:
            qs = qs.filter(status=status)
        organisation = filters.cleaned_data["organisation"]
        if organisation is not None:
            qs = qs.filter(Q(organisation_a=organisation) | Q(organisation_b=organisation))
    else:
        qs = qs.none()  # a forged or stale choice shows its error, not every meeting
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("organisation_search", None)
    return render(
        request,
        "console/meetings.html",
        {
            "page": page,
            "filters": filters,
            "chosen_organisation": organisation,
            "filter_query": query.urlencode(),
            "tz": ZoneInfo(forum.time_zone),
            "off_days": not forum_is_on(forum=forum),
        },
    )


@organiser_required
@require_POST
def meeting_action(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    meeting = get_object_or_404(Meeting, pk=pk, forum=forum)
    action = request.POST.get("action")
    try:
        if action in ("held", "no_show", "scheduled"):
            meeting_mark(
                meeting=meeting,
                user=request.user,
                status=action,
                override_reason=request.POST.get("override_reason", ""),
            )
            messages.success(request, _("Meeting %(n)s updated.") % {"n": meeting.pk})
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as exc:
        message_service_error(request, exc)
    return redirect(next_path(request, reverse("console:meetings")))


@organiser_required
def meeting_cancel_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: ask for the reason, showing who is told; POST: cancel (the one cancel service)."""
    forum = forum_or_404(request)
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "organisation_a", "organisation_b", "delegate_a__user", "delegate_b__user", "slot"
        ),
        pk=pk,
        forum=forum,
    )
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_cancel(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Meeting %(n)s cancelled.") % {"n": meeting.pk})
            return redirect("console:meeting_cancel", pk=meeting.pk)
    meeting.refresh_from_db()
    context = {**meeting_cancel_state(meeting=meeting, user=request.user), "form": form}
    context["undo_url"] = "console:meeting_cancel_undo"
    return render(request, "console/meeting_cancel.html", context)


@organiser_required
@require_POST
def meeting_cancel_undo_view(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    meeting = get_object_or_404(Meeting, pk=pk, forum=forum)
    try:
        meeting_cancel_undo(meeting=meeting, by=request.user)
    except ValidationError as exc:
        message_service_error(request, exc)
        return redirect("console:meeting_cancel", pk=meeting.pk)
    messages.success(request, _("Meeting %(n)s restored.") % {"n": meeting.pk})
    return redirect("console:meetings")


def _delegates(forum):
    return delegates_search(forum=forum, query="", approved_only=True)


@organiser_required
def meeting_add(request: HttpRequest) -> HttpResponse:
    """Book a meeting: a walk-in into a free slot and table, or one left for the scheduler."""
    forum = forum_or_404(request)
    tz = ZoneInfo(forum.time_zone)
    data = request.POST or request.GET or None
    delegates = _delegates(forum)
    chosen = []
    if data:
        chosen = list(delegates.filter(pk__in=[data.get("delegate_a"), data.get("delegate_b")]))
    places = (
        free_places(forum=forum, delegates=chosen, upcoming=True, limit=40)
        if len(chosen) == 2
        else []
    )
    choices = [
        (
            f"{slot.pk}:{table.pk}",
            f"{slot.starts_at.astimezone(tz):%a %d %b %H:%M} · "
            + _("table %(n)s") % {"n": table.number},
        )
        for slot, table in places
    ]
    form = WalkInForm(request.POST or None, delegates=delegates, places=choices)
    if request.method == "GET" and request.GET.get("delegate_a"):
        form = WalkInForm(request.GET, delegates=delegates, places=choices)
        form.is_valid()
    if request.method == "POST" and form.is_valid():
        slot = table = None
        if form.cleaned_data["place"]:
            slot_id, table_id = form.cleaned_data["place"].split(":")
            slot = get_object_or_404(Slot, pk=slot_id, session__day__forum=forum)
            table = get_object_or_404(Table, pk=table_id, forum=forum)
        try:
            meeting = meeting_book(
                forum=forum,
                user=request.user,
                delegate_a=form.cleaned_data["delegate_a"],
                delegate_b=form.cleaned_data["delegate_b"],
                slot=slot,
                table=table,
                walk_in=slot is not None,
            )
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            if meeting.slot_id:
                messages.success(
                    request,
                    _("Walk-in meeting booked: %(when)s at table %(n)s.")
                    % {
                        "when": f"{meeting.slot.starts_at.astimezone(tz):%a %H:%M}",
                        "n": meeting.table.number,
                    },
                )
            else:
                messages.success(request, _("Meeting added; the scheduler will place it."))
            return redirect("console:meetings")
    return render(
        request,
        "console/meeting_add.html",
        {"form": form, "places": choices, "ready": len(chosen) == 2},
    )
