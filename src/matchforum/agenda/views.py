"""The personal agenda page, its calendar subscription and its PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.access import delegate_required
from matchforum.core.pdf import FontMissing
from matchforum.meetings.rooms import video_configured
from matchforum.meetings.selectors import meetings_cancelled_of_delegate

from .models import CalendarToken
from .selectors import agenda_for
from .services import (
    agenda_ical,
    agenda_pdf,
    calendar_token_delegate,
    calendar_token_regenerate,
    calendar_token_revoke,
)


@delegate_required
def agenda(request: HttpRequest) -> HttpResponse:
    version, entries = agenda_for(delegate=request.delegate, with_choices=True)
    token = CalendarToken.objects.filter(delegate=request.delegate).first()
    feed_url = request.build_absolute_uri(f"/agenda/calendar/{token.token}.ics") if token else ""
    context = {
        "version": version,
        "entries": entries,
        "changed_count": sum(1 for e in entries if e.changed),
        "feed_url": feed_url,
        "video": video_configured(request.forum),
        "cancelled": meetings_cancelled_of_delegate(delegate=request.delegate)[:20],
    }
    return render(request, "agenda/agenda.html", context)


@require_POST
@delegate_required
def calendar_regenerate(request: HttpRequest) -> HttpResponse:
    calendar_token_regenerate(delegate=request.delegate)
    messages.success(
        request, _("Your private calendar link is ready. Any previous link no longer works.")
    )
    return redirect("agenda:agenda")


@require_POST
@delegate_required
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    calendar_token_revoke(delegate=request.delegate)
    messages.success(request, _("Your calendar link is revoked."))
    return redirect("agenda:agenda")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by secret: calendar apps fetch it without signing in."""
    delegate = calendar_token_delegate(token=token)
    if delegate is None:
        raise Http404
    body = agenda_ical(delegate=delegate, host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@delegate_required
def pdf(request: HttpRequest) -> HttpResponse:
    try:
        body = agenda_pdf(delegate=request.delegate)
    except FontMissing as error:
        return render(request, "agenda/pdf_unavailable.html", {"error": str(error)}, status=503)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="agenda.pdf"'
    return response
