"""A delegate's own organisation: accreditation status, details, delegates, availability."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.access import delegate_required
from matchforum.core.forms import form_add_service_error
from matchforum.forums.selectors import forum_slots

from .forms import AvailabilityForm, InvitationForm, OrganisationForm
from .models import Invitation
from .services import (
    delegate_set_availability,
    invitation_create,
    invitation_revoke,
    organisation_update,
)


@delegate_required
def status(request: HttpRequest) -> HttpResponse:
    organisation = request.delegate.organisation
    history = organisation.accreditation_history.all()
    return render(
        request,
        "organisations/status.html",
        {"organisation": organisation, "history": history},
    )


@delegate_required
def details(request: HttpRequest) -> HttpResponse:
    organisation = request.delegate.organisation
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        tracks = data.pop("tracks")
        was_approved = organisation.is_approved
        try:
            organisation = organisation_update(
                organisation=organisation, editor=request.delegate, tracks=tracks, **data
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Your organisation's details are saved."))
            if was_approved and not organisation.is_approved:
                messages.warning(
                    request,
                    _(
                        "The name, country or kind changed, so the vetting officers review "
                        "your organisation again; until then it cannot meet and others do "
                        "not see it."
                    ),
                )
            return redirect("organisations:details")
    if request.method == "GET":
        form.initial["tracks"] = list(organisation.tracks.all())
    return render(
        request, "organisations/details.html", {"form": form, "organisation": organisation}
    )


@delegate_required
def delegates(request: HttpRequest) -> HttpResponse:
    organisation = request.delegate.organisation
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(
                organisation=organisation,
                invited_by=request.delegate,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
            )
            return redirect("organisations:delegates")
    context = {
        "organisation": organisation,
        "form": form,
        "delegates": organisation.delegates.select_related("user"),
        "invitations": organisation.invitations.filter(accepted_at=None, revoked_at=None),
    }
    return render(request, "organisations/delegates.html", context)


@require_POST
@delegate_required
def invitation_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk, organisation=request.delegate.organisation)
    invitation_revoke(invitation=invitation, delegate=request.delegate)
    messages.success(request, _("The invitation is revoked."))
    return redirect("organisations:delegates")


@delegate_required
def availability(request: HttpRequest) -> HttpResponse:
    delegate = request.delegate
    slots = list(forum_slots(forum=request.forum))
    initial = {
        "attendance": delegate.attendance,
        "unavailable": [str(pk) for pk in delegate.unavailable_slots.values_list("pk", flat=True)],
    }
    form = AvailabilityForm(request.POST or None, slots=slots, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            delegate_set_availability(
                delegate=delegate,
                unavailable=form.chosen_slots(),
                attendance=form.cleaned_data["attendance"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Your availability is saved."))
            return redirect("organisations:availability")
    chosen = set(form["unavailable"].value() or [])
    days: dict = {}
    for slot in slots:
        session = slot.session
        days.setdefault(session.day, {}).setdefault(session, []).append(
            {"slot": slot, "checked": str(slot.pk) in chosen}
        )
    grid = [
        {"day": day, "sessions": [{"session": s, "slots": items} for s, items in sessions.items()]}
        for day, sessions in days.items()
    ]
    return render(request, "organisations/availability.html", {"form": form, "grid": grid})
