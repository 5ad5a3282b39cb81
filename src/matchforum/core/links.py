"""Absolute links for messages that leave the site (e-mails, calendar feeds)."""

from __future__ import annotations

from django.conf import settings


def site_url(path: str = "") -> str:
    """`path` on the public address of the site (`SITE_URL`), never the request's host:
    messages are written in the worker, where there is no request."""
    return settings.SITE_URL.rstrip("/") + path
