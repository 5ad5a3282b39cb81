"""The client's network address: the one function every throttle, lockout and log uses.

`X-Forwarded-For` is written by whoever sends the request, so it is believed only when
the request came from a proxy named in `TRUSTED_PROXIES` (addresses or networks). The
header is read from the right: each trusted proxy appends the address it received the
request from, so the first address that is not a trusted proxy is the client. With no
trusted proxies (the default) the header is ignored and `REMOTE_ADDR` is the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(configured: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in configured)


def trusted_proxy_networks() -> tuple[Network, ...]:
    """`TRUSTED_PROXIES` parsed (settings.py has refused malformed entries at start)."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _is_trusted(address: str, networks: Iterable[Network]) -> bool:
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in networks)


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from, as far as this server can trust it."""
    remote = request.META.get("REMOTE_ADDR") or None
    networks = trusted_proxy_networks()
    if remote is None or not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if _parse(hop) is None:
            # Garbage in the header: the last proxy we trust is the best we know.
            break
        if not _is_trusted(hop, networks):
            return str(_parse(hop))
        remote = hop
    return remote
