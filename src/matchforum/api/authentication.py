"""`Authorization: Token mf_…` authentication against hashed tokens."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS

from matchforum.core.compiled_queries import CompiledQuery
from matchforum.forums.models import CommitteeMembership

from .models import ApiToken, token_hash

# Whether the user sits on a committee team comes in the same query: most callers are
# delegates, and every request asks `can_vet`, which would otherwise read the memberships
# again. Compiled once per connection: this runs on every API request.
_TOKEN_BY_HASH = CompiledQuery(
    lambda key_hash: (
        ApiToken.objects.select_related("user")
        .annotate(on_committee=Exists(CommitteeMembership.objects.filter(user=OuterRef("user_id"))))
        .filter(key_hash=key_hash)
        .order_by()[:1]
    ),
    key_hash="compiled-query-sample:not-a-token-hash",
)


class HashedTokenAuthentication(authentication.TokenAuthentication):
    """Also the one place a token's scope is enforced: every API view authenticates here,
    so no view (present or future) can forget that a read-only token never writes."""

    keyword = "Token"

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and result[1].is_read_only and request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied("This token is read-only.")
        return result

    def authenticate_credentials(self, key: str):
        found = _TOKEN_BY_HASH.objects(key_hash=token_hash(key))
        token = found[0] if found else None
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not token.on_committee:
            token.user.committee_roles_known_empty()
        now = timezone.now()
        if token.has_expired(now):
            raise exceptions.AuthenticationFailed("This token has expired.")
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
