"""Reading API tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from matchforum.accounts.models import User

from .models import ApiToken


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The person's own tokens, newest first (tokens belong to a person, not an organisation)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
