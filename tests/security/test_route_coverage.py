"""Walk the URL resolver: every route must have an entry in the permission matrix."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.matrix import MATRIX

EXCLUDED_PREFIXES = ("admin/", "static/", "media/", "__debug__/")


def _is_format_suffix_variant(pattern: str) -> bool:
    return "<drf_format_suffix" in pattern or "(?P<format>" in pattern


def walk(resolvers=None, prefix: str = "", namespace: str = "") -> list[tuple[str, str | None]]:
    """(full pattern, namespaced name) of every route, through nested includes."""
    routes: list[tuple[str, str | None]] = []
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            routes += walk(entry.url_patterns, pattern, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            routes.append((pattern, name))
    return routes


def routes_in_scope() -> list[tuple[str, str | None]]:
    return [
        (pattern, name)
        for pattern, name in walk()
        if not pattern.lstrip("^").startswith(EXCLUDED_PREFIXES)
        and not _is_format_suffix_variant(pattern)
    ]


def test_the_walker_finds_nested_api_routes():
    names = {name for _pattern, name in routes_in_scope()}
    assert "api:meeting-request-accept" in names
    assert "core:home" in names
    assert not any(name and name.startswith("admin:") for name in names)


def test_every_route_is_in_the_permission_matrix():
    unnamed = [pattern for pattern, name in routes_in_scope() if name is None]
    missing = sorted({name for _pattern, name in routes_in_scope() if name and name not in MATRIX})
    assert not unnamed, f"routes without a name (name them to list them in the matrix): {unnamed}"
    assert not missing, (
        "routes missing from tests/security/matrix.py (add their expected status per role): "
        f"{missing}"
    )


def test_the_matrix_lists_no_route_that_does_not_exist():
    names = {name for _pattern, name in routes_in_scope()}
    assert not set(MATRIX) - names
