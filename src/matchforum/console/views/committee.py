"""The joint organising committee: teams, their members and roles, the participating
countries. Only the chair's organisers manage it (forums/committee.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.accounts.models import User
from matchforum.core.forms import form_add_service_error, message_service_error
from matchforum.core.shortcuts import forum_or_404
from matchforum.forums import committee
from matchforum.forums.models import CommitteeMembership, CommitteeTeam, Forum
from matchforum.forums.services import (
    committee_countries_set,
    committee_member_add,
    committee_member_remove,
)

from ..access import vetting_required
from ..forms import CommitteeMemberForm, ParticipatingCountriesForm


def _manager_forum(request: HttpRequest) -> Forum:
    forum = forum_or_404(request)
    if not committee.can_manage_committee(request.user, forum):
        raise PermissionDenied
    return forum


@vetting_required
def teams(request: HttpRequest) -> HttpResponse:
    forum = _manager_forum(request)
    countries_form = ParticipatingCountriesForm(
        initial={"countries": ", ".join(forum.participating_countries)}
    )
    member_form = CommitteeMemberForm(forum=forum)
    if request.method == "POST" and request.POST.get("action") == "countries":
        countries_form = ParticipatingCountriesForm(request.POST)
        if countries_form.is_valid():
            try:
                committee_countries_set(
                    forum=forum, actor=request.user, countries=countries_form.country_codes()
                )
            except ValidationError as exc:
                form_add_service_error(countries_form, exc)
            else:
                messages.success(request, _("The participating countries are saved."))
                return redirect("console:committee")
    elif request.method == "POST" and request.POST.get("action") == "add":
        member_form = CommitteeMemberForm(request.POST, forum=forum)
        if member_form.is_valid():
            user = User.objects.filter(email__iexact=member_form.cleaned_data["email"]).first()
            if user is None:
                member_form.add_error("email", _("No account has this e-mail address."))
            else:
                try:
                    committee_member_add(
                        team=member_form.cleaned_data["team"],
                        user=user,
                        role=member_form.cleaned_data["role"],
                        actor=request.user,
                    )
                except ValidationError as exc:
                    form_add_service_error(member_form, exc)
                else:
                    messages.success(request, _("%(name)s added.") % {"name": user})
                    return redirect("console:committee")
    return render(
        request,
        "console/committee.html",
        {
            "teams": CommitteeTeam.objects.filter(forum=forum).prefetch_related(
                "memberships__user"
            ),
            "countries_form": countries_form,
            "member_form": member_form,
        },
    )


@vetting_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _manager_forum(request)
    membership = get_object_or_404(
        CommitteeMembership.objects.select_related("team", "user"), pk=pk, team__forum=forum
    )
    try:
        committee_member_remove(membership=membership, actor=request.user)
    except ValidationError as exc:
        message_service_error(request, exc)
    else:
        messages.success(request, _("%(name)s removed.") % {"name": membership.user})
    return redirect("console:committee")
