"""Permissions that follow the forum roles rather than per-user grants."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend

VETTING_APPS = {"organisations", "marketplace"}


class RoleBackend(ModelBackend):
    """Organisers may administer every model; vetting officers the organisations.

    Checked after Django's own grants, so explicit permissions still work.
    """

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        if getattr(user_obj, "is_organiser", False):
            return True
        if getattr(user_obj, "is_vetting_officer", False):
            app_label = perm.split(".", 1)[0]
            if app_label in VETTING_APPS and not perm.split(".", 1)[1].startswith("delete_"):
                return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if not user_obj.is_active:
            return False
        if getattr(user_obj, "is_organiser", False):
            return True
        if getattr(user_obj, "is_vetting_officer", False) and app_label in VETTING_APPS:
            return True
        return super().has_module_perms(user_obj, app_label)


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout for web and API sign-ins.

    Axes refuses an `authenticate()` without a request; programmatic checks that have
    none (management commands, the test client's `login`) are not network sign-ins,
    so they pass through here to the next backend instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
