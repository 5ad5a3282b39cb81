"""Shared fixtures of the API tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_throttles(settings):
    """API tests call endpoints many times in a row: no throttles, a fast password hasher."""
    settings.API_THROTTLE_RATES = {"anon": None, "user": None, "sign_in": None}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """The permission tests' small forum, seen from six roles (tests/security/world.py)."""
    from tests.security.world import build_world

    return build_world()
