"""A limit on failed sign-ins per network address, against password spraying.

django-axes locks one (account, address) pair after a few failures; someone who tries
one password against many accounts from one address never trips it. This counts the
failures of every account from an address (web form and API token requests alike,
both go through `authenticate()`), and once `SIGN_IN_ADDRESS_FAILURE_LIMIT` is reached
within `SIGN_IN_ADDRESS_WINDOW`, every sign-in from that address is refused until the
window has passed. Counters live in the cache, like the API throttles.
"""

from __future__ import annotations

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


def sign_in_failure_record(*, request: HttpRequest) -> int:
    """Count one failed sign-in from the request's address; returns the count so far."""
    key = _key(request)
    if key is None:
        return 0
    if cache.add(key, 1, timeout=_window_seconds()):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=_window_seconds())
        return 1


def sign_in_address_blocked(request: HttpRequest) -> bool:
    """Whether the request's address has failed too often to try again now."""
    limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    key = _key(request)
    if not limit or key is None:
        return False
    return int(cache.get(key, 0)) >= limit
