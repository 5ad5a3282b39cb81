"""A delegate records what came of their organisation's meetings; survey answers by link."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from matchforum.core.access import delegate_required
from matchforum.core.forms import form_add_service_error

from .forms import OutcomeForm, SurveyForm
from .models import FollowUpSurvey
from .selectors import meetings_to_record, outcome_of_organisation
from .services import follow_up_survey_answer, meeting_outcome_record


def _to_record(request: HttpRequest):
    return meetings_to_record(
        user=request.user, forum=request.forum, organisation=request.delegate.organisation
    )


@delegate_required
def my_outcomes(request: HttpRequest) -> HttpResponse:
    delegate = request.delegate
    rows = [
        (m, outcome_of_organisation(meeting=m, organisation_id=delegate.organisation_id))
        for m in _to_record(request)
    ]
    return render(request, "outcomes/list.html", {"rows": rows, "delegate": delegate})


@delegate_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    delegate = request.delegate
    # Another organisation's meeting answers 404, not 403.
    meeting = get_object_or_404(_to_record(request), pk=pk)
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
