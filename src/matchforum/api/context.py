"""Per-request memos of the caller's delegate seats (a few queries saved).

The current forum comes from `core.shortcuts.request_forum`, as for every web view.
"""

from __future__ import annotations

from django.http import HttpRequest

from matchforum.core.own_organisations import own_organisations_remember
from matchforum.core.shortcuts import request_forum
from matchforum.organisations.models import Delegate
from matchforum.organisations.selectors import delegate_seats

_UNSET = object()


def _http(request) -> HttpRequest:
    return getattr(request, "_request", request)


def request_seats(request) -> list[Delegate]:
    """Every delegate seat of the caller in the current forum, each with its organisation
    (empty when anonymous or not a delegate); read once per request."""
    http = _http(request)
    cached = getattr(http, "_matchforum_seats", _UNSET)
    if cached is _UNSET or getattr(http, "_matchforum_seats_user", None) != request.user.pk:
        forum = request_forum(request)
        cached = []
        if forum is not None and request.user.is_authenticated:
            # All seats in one query: the first is `delegate_for_user`'s answer, and
            # together they are the caller's own organisations, which tenant scoping
            # would otherwise read again.
            cached = delegate_seats(user=request.user, forum=forum)
            own_organisations_remember(request.user, forum, cached)
        http._matchforum_seats = cached
        http._matchforum_seats_user = request.user.pk
    return cached


def request_delegate(request) -> Delegate | None:
    """The caller's delegate in the current forum (None when anonymous or not a delegate)."""
    seats = request_seats(request)
    return seats[0] if seats else None
