"""DRF's exception handler, plus an audit entry for every refusal by a permission check."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.views import exception_handler

from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        # A service refused: the message is written for the user.
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    response = exception_handler(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        if response.status_code == 403 and request.user.is_authenticated:
            audit_record(action=AuditEntry.Action.ACCESS_DENIED, request=request._request)
        elif response.status_code == 404 and request.user.is_authenticated:
            audit_record(action=AuditEntry.Action.NOT_FOUND, request=request._request)
    return response
