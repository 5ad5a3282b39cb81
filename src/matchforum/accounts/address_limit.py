"""Limits per network address: failed sign-ins (password spraying), password resets.

django-axes locks one (account, address) pair after a few failures; someone who tries
one password against many accounts from one address never trips it. This counts the
failures of every account from an address (web form and API token requests alike,
both go through `authenticate()`), and once `SIGN_IN_ADDRESS_FAILURE_LIMIT` is reached
within `SIGN_IN_ADDRESS_WINDOW`, every sign-in from that address is refused until the
window has passed. Password-reset requests are counted per address and per e-mail
address alike, whether or not the address has an account. Counters live in the cache,
like the API throttles.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from matchforum.core.addresses import client_address

_KEY = "sign-in-failures:{address}"


def _key(request: HttpRequest) -> str | None:
    address = client_address(request)
    return _KEY.format(address=address) if address else None


def _window_seconds() -> int:
    return int(settings.SIGN_IN_ADDRESS_WINDOW.total_seconds())


def _count(key: str, *, seconds: int) -> int:
    """One more in the counter `key`, which starts afresh `seconds` after its first count."""
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return 1


def sign_in_failure_record(*, request: HttpRequest) -> int:
    """Count one failed sign-in from the request's address; returns the count so far."""
    key = _key(request)
    if key is None:
        return 0
    return _count(key, seconds=_window_seconds())


def sign_in_address_blocked(request: HttpRequest) -> bool:
    """Whether the request's address has failed too often to try again now."""
    limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    key = _key(request)
    if not limit or key is None:
        return False
    return int(cache.get(key, 0)) >= limit


def password_reset_request_allowed(*, request: HttpRequest, email: str) -> bool:
    """Count a password-reset request; False once its address or e-mail asked too often."""
    seconds = int(settings.PASSWORD_RESET_LIMIT_WINDOW.total_seconds())
    address = client_address(request) or "unknown"
    by_address = _count(f"password-reset:address:{address}", seconds=seconds)
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_email = _count(f"password-reset:email:{digest}", seconds=seconds)
    return (
        by_address <= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        and by_email <= settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    )
