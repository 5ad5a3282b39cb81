"""Small helpers the views of every app share."""

from __future__ import annotations

from typing import Any, TypeVar

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from matchforum.forums.models import Forum
from matchforum.forums.selectors import forum_current

_UNSET = object()


def _http(request: Any) -> HttpRequest:
    """The Django request behind a DRF request (or the request itself)."""
    return getattr(request, "_request", request)


def request_forum(request: Any) -> Forum | None:
    """The forum a request is about: the one current forum, read once per request.

    Every way a view, a decorator or an API class finds the forum goes through here, so
    one request never sees two different answers.
    """
    http = _http(request)
    forum = getattr(http, "_matchforum_forum", _UNSET)
    if forum is _UNSET:
        forum = forum_current()
        http._matchforum_forum = forum
    return forum


def forum_or_404(request: Any) -> Forum:
    """`request_forum`, for pages that make no sense without a forum."""
    forum = request_forum(request)
    if forum is None:
        raise Http404("No forum is set up.")
    return forum


T = TypeVar("T")


def found_or_404(obj: T | None) -> T:
    if obj is None:
        raise Http404
    return obj


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """A 400 page that says why, for requests no page of ours would make.

    Refusing them with a 404 would hide the reason (and, with DEBUG on, show Django's
    page that lists every URL pattern).
    """
    return render(request, "core/bad_request.html", {"message": message}, status=400)


def next_path(request: HttpRequest, default: str) -> str:
    """Where to go after a form: the request's `next` (POST, then GET) when it is a path
    on this site, else `default`. Anything else (another site, or a word that is no path,
    which `redirect` would try to reverse as a URL name) falls back to `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
