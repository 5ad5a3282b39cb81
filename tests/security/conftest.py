import pytest


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """Argon2 is deliberately slow; these tests build many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    from tests.security.world import build_world

    return build_world()
