"""On site: check-in, held or no-show, meetings list (cancel), walk-in and added meetings."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.forms import form_add_service_error, message_service_error
from matchforum.core.shortcuts import forum_or_404
from matchforum.forums.models import Slot, Table
from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.meetings.services import meeting_book, meeting_cancel_by_organiser, meeting_mark
from matchforum.organisations.models import Accreditation, Delegate
from matchforum.organisations.services import delegate_check_in
from matchforum.schedules.selectors import free_places

from ..access import organiser_required
from ..forms import WalkInForm
from ..selectors import delegates_search, forum_meetings


@organiser_required
def checkin(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    query = request.GET.get("q", "")
    delegates = delegates_search(forum=forum, query=query)[:50]
    template = "console/_checkin_rows.html" if request.htmx else "console/checkin.html"
    return render(request, template, {"delegates": delegates, "q": query})


@organiser_required
@require_POST
def checkin_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    delegate = get_object_or_404(
        Delegate.objects.select_related("user", "organisation"), pk=pk, organisation__forum=forum
    )
    delegate_check_in(delegate=delegate, user=request.user, undo=request.POST.get("undo") == "1")
    if request.htmx:
        return render(request, "console/_checkin_row.html", {"delegate": delegate})
    return redirect(f"{reverse('console:checkin')}?{urlencode({'q': request.POST.get('q', '')})}")


@organiser_required
def meetings(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    qs = forum_meetings(forum=forum).order_by("slot__starts_at", "table__number", "pk")
    status = request.GET.get("status", "")
    if status in MeetingStatus.values:
        qs = qs.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        qs = qs.filter(organisation_a__name__icontains=query) | qs.filter(
            organisation_b__name__icontains=query
        )
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "console/meetings.html",
        {
            "page": page,
            "status": status,
            "q": query,
            "statuses": MeetingStatus.choices,
            "tz": ZoneInfo(forum.time_zone),
        },
    )


@organiser_required
@require_POST
def meeting_action(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    meeting = get_object_or_404(Meeting, pk=pk, forum=forum)
    action = request.POST.get("action")
    try:
        if action == "cancel":
            meeting_cancel_by_organiser(
                meeting=meeting, user=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Meeting %(n)s cancelled.") % {"n": meeting.pk})
        elif action in ("held", "no_show", "scheduled"):
            meeting_mark(meeting=meeting, user=request.user, status=action)
            messages.success(request, _("Meeting %(n)s updated.") % {"n": meeting.pk})
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as exc:
        message_service_error(request, exc)
    return redirect(request.POST.get("next") or "console:meetings")


def _delegates(forum):
    return (
        Delegate.objects.filter(
            organisation__forum=forum, organisation__accreditation=Accreditation.APPROVED
        )
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__full_name")
    )


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
