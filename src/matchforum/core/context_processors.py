from __future__ import annotations

from django.http import HttpRequest

from matchforum.core.navigation import nav_items

from .shortcuts import request_forum


def forum(request: HttpRequest) -> dict[str, object]:
    """The forum this site runs and the navigation, for every template."""
    return {"current_forum": request_forum(request), "nav_items": nav_items(request)}
