"""Issuing and revoking API tokens."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.core.text_limits import text_within

from .models import ApiToken, TokenScope, token_hash

# A public marker that tells tokens apart in logs and scanners; not a secret.
TOKEN_PREFIX = "mf_"  # noqa: S105  # nosec B105


def api_token_create(
    *,
    user: User,
    name: str = "",
    scope: str = TokenScope.READ_WRITE,
    days: int | None = None,
) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the raw token (shown once, never stored).

    It works for `days` (default API_TOKEN_DEFAULT_DAYS, at most API_TOKEN_MAX_DAYS).
    """
    name = text_within(name, model=ApiToken, field="name")
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Choose read only or read and write.")})
    days = settings.API_TOKEN_DEFAULT_DAYS if days is None else days
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {
                "expires_in_days": _("A token works from 1 to %(max)s days.")
                % {"max": settings.API_TOKEN_MAX_DAYS}
            }
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[len(TOKEN_PREFIX) :][:8],
        key_hash=token_hash(raw),
        scope=scope,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit_record(
        action=AuditEntry.Action.TOKEN_CREATED,
        actor=user,
        target=token,
        data={"scope": scope, "days": days},
    )
    return token, raw


def api_token_revoke(*, token: ApiToken) -> None:
    audit_record(action=AuditEntry.Action.TOKEN_REVOKED, actor=token.user, target=token)
    token.delete()
