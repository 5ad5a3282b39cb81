"""Permissions that follow the forum roles rather than per-user grants."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth.backends import ModelBackend

from .address_limit import sign_in_address_blocked

VETTING_APPS = {"organisations", "marketplace"}


class RoleBackend(ModelBackend):
    """The chair's organisers may administer every model; other committee members the
    organisations (which of them: the admin asks forums/committee.py per object).

    Checked after Django's own grants, so explicit permissions still work.
    """

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        if getattr(user_obj, "can_organise", False):
            return True
        if getattr(user_obj, "can_vet", False):
            app_label = perm.split(".", 1)[0]
            if app_label in VETTING_APPS and not perm.split(".", 1)[1].startswith("delete_"):
                return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if not user_obj.is_active:
            return False
        if getattr(user_obj, "can_organise", False):
            return True
        if getattr(user_obj, "can_vet", False) and app_label in VETTING_APPS:
            return True
        return super().has_module_perms(user_obj, app_label)


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout for web and API sign-ins, and the per-address limit.

    Axes refuses an `authenticate()` without a request; programmatic checks that have
    none (management commands, the test client's `login`) are not network sign-ins,
    so they pass through here to the next backend instead of raising.

    An address over its failure limit (`address_limit.py`) is refused the way axes
    refuses a locked pair: axes' middleware answers with the lockout page (429).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        if sign_in_address_blocked(request):
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("Too many failed sign-ins from this address.")
        return super().authenticate(request, username=username, password=password, **kwargs)
