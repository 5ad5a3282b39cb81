"""The middleware that makes the request being served known to the audit service."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .current import current_request
from .models import AuditEntry
from .services import audit_record


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        """Record a refusal raised by a view's permission check (403, or 404 for hidden)."""
        if isinstance(exception, PermissionDenied):
            audit_record(action=AuditEntry.Action.ACCESS_DENIED, request=request)
        elif isinstance(exception, Http404):
            audit_record(action=AuditEntry.Action.NOT_FOUND, request=request)
        return None
