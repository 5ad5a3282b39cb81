"""Small helpers the views of every app share."""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from matchforum.forums.models import Forum
from matchforum.forums.selectors import forum_current


def forum_or_404() -> Forum:
    forum = forum_current()
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
