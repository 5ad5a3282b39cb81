"""The marketplace of approved organisations, and a delegate's own offers and needs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.audit.services import profile_view_record
from matchforum.core.access import delegate_required
from matchforum.core.forms import form_add_service_error
from matchforum.core.pagination import WindowCountPaginator
from matchforum.meetings.selectors import pair_status

from .forms import MarketplaceFilterForm, ProfileForm
from .models import CooperationProfile
from .selectors import (
    MarketplaceFilters,
    marketplace_countries,
    marketplace_organisation,
    marketplace_organisations,
    marketplace_tracks,
    profiles_of_own_organisation,
    published_profiles,
    requestable_items,
)
from .services import profile_create, profile_delete, profile_update

PAGE_SIZE = 20


@delegate_required(approved=True)
def search(request: HttpRequest) -> HttpResponse:
    form = MarketplaceFilterForm(
        request.GET or None,
        country_codes=marketplace_countries(user=request.user, forum=request.forum),
        present_tracks=marketplace_tracks(user=request.user, forum=request.forum),
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = MarketplaceFilters(
        text=data.get("q", ""),
        track=data.get("track", ""),
        country=data.get("country", ""),
        organisation_kind=data.get("kind", ""),
        side=data.get("side", ""),
        profile_kind=data.get("profile_kind", ""),
        language=data.get("language", ""),
    )
    organisations = marketplace_organisations(
        user=request.user, forum=request.forum, filters=filters
    )
    # One statement for the page and its count: the search's filters run once.
    page = WindowCountPaginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "marketplace/_results.html" if request.htmx else "marketplace/search.html"
    return render(request, template, context)


@delegate_required(approved=True)
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    found = marketplace_organisation(user=request.user, forum=request.forum, pk=pk)
    if found is None:
        raise Http404(_("No such organisation."))
    own = found.pk == request.delegate.organisation_id
    profile_view_record(
        organisation=found, request=request, viewer_organisation=request.delegate.organisation
    )
    context = {
        **_sides(found.shown_profiles),
        "organisation": found,
        "own": own,
        "requestable": []
        if own
        else requestable_items(
            user=request.user, viewer=request.delegate.organisation, owner=found
        ),
        "pair": None if own else pair_status(a=request.delegate.organisation, b=found),
    }
    return render(request, "marketplace/organisation.html", context)


def _sides(profiles) -> dict[str, list[CooperationProfile]]:
    return {
        "offers": [p for p in profiles if p.side == "offer"],
        "needs": [p for p in profiles if p.side == "need"],
    }


@delegate_required
def preview(request: HttpRequest) -> HttpResponse:
    """The delegate's own organisation exactly as others see it (published profiles only)."""
    own = request.delegate.organisation
    context = {
        **_sides(published_profiles().filter(organisation=own).order_by("side", "title")),
        "organisation": own,
        "own": True,
        "preview": True,
    }
    return render(request, "marketplace/organisation.html", context)


@delegate_required
def my_profiles(request: HttpRequest) -> HttpResponse:
    organisation = request.delegate.organisation
    return render(
        request,
        "marketplace/my_profiles.html",
        {
            "organisation": organisation,
            "profiles": profiles_of_own_organisation(organisation=organisation),
        },
    )


def _own_profile(request: HttpRequest, pk: int) -> CooperationProfile:
    return get_object_or_404(
        CooperationProfile, pk=pk, organisation_id=request.delegate.organisation_id
    )


def _save_profile(request: HttpRequest, form: ProfileForm, profile: CooperationProfile | None):
    data = dict(form.cleaned_data)
    tracks = data.pop("tracks")
    try:
        if profile is None:
            return profile_create(
                organisation=request.delegate.organisation,
                editor=request.delegate,
                tracks=tracks,
                **data,
            )
        return profile_update(profile=profile, editor=request.delegate, tracks=tracks, **data)
    except ValidationError as error:
        form_add_service_error(form, error)
        return None


@delegate_required
def profile_new(request: HttpRequest) -> HttpResponse:
    initial = {"side": request.GET.get("side", "offer"), "language": request.LANGUAGE_CODE}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_profile(request, form, None):
        messages.success(request, _("Saved. Recommendations are updated in the background."))
        return redirect("marketplace:my_profiles")
    return render(request, "marketplace/profile_form.html", {"form": form, "profile": None})


@delegate_required
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _own_profile(request, pk)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid() and _save_profile(request, form, profile):
        messages.success(request, _("Saved. Recommendations are updated in the background."))
        return redirect("marketplace:my_profiles")
    return render(request, "marketplace/profile_form.html", {"form": form, "profile": profile})


@require_POST
@delegate_required
def profile_remove(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _own_profile(request, pk)
    profile_delete(profile=profile, editor=request.delegate)
    messages.success(request, _("Deleted."))
    return redirect("marketplace:my_profiles")
