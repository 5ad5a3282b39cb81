"""The type-ahead pickers' searches: the first matches as radio buttons of the asking field.

Each search decides on the server what the caller may pick: delegates of approved
organisations for an organiser (who books meetings); the organisations the caller may
vet (`committee.private_organisations`: all of them for the chair, a team's own for its
officers). `pickers.py` names the rows; `widgets.SearchPicker` asks these views.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from matchforum.core.shortcuts import bad_request, forum_or_404
from matchforum.forums import committee

from .. import pickers
from ..access import organiser_required, vetting_required
from ..selectors import delegates_search, first_matches, organisations_search

PICKER_LIMIT = 20  # matches a type-ahead picker shows; it says when there are more
PICKER_FIELD = re.compile(r"^[a-z_]{1,40}$")


def _picker_results(
    request: HttpRequest,
    *,
    kind: pickers.PickerKind,
    search: Callable[[str], QuerySet],
    default_field: str,
) -> HttpResponse:
    field = request.GET.get("field", default_field)
    if not PICKER_FIELD.match(field):
        return bad_request(request, _("Unknown field."))
    query = request.GET.get(f"{field}_search", request.GET.get("q", "")).strip()
    rows, more = [], False
    if query:
        rows, more = first_matches(search(query), PICKER_LIMIT)
    matches = [{"pk": row.pk, "label": kind.label(row), "detail": kind.detail(row)} for row in rows]
    return render(
        request,
        "console/_picker_results.html",
        {
            "matches": matches,
            "more": more,
            "limit": PICKER_LIMIT,
            "q": query,
            "field": field,
            "nothing_found": kind.nothing_found,
        },
    )


@organiser_required
def delegate_search(request: HttpRequest) -> HttpResponse:
    """Delegates of approved organisations whose name, e-mail or organisation matches."""
    forum = forum_or_404(request)
    return _picker_results(
        request,
        kind=pickers.DELEGATE,
        search=lambda query: delegates_search(forum=forum, query=query, approved_only=True),
        default_field="delegate",
    )


@vetting_required
def organisation_search(request: HttpRequest) -> HttpResponse:
    """Organisations the caller may vet whose name matches."""
    forum = forum_or_404(request)
    scope = committee.private_organisations(request.user, forum)
    return _picker_results(
        request,
        kind=pickers.ORGANISATION,
        search=lambda query: organisations_search(organisations=scope, query=query),
        default_field="organisation",
    )
