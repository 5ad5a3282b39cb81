"""One log line per request: method, route template, status, duration, pseudonymous user."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .logs import user_ref

logger = logging.getLogger("matchforum.request")


def route_of(request: HttpRequest) -> str:
    """The URL pattern that served the request (`meetings/requests/<int:pk>/accept/`), never
    the raw path with its ids and query string."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "(unmatched)"
    return "/" + match.route if match.route else (match.view_name or "(unnamed)")


class RequestLogMiddleware:
    """First in MIDDLEWARE, so that the duration covers every other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        match = getattr(request, "resolver_match", None)
        route = route_of(request)
        logger.info(
            "%s %s %s %.1f ms",
            request.method,
            route,
            response.status_code,
            duration_ms,
            extra={
                "event": "request",
                "method": request.method,
                "route": route,
                "view": match.view_name if match is not None else None,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user": user_ref(user_id),
            },
        )
        return response
