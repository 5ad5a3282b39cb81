"""Issuing and revoking API tokens."""

from __future__ import annotations

import secrets

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.core.text_limits import text_within

from .models import ApiToken, token_hash

# A public marker that tells tokens apart in logs and scanners; not a secret.
TOKEN_PREFIX = "mf_"  # noqa: S105  # nosec B105


def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the raw token (shown once, never stored)."""
    name = text_within(name, model=ApiToken, field="name")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[len(TOKEN_PREFIX) :][:8], key_hash=token_hash(raw)
    )
    audit_record(action=AuditEntry.Action.TOKEN_CREATED, actor=user, target=token)
    return token, raw


def api_token_revoke(*, token: ApiToken) -> None:
    audit_record(action=AuditEntry.Action.TOKEN_REVOKED, actor=token.user, target=token)
    token.delete()
