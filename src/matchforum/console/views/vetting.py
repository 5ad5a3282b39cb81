"""The vetting queue: what an organisation submitted, decisions alone or in bulk, history.

Each committee team sees its own queue (forums/committee.py decides which organisations)
and the forum-wide state as counts only; the chair sees and decides everything.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from matchforum.core.forms import (
    form_add_service_error,
    message_form_errors,
    message_service_error,
)
from matchforum.core.shortcuts import forum_or_404
from matchforum.forums import committee
from matchforum.marketplace.models import Classification
from matchforum.organisations.models import Accreditation, Delegate, Organisation
from matchforum.organisations.services import (
    accreditation_decide_bulk,
    accreditation_decision_check,
    organisation_decide_accreditation,
    organisation_move_team,
)

from ..access import vetting_required
from ..confirmation import confirmation_page, confirmed
from ..forms import (
    LEVEL_FORM_PREFIX,
    AccreditationLevelForm,
    DecisionForm,
    MoveTeamForm,
    OrganisationFindForm,
)
from ..selectors import forum_vetting_state

VETTING_PAGE_SIZE = 50

FILTERS = {
    "open": [Accreditation.PENDING, Accreditation.NEEDS_INFORMATION],
    "approved": [Accreditation.APPROVED],
    "rejected": [Accreditation.REJECTED],
}


def _ticked(request: HttpRequest) -> set[int]:
    """The organisations ticked in the queue (values that are no id tick nothing)."""
    values = request.POST.getlist("organisations")
    return {int(pk) for pk in values if pk.isdecimal() and len(pk) < 19}  # within bigint


@vetting_required
def queue(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    show = request.GET.get("show", "open")
    states = FILTERS.get(show, FILTERS["open"])
    scope = committee.private_organisations(request.user, forum)
    organisations = scope.filter(accreditation__in=states).order_by("created_at", "pk")
    find = OrganisationFindForm(
        request.GET if "organisation" in request.GET else None, organisations=scope
    )
    if find.is_valid():
        return redirect("console:vetting_detail", pk=find.cleaned_data["organisation"].pk)
    # Bound on every POST, even an empty one: errors are added to it below.
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        asked = _ticked(request)
        chosen = list(organisations.filter(pk__in=asked))
        if len(chosen) != len(asked):
            # Ticked outside this team's queue (or not in the list shown): refuse all of it.
            raise PermissionDenied
        if not chosen:
            form.add_error(None, _("Tick at least one organisation."))
        elif form.is_valid():
            response = _decide_bulk(request, form, chosen, show)
            if response is not None:
                return response
    # The queue shows a page (the approved list is most of a large forum); a decision
    # may tick only what the page showed, which is within `organisations` above.
    page = Paginator(organisations, VETTING_PAGE_SIZE).get_page(request.GET.get("page"))
    prefetch_related_objects(page.object_list, "delegates__user")
    return render(
        request,
        "console/vetting.html",
        {
            "organisations": page.object_list,
            "page": page,
            "find": find,
            "form": form,
            "show": show,
            "selected": _ticked(request),
            "forum_state": forum_vetting_state(forum=forum),
        },
    )


def _decide_bulk(
    request: HttpRequest, form: DecisionForm, chosen: list[Organisation], show: str
) -> HttpResponse | None:
    """Ask for confirmation, then decide; None when the form is shown again with errors."""
    decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
    subject = (decision, reason.strip(), *sorted(o.pk for o in chosen))
    try:
        accreditation_decision_check(decision=decision, reason=reason)
    except ValidationError as exc:
        form_add_service_error(form, exc)
        return None
    if not confirmed(request, action="accreditation_decide_bulk", subject=subject):
        delegates = Delegate.objects.filter(organisation__in=chosen).count()
        label = dict(form.fields["decision"].choices)[decision]
        consequences = [
            ngettext(
                "%(n)s organisation gets the decision “%(decision)s”:",
                "%(n)s organisations get the decision “%(decision)s”:",
                len(chosen),
            )
            % {"n": len(chosen), "decision": label},
            ", ".join(o.name for o in chosen),
            ngettext(
                "%(n)s delegate sees the decision on their organisation's page; no notice is sent.",
                "%(n)s delegates see the decision on their organisation's page; no notice is sent.",
                delegates,
            )
            % {"n": delegates},
        ]
        if reason.strip():
            consequences.append(_("Reason the organisations see: %(reason)s") % {"reason": reason})
        fields = [("decision", decision), ("reason", reason)]
        fields += [("organisations", o.pk) for o in chosen]
        return confirmation_page(
            request,
            action="accreditation_decide_bulk",
            subject=subject,
            title=_("Record this decision?"),
            consequences=consequences,
            confirm_label=_("Record decision"),
            back_url=f"{request.path}?show={show}",
            fields=fields,
        )
    try:
        count = accreditation_decide_bulk(
            organisations=chosen, reviewer=request.user, decision=decision, reason=reason
        )
    except ValidationError as exc:
        form_add_service_error(form, exc)
        return None
    messages.success(
        request,
        ngettext("%(n)s organisation decided.", "%(n)s organisations decided.", count)
        % {"n": count},
    )
    return redirect(f"{request.path}?show={show}")


@vetting_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    organisation = get_object_or_404(Organisation, pk=pk, forum=forum)
    allowed = committee.can_vet if request.method == "POST" else committee.can_view_private
    if not allowed(request.user, organisation):
        raise PermissionDenied
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_decide_accreditation(
                organisation=organisation,
                reviewer=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Decision recorded: %(name)s") % {"name": organisation})
            return redirect("console:vetting")
    return render(
        request,
        "console/vetting_detail.html",
        {
            "organisation": organisation,
            "form": form,
            "delegates": organisation.delegates.select_related("user"),
            "profiles": organisation.profiles.all(),
            "can_decide": committee.can_vet(request.user, organisation),
            "classification_choices": Classification.choices,
            "level_form": AccreditationLevelForm(
                initial={"level": organisation.accreditation_level}, prefix=LEVEL_FORM_PREFIX
            ),
            "history": organisation.accreditation_history.select_related("reviewer", "team"),
            "team": committee.responsible_team(organisation),
            "move_form": (
                MoveTeamForm(forum=forum)
                if committee.can_move_team(request.user, organisation)
                else None
            ),
        },
    )


@vetting_required
@require_POST
def move_team(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    organisation = get_object_or_404(Organisation, pk=pk, forum=forum)
    if not committee.can_move_team(request.user, organisation):
        raise PermissionDenied
    form = MoveTeamForm(request.POST, forum=forum)
    if form.is_valid():
        try:
            organisation_move_team(
                organisation=organisation,
                team=form.cleaned_data["team"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            message_service_error(request, exc)
        else:
            messages.success(request, _("%(name)s moved to another team.") % {"name": organisation})
    else:
        message_form_errors(request, form)
    return redirect("console:vetting_detail", pk=organisation.pk)
