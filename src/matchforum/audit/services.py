"""`audit_record`: the one way to write the audit log. Other apps call it.

It never stores secrets: keys of `data` that look like credentials are dropped,
whatever the caller passes.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from matchforum.core.addresses import client_address

from .current import current_request
from .models import AuditEntry

_UNKNOWN: Any = object()  # `actor_organisation` not given: look it up

SECRET_MARKERS = ("password", "token", "secret", "key", "otp", "authorization", "cookie")


def _scrub(data: dict[str, Any] | None) -> dict[str, Any]:
    if not data:
        return {}
    clean: dict[str, Any] = {}
    for name, value in data.items():
        if any(marker in str(name).lower() for marker in SECRET_MARKERS):
            continue
        if isinstance(value, dict):
            value = _scrub(value)
        elif not isinstance(value, str | int | float | bool | type(None) | list):
            value = str(value)
        clean[str(name)] = value
    return clean


def _organisation_of(actor: Any) -> Any:
    """The organisation of the actor's seat in the newest active forum (None for staff)."""
    if actor is None or not getattr(actor, "pk", None):
        return None
    from matchforum.organisations.models import Delegate

    delegate = (
        Delegate.objects.filter(user=actor, organisation__forum__is_active=True)
        .order_by("-organisation__forum__starts_on")
        .first()
    )
    return delegate.organisation if delegate else None


def audit_record(
    *,
    action: str,
    actor: Any = None,
    organisation: Any = None,
    target: models.Model | None = None,
    request: HttpRequest | None = None,
    data: dict[str, Any] | None = None,
    actor_organisation: Any = _UNKNOWN,
) -> AuditEntry:
    """Write one audit entry; actor and address default to the current request's.

    `actor_organisation` is looked up from the actor's delegate seat unless the caller
    passes it (an Organisation).
    """
    request = request if request is not None else current_request.get()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor_organisation is _UNKNOWN:
        actor_organisation = _organisation_of(actor)
    if organisation is None and target is not None:
        from matchforum.organisations.models import Organisation

        if isinstance(target, Organisation):
            organisation = target
        else:
            organisation = getattr(target, "organisation", None)
    return AuditEntry.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_organisation=actor_organisation,
        organisation=organisation,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        ip_address=client_address(request) if request is not None else None,
        path=request.path[:300] if request is not None else "",
        data=_scrub(data),
    )


def profile_view_record(
    *, organisation: Any, request: HttpRequest, viewer_organisation: Any = _UNKNOWN
) -> AuditEntry | None:
    """One view of an organisation's profile (web page or API), recorded for the
    organisation's "who viewed us" list; its own delegates' views are not recorded.

    `viewer_organisation` is the viewer's organisation when the caller knows it already
    (None: the viewer has none, e.g. an organiser); otherwise it is looked up.
    """
    if viewer_organisation is not _UNKNOWN and getattr(viewer_organisation, "pk", None) == (
        organisation.pk
    ):
        return None
    return audit_record(
        action=AuditEntry.Action.PROFILE_VIEWED,
        target=organisation,
        request=request,
        actor_organisation=viewer_organisation,
    )
