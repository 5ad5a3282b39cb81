from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.forms import form_add_service_error, message_service_error
from matchforum.core.shortcuts import forum_or_404, found_or_404
from matchforum.marketplace.models import CooperationProfile, ProfileKind, Side

from . import selectors, services
from .forms import JoinRequestForm, ProgrammeForm
from .models import TrainingProgramme, TrainingRequest


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    programmes = selectors.programmes_visible_to(user=request.user, forum=forum)
    own_offers = CooperationProfile.objects.filter(
        organisation__forum=forum,
        organisation__delegates__user=request.user,
        kind=ProfileKind.TRAINING,
        side=Side.OFFER,
    )
    return render(
        request,
        "training/programme_list.html",
        {"programmes": programmes, "can_describe": own_offers.exists()},
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    programme = found_or_404(selectors.programme_get_visible(user=request.user, forum=forum, pk=pk))
    provider = selectors.provider_delegate(user=request.user, programme=programme)
    requester = selectors.requester_delegate(user=request.user, programme=programme)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST":
        if requester is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.training_request_send(
                    user=request.user, programme=programme, **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Your request is sent to the provider."))
                return redirect("training:programme", pk=programme.pk)
    taken = selectors.programme_places_taken(programme=programme)
    context = {
        "programme": programme,
        "places_left": max(programme.capacity - taken, 0),
        "is_provider": provider is not None,
        "requests": selectors.programme_requests(programme=programme) if provider else [],
        "my_requests": (
            selectors.requests_of_delegate(delegate=requester, programme=programme)
            if requester
            else []
        ),
        "can_request": requester is not None,
        "form": form,
    }
    return render(request, "training/programme_detail.html", context)


@login_required
def programme_describe(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    profiles = CooperationProfile.objects.filter(
        organisation__forum=forum,
        organisation__delegates__user=request.user,
        kind=ProfileKind.TRAINING,
        side=Side.OFFER,
    ).distinct()
    if not profiles.exists():
        raise PermissionDenied
    initial: dict[str, object] = {"language": request.LANGUAGE_CODE}
    chosen = profiles.filter(pk=request.GET.get("profile") or 0).first()
    if chosen is not None:
        initial["profile"] = chosen.pk
        existing = TrainingProgramme.objects.filter(profile=chosen).first()
        if existing is not None:
            initial.update(
                starts_on=existing.starts_on,
                ends_on=existing.ends_on,
                location=existing.location,
                capacity=existing.capacity,
                language=existing.language,
                eligibility=existing.eligibility,
            )
    form = ProgrammeForm(request.POST or None, profiles=profiles, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.training_programme_save(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("training:programme", pk=programme.pk)
    return render(request, "training/programme_form.html", {"form": form})


@login_required
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    training_request = found_or_404(
        TrainingRequest.objects.filter(pk=pk, organisation__forum=forum)
        .select_related("programme__profile__organisation")
        .first()
    )
    programme = training_request.programme
    if selectors.provider_delegate(user=request.user, programme=programme) is None:
        raise Http404
    decision = request.POST.get("decision")
    if decision not in {"accept", "decline"}:
        # A missing or unknown answer decides nothing (never a silent decline).
        messages.error(request, _("Choose whether to accept or decline the request."))
        return redirect("training:programme", pk=programme.pk)
    try:
        services.training_request_decide(
            user=request.user,
            training_request=training_request,
            accept=decision == "accept",
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, _("Your answer is recorded."))
    return redirect("training:programme", pk=programme.pk)
