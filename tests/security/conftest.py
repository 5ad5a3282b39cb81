import pytest


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """Argon2 is deliberately slow; these tests build many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, settings, tmp_path):
    from tests.security.world import build_world

    settings.MEDIA_ROOT = tmp_path  # the world holds a coalition attachment

    return build_world()
