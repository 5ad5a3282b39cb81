"""'You may want to meet': the stored recommendations with their explanations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.access import delegate_required
from matchforum.core.forms import service_error_text
from matchforum.core.shortcuts import bad_request
from matchforum.core.tenancy import scoped
from matchforum.marketplace.selectors import marketplace_organisation
from matchforum.meetings.selectors import pair_status
from matchforum.organisations.models import Organisation

from .models import Dismissal, Recommendation
from .selectors import (
    dismissed_by,
    explanation_prose,
    explanation_reasons,
    explanation_shown,
    explanations_prepare,
    matching_status,
    recommendations_for,
    track_names_shown,
)
from .services import dismissal_create, dismissal_undo


@delegate_required(approved=True)
def recommendation_list(request: HttpRequest) -> HttpResponse:
    organisation = request.delegate.organisation
    recs = list(
        recommendations_for(
            organisation=organisation,
            within=scoped(Recommendation, user=request.user, forum=request.forum),
        )
    )
    explanations_prepare(recs, forum=request.forum)
    items = [
        {
            "rec": rec,
            "pair": pair_status(a=organisation, b=rec.counterpart),
            "explanation": explanation_shown(rec),
            "shared_tracks": track_names_shown(rec.explanation.get("shared_tracks") or []),
            "reasons": explanation_reasons(
                explanation=explanation_shown(rec), own=organisation, other=rec.counterpart
            ),
            "prose": explanation_prose(explanation=explanation_shown(rec)),
        }
        for rec in recs
    ]
    context = {
        "items": items,
        "dismissed": dismissed_by(
            organisation=organisation,
            within=scoped(Dismissal, user=request.user, forum=request.forum),
        ),
        "has_profiles": organisation.profiles.filter(is_active=True).exists(),
        "status": matching_status(forum=organisation.forum),
    }
    return render(request, "recommendations/list.html", context)


@require_POST
@delegate_required(approved=True)
def dismiss(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    counterpart = marketplace_organisation(
        user=request.user, forum=request.forum, pk=organisation_pk
    )
    if counterpart is None:
        raise Http404
    try:
        dismissal_create(delegate=request.delegate, counterpart=counterpart)
    except ValidationError as error:  # e.g. one's own organisation: no page offers that
        return bad_request(request, service_error_text(error))
    if request.htmx:
        return HttpResponse("")
    messages.success(
        request, _("Noted: %(org)s will not be suggested again.") % {"org": counterpart}
    )
    return redirect("recommendations:list")


@require_POST
@delegate_required(approved=True)
def undismiss(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    counterpart = (
        scoped(Organisation, user=request.user, forum=request.forum)
        .filter(pk=organisation_pk)
        .first()
    )
    if counterpart is None:
        raise Http404
    dismissal_undo(delegate=request.delegate, counterpart=counterpart)
    messages.success(
        request, _("%(org)s may be suggested again after the next update.") % {"org": counterpart}
    )
    return redirect("recommendations:list")
