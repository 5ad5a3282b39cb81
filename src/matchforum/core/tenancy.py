"""Tenant scoping: the one way to query organisation-owned data on behalf of a viewer.

`scoped(Model, user=..., forum=...)` returns a `ScopedQuerySet` holding exactly the
rows of `Model` that this user may see in this forum (or, with `for_write=True`,
change). The rules live in `SCOPE_RULES`, one entry per organisation-owned model.
A `ScopedQuerySet` stays scoped through chaining (filter, order_by, ...), so views
may narrow it further but can never widen it.

`require_scoped(queryset)` is the guard: API views call it on whatever their
`get_queryset` returns, and it raises `UnscopedQueryError` when an
organisation-owned model is read through a plain manager. See
docs/decisions/0004-tenant-scoping.md.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model, QuerySet

from matchforum.accounts.models import User
from matchforum.forums.models import Forum


class UnscopedQueryError(RuntimeError):
    """Organisation-owned data was queried without going through `scoped()`."""


class ScopedQuerySet(QuerySet):
    """A queryset already restricted to what one viewer may see; survives chaining."""

    tenant_scoped = True


ScopeRule = Callable[[User, Forum, bool], QuerySet]
SCOPE_RULES: dict[type[Model], ScopeRule] = {}


def scope_rule(model: type[Model]) -> Callable[[ScopeRule], ScopeRule]:
    """Register the scoping rule of an organisation-owned model."""

    def register(rule: ScopeRule) -> ScopeRule:
        SCOPE_RULES[model] = rule
        return rule

    return register


def is_organisation_owned(model: type[Model]) -> bool:
    _load_rules()
    return model in SCOPE_RULES


def scoped(
    model: type[Model], *, user: User, forum: Forum | None, for_write: bool = False
) -> ScopedQuerySet:
    """The rows of `model` that `user` may read (or change, with `for_write`) in `forum`."""
    _load_rules()
    try:
        rule = SCOPE_RULES[model]
    except KeyError:
        raise UnscopedQueryError(f"{model.__name__} has no tenant scoping rule.") from None
    if forum is None or not user.is_authenticated or not user.is_active:
        queryset = model._default_manager.none()
    else:
        queryset = rule(user, forum, for_write)
    return ScopedQuerySet(model=model, query=queryset.query.chain(), using=queryset.db)


def require_scoped(queryset: QuerySet) -> QuerySet:
    """The guard: refuse a queryset of organisation-owned data that did not come from scoped()."""
    if is_organisation_owned(queryset.model) and not getattr(queryset, "tenant_scoped", False):
        raise UnscopedQueryError(
            f"{queryset.model.__name__} queried without tenant scoping; "
            "use matchforum.core.tenancy.scoped()."
        )
    return queryset


def own_organisations_memo(user: User, forum: Forum) -> list[tuple[int, str]]:
    """(id, accreditation) of the user's organisations in the forum, memoised on the user
    object, which lives as long as the request: the scoping rules of one request share
    one query."""
    from matchforum.organisations.selectors import own_organisations

    memo = user.__dict__.setdefault("_own_organisations", {})
    if forum.pk not in memo:
        memo[forum.pk] = own_organisations(user=user, forum=forum)
    return memo[forum.pk]


def own_organisations_remember(user: User, forum: Forum, seats: list) -> None:
    """Fill the memo from delegate seats (with their organisations) read anyway."""
    memo = user.__dict__.setdefault("_own_organisations", {})
    memo[forum.pk] = [(seat.organisation_id, seat.organisation.accreditation) for seat in seats]


def own_organisation_ids(user: User, forum: Forum) -> list[int]:
    """Ids of the user's organisations in the forum (memoised on the user object)."""
    return [pk for pk, _accreditation in own_organisations_memo(user, forum)]


_loaded = False


def _load_rules() -> None:
    """Import the rules module once (it imports the models, which import this module)."""
    global _loaded
    if not _loaded:
        from matchforum.core import tenancy_rules  # noqa: F401

        _loaded = True


__all__ = [
    "SCOPE_RULES",
    "ScopedQuerySet",
    "UnscopedQueryError",
    "is_organisation_owned",
    "own_organisation_ids",
    "own_organisations_memo",
    "own_organisations_remember",
    "require_scoped",
    "scope_rule",
    "scoped",
]
