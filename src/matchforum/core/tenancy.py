"""Tenant scoping: the one way to query organisation-owned data on behalf of a viewer.

`scoped(Model, user=..., forum=...)` returns a `ScopedQuerySet` holding exactly the
rows of `Model` that this user may see in this forum (or, with `for_write=True`,
change). The rules are the plain mapping `SCOPE_RULES` in core/tenancy_rules.py, one
entry per organisation-owned model. A `ScopedQuerySet` stays scoped through chaining
(filter, order_by, ...), so views may narrow it further but can never widen it.

`require_scoped(queryset)` is the guard: API views call it on whatever their
`get_queryset` returns, and it raises `UnscopedQueryError` when an
organisation-owned model is read through a plain manager. See
docs/decisions/0004-tenant-scoping.md.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet

from matchforum.accounts.models import User
from matchforum.forums.models import Forum

from .tenancy_rules import SCOPE_RULES


class UnscopedQueryError(RuntimeError):
    """Organisation-owned data was queried without going through `scoped()`."""


class ScopedQuerySet(QuerySet):
    """A queryset already restricted to what one viewer may see; survives chaining."""

    tenant_scoped = True


def is_organisation_owned(model: type[Model]) -> bool:
    return model in SCOPE_RULES


def scoped(
    model: type[Model], *, user: User, forum: Forum | None, for_write: bool = False
) -> ScopedQuerySet:
    """The rows of `model` that `user` may read (or change, with `for_write`) in `forum`."""
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


__all__ = [
    "SCOPE_RULES",
    "ScopedQuerySet",
    "UnscopedQueryError",
    "is_organisation_owned",
    "require_scoped",
    "scoped",
]
