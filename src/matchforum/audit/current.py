"""The request being served, so that services deep down can audit with its address.

It has a module of its own so that the middleware that sets it and the service that
reads it import it without importing each other.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.http import HttpRequest

current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)
