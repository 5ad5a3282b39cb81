"""Analytics with charts, exports of every list, and the printed material."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matchforum.core.shortcuts import bad_request, forum_or_404
from matchforum.forums import committee

from .. import charts, printing
from ..access import organiser_required, vetting_required
from ..exports import EXPORTS, TEAM_EXPORTS, export_response
from ..forms import ExportFilterForm
from ..selectors import (
    acceptance_by_kind,
    meetings_by_country_pair,
    meetings_by_track,
    meetings_without_request,
    no_show_rate,
    request_funnel,
    table_use_per_slot,
)

FUNNEL_LABELS = {
    "sent": gettext_lazy("requests sent"),
    "accepted": gettext_lazy("accepted"),
    "scheduled": gettext_lazy("scheduled"),
    "held": gettext_lazy("held"),
    "outcome": gettext_lazy("with an outcome"),
}


@organiser_required
def analytics(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    tz = ZoneInfo(forum.time_zone)
    pairs = meetings_by_country_pair(forum=forum)
    tracks = meetings_by_track(forum=forum)
    funnel = [
        {"label": FUNNEL_LABELS[step["label"]], "value": step["value"]}
        for step in request_funnel(forum=forum)
    ]
    kinds = acceptance_by_kind(forum=forum)
    use = table_use_per_slot(forum=forum)
    no_show = no_show_rate(forum=forum)
    capacity = use[0]["tables"] if use else 0
    use_items = [
        {
            "label": row["slot"].starts_at.astimezone(tz).strftime("%a %d %b %H:%M"),
            "short": row["slot"].starts_at.astimezone(tz).strftime("%a %H:%M"),
            "value": row["used"],
        }
        for row in use
    ]
    context = {
        "funnel": funnel,
        "no_show": no_show,
        "without_request": meetings_without_request(forum=forum),
        "charts": [
            (
                _("Meetings by country pair"),
                charts.heatmap(
                    pairs["countries"], pairs["matrix"], title=_("Meetings by country pair")
                ),
            ),
            (
                _("Meetings by track and coalition"),
                charts.bar_chart(tracks, title=_("Meetings by track (green: coalition)")),
            ),
            (_("Request funnel"), charts.bar_chart(funnel, title=_("Request funnel"))),
            (
                _("Acceptance rate by organisation kind"),
                charts.bar_chart(
                    kinds, title=_("Acceptance rate by organisation kind"), unit="%", max_value=100
                ),
            ),
            (
                _("Tables used per slot"),
                charts.column_chart(use_items, title=_("Tables used per slot"), capacity=capacity),
            ),
            (
                _("No-show rate"),
                charts.bar_chart(
                    [
                        {"label": _("held"), "value": no_show["held"]},
                        {"label": _("no-show"), "value": no_show["no_show"]},
                    ],
                    title=_("Held and no-show meetings"),
                ),
            ),
        ],
        "exports": list(EXPORTS),
    }
    return render(request, "console/analytics.html", context)


@vetting_required
def export(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in EXPORTS or fmt not in ("csv", "xlsx"):
        raise Http404
    if name not in TEAM_EXPORTS and not request.user.can_organise:
        # Meetings, requests and outcomes show both sides: the chair's lists.
        raise PermissionDenied
    forum = forum_or_404(request)
    # Only the organisations the caller may export (a vetting officer: none).
    organisations = committee.exportable_organisations(request.user, forum)
    if request.GET.get("organisation"):
        # One organisation's rows (the meetings list's filter, picked by name).
        chosen = ExportFilterForm(request.GET, organisations=organisations)
        if not chosen.is_valid():
            return bad_request(request, _("Choose an organisation you may export."))
        organisations = organisations.filter(pk=chosen.cleaned_data["organisation"].pk)
    return export_response(name=name, forum=forum, fmt=fmt, organisations=organisations)


@organiser_required
def print_material(request: HttpRequest) -> HttpResponse:
    return render(request, "console/print.html", {})


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@organiser_required
def table_cards_pdf(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    return pdf_response(printing.table_cards(forum=forum), f"{forum.slug}-table-cards.pdf")


@organiser_required
def running_order_pdf(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    return pdf_response(printing.running_order(forum=forum), f"{forum.slug}-running-order.pdf")
