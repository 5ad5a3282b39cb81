"""Walk the URL resolver: every route must have an entry in the permission matrix."""

from __future__ import annotations

from tests.security.matrix import MATRIX
from tests.security.routes import routes_in_scope


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
