"""Role checks of the API; object visibility is tenant scoping's job (core/tenancy.py)."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from .context import request_delegate


class IsOrganiser(BasePermission):
    message = "Only organisers may do this."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.can_organise)


class IsDelegate(BasePermission):
    """The caller is a delegate of an organisation of the current forum."""

    message = "Only delegates of an organisation taking part in the forum may do this."

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request_delegate(request) is not None


class IsDelegateForWrites(IsDelegate):
    """Reads for every signed-in user (scoping decides what they see); writes for delegates."""

    def has_permission(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)
