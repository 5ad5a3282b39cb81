"""A delegate records what came of their organisation's meetings; survey answers by link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from matchforum.core.forms import form_add_service_error
from matchforum.core.shortcuts import request_forum
from matchforum.organisations.selectors import delegate_for_user

from .forms import OutcomeForm, SurveyForm
from .models import FollowUpSurvey
from .selectors import meetings_to_record, outcome_of_organisation
from .services import follow_up_survey_answer, meeting_outcome_record


def _delegate(request: HttpRequest):
    forum = request_forum(request)
    if forum is None:
        raise Http404(_("No forum is running."))
    delegate = delegate_for_user(user=request.user, forum=forum)
    if delegate is None:
        raise PermissionDenied(_("You are not a delegate at this forum."))
    return delegate


@login_required
def my_outcomes(request: HttpRequest) -> HttpResponse:
    delegate = _delegate(request)
    rows = [
        (m, outcome_of_organisation(meeting=m, organisation_id=delegate.organisation_id))
        for m in meetings_to_record(delegate=delegate)
    ]
    return render(request, "outcomes/list.html", {"rows": rows, "delegate": delegate})


@login_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    delegate = _delegate(request)
    # Another organisation's meeting answers 404, not 403.
    meeting = get_object_or_404(meetings_to_record(delegate=delegate), pk=pk)
    existing = outcome_of_organisation(meeting=meeting, organisation_id=delegate.organisation_id)
    initial = (
        {"outcome": existing.outcome, "rating": existing.rating, "note": existing.note}
        if existing
        else None
    )
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_outcome_record(meeting=meeting, delegate=delegate, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(
                request, _("Outcome recorded. Only your organisation and the organisers see it.")
            )
            return redirect("outcomes:list")
    return render(request, "outcomes/record.html", {"form": form, "meeting": meeting})


def survey(request: HttpRequest, token: str) -> HttpResponse:
    survey = get_object_or_404(
        FollowUpSurvey.objects.select_related("meeting__organisation_a", "meeting__organisation_b"),
        token=token,
    )
    form = SurveyForm(
        request.POST or None, initial={"outcome": survey.outcome, "note": survey.note}
    )
    if request.method == "POST" and form.is_valid():
        follow_up_survey_answer(survey=survey, **form.cleaned_data)
        return render(request, "outcomes/survey_thanks.html", {"survey": survey})
    return render(request, "outcomes/survey.html", {"form": form, "survey": survey})
