"""Badges on site: print one, make all in the worker, renew a lost one, and check in by scanning."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.badges.models import BadgeBatch, BadgeBatchState
from matchforum.badges.printing import badges_pdf
from matchforum.badges.selectors import meetings_today
from matchforum.badges.services import badge_batch_start, badge_check_in, badge_renew
from matchforum.core.forms import service_error_text
from matchforum.core.shortcuts import forum_or_404
from matchforum.organisations.models import Delegate

from ..access import organiser_required
from ..confirmation import confirmation_page, confirmed
from .reports import pdf_response


def _forum_delegate(request: HttpRequest, pk: int) -> Delegate:
    return get_object_or_404(
        Delegate.objects.select_related("user", "organisation__forum"),
        pk=pk,
        organisation__forum=forum_or_404(request),
    )


@organiser_required
def badge_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    delegate = _forum_delegate(request, pk)
    return pdf_response(badges_pdf(delegates=[delegate]), f"badge-{delegate.pk}.pdf")


@organiser_required
@require_POST
def badge_batch_start_view(request: HttpRequest) -> HttpResponse:
    """Ask the worker for the PDF of all badges; its page shows the progress."""
    batch = badge_batch_start(forum=forum_or_404(request), user=request.user)
    return redirect("console:badge_batch", pk=batch.pk)


def _forum_batch(request: HttpRequest, pk: int) -> BadgeBatch:
    return get_object_or_404(BadgeBatch.objects.defer("pdf"), pk=pk, forum=forum_or_404(request))


@organiser_required
def badge_batch(request: HttpRequest, pk: int) -> HttpResponse:
    """The batch's progress (polled by htmx), then its download link."""
    batch = _forum_batch(request, pk)
    if request.GET.get("live"):
        response = render(request, "console/_badge_batch_progress.html", {"batch": batch})
        if batch.state not in (BadgeBatchState.QUEUED, BadgeBatchState.RUNNING):
            response["HX-Refresh"] = "true"
        return response
    return render(request, "console/badge_batch.html", {"batch": batch})


@organiser_required
def badge_batch_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(
        BadgeBatch.objects.select_related("forum"),
        pk=pk,
        forum=forum_or_404(request),
        state=BadgeBatchState.DONE,
    )
    return pdf_response(bytes(batch.pdf), f"{batch.forum.slug}-badges.pdf")


@organiser_required
@require_POST
def badge_renew_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace a delegate's badge secret, only from its confirmation page."""
    delegate = _forum_delegate(request, pk)
    query = request.POST.get("q", "")
    back_url = f"{reverse('console:checkin')}?{urlencode({'q': query})}"
    if not confirmed(request, action="badge_renew", subject=("delegate", delegate.pk)):
        return confirmation_page(
            request,
            action="badge_renew",
            subject=("delegate", delegate.pk),
            title=_("Make a new badge for %(name)s?") % {"name": delegate.user},
            consequences=[
                _("The badge %(name)s holds now stops working at the scan desk.")
                % {"name": delegate.user},
                _("Print the new badge from the check-in page and hand it over."),
                _("The replacement is recorded in the audit log."),
            ],
            confirm_label=_("Make a new badge"),
            back_url=back_url,
            fields=[("q", query)],
        )
    badge_renew(delegate=delegate, user=request.user)
    messages.success(
        request,
        _("A new badge for %(name)s is ready to print; the old one no longer works.")
        % {"name": delegate.user},
    )
    return redirect(back_url)


@organiser_required
def scan(request: HttpRequest) -> HttpResponse:
    """The camera page; a scan (or a typed code) posts the token here and gets the card."""
    forum = forum_or_404(request)
    context: dict[str, object] = {}
    status = 200
    if request.method == "POST":
        try:
            found = badge_check_in(
                forum=forum, token=request.POST.get("token", ""), user=request.user
            )
        except ValidationError as error:
            context["refusal"] = service_error_text(error)
            status = 200 if request.htmx else 400
        else:
            context.update(
                scan=found,
                delegate=found.delegate,
                meetings=meetings_today(delegate=found.delegate),
            )
    if request.htmx:
        return render(request, "console/_scan_result.html", context, status=status)
    return render(request, "console/scan.html", context, status=status)
