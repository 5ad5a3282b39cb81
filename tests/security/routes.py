"""Every route of the project, found by walking the URL resolver through nested includes."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

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
