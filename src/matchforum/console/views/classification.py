"""Classified offers and needs on the committee's side: the forum's rules (the chair),
an organisation's accreditation level and an item's classification (its vetting team).

Each view parses the form and calls the service, which checks the committee rule again
(forums/committee.py); marketplace/visibility.py applies the rules in every channel.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.forms import (
    form_add_service_error,
    message_form_errors,
    message_service_error,
)
from matchforum.core.shortcuts import forum_or_404
from matchforum.forums import committee
from matchforum.marketplace.models import CooperationProfile
from matchforum.marketplace.services import (
    forum_set_classification_rules,
    profile_review_classification,
)
from matchforum.marketplace.visibility import forum_rules
from matchforum.organisations.models import Organisation
from matchforum.organisations.services import organisation_set_accreditation_level

from ..access import vetting_required
from ..forms import (
    LEVEL_FORM_PREFIX,
    AccreditationLevelForm,
    ClassificationReviewForm,
    ClassificationRulesForm,
)


@vetting_required
def rules(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    if not committee.can_manage_committee(request.user, forum):
        raise PermissionDenied
    form = ClassificationRulesForm(request.POST or None, rules=forum_rules(forum))
    if request.method == "POST" and form.is_valid():
        try:
            forum_set_classification_rules(forum=forum, actor=request.user, rules=form.rules_data())
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("The classification rules are saved; they hold at once."))
            return redirect("console:classification_rules")
    return render(request, "console/classification_rules.html", {"form": form})


@vetting_required
@require_POST
def accreditation_level(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    organisation = get_object_or_404(Organisation, pk=pk, forum=forum)
    if not committee.can_vet(request.user, organisation):
        raise PermissionDenied
    form = AccreditationLevelForm(request.POST, prefix=LEVEL_FORM_PREFIX)
    if form.is_valid():
        try:
            organisation_set_accreditation_level(
                organisation=organisation,
                reviewer=request.user,
                level=form.cleaned_data["level"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            message_service_error(request, exc)
        else:
            messages.success(
                request, _("Accreditation level recorded: %(name)s") % {"name": organisation}
            )
    else:
        message_form_errors(request, form)
    return redirect("console:vetting_detail", pk=organisation.pk)


@vetting_required
@require_POST
def classification_review(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    profile = get_object_or_404(
        CooperationProfile.objects.select_related("organisation"),
        pk=pk,
        organisation__forum=forum,
    )
    if not committee.can_vet(request.user, profile.organisation):
        raise PermissionDenied
    form = ClassificationReviewForm(request.POST)
    if form.is_valid():
        try:
            profile_review_classification(
                profile=profile,
                reviewer=request.user,
                classification=form.cleaned_data["classification"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            message_service_error(request, exc)
        else:
            messages.success(request, _("Classification recorded: %(title)s") % {"title": profile})
    else:
        message_form_errors(request, form)
    return redirect("console:vetting_detail", pk=profile.organisation_id)
