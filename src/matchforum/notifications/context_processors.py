"""The unread count of the header's notification badge, for every template."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import notifications_unread_count


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    """Counted once per request, and only when a template shows it (one COUNT query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}

    def count() -> int:
        if not hasattr(request, "_unread_notifications"):
            request._unread_notifications = notifications_unread_count(user=user)
        return request._unread_notifications

    return {"unread_notifications": SimpleLazyObject(count)}
