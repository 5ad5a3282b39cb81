"""Small helpers the views of every app share."""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404

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
