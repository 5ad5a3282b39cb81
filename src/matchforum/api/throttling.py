"""Throttles whose rates are read from settings at request time (so tests can change them).

Each counts by the client address of `core/addresses.py`, not DRF's own guess, which
believes any `X-Forwarded-For` a client sends and so lets it rotate past every limit.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from matchforum.core.addresses import client_address


class _SettingsRate:
    scope: str

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request) -> str:
        return client_address(request) or ""


class AnonThrottle(_SettingsRate, AnonRateThrottle):
    scope = "anon"


class UserThrottle(_SettingsRate, UserRateThrottle):
    scope = "user"


class SignInThrottle(_SettingsRate, AnonRateThrottle):
    """Token requests: by address, whoever asks."""

    scope = "sign_in"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
