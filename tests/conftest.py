from __future__ import annotations

import pytest

from matchforum.core.catalogues import catalogues_compile
from tests.factories import DelegateFactory, OrganisationFactory, UserFactory, forum_build


def pytest_configure(config):
    # The .mo files are not committed; compile those older than their .po (atomic per file).
    catalogues_compile(stale_only=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: cached counts of one test's forum must not
    show up in the next test, whose forum may have the same id."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a page requested in Ukrainian must not leave
    Ukrainian active for the next test in the same process."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def fast_hashing(settings):
    """Argon2 is deliberately slow: for tests that build or sign in many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def no_throttles(settings):
    """For tests that call endpoints many times in a row."""
    settings.API_THROTTLE_RATES = {"anon": None, "user": None, "sign_in": None}
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 0


@pytest.fixture
def world(db, settings, tmp_path):
    """The permission tests' small forum, seen from six roles (tests/security/world.py)."""
    from tests.security.world import build_world

    settings.MEDIA_ROOT = tmp_path  # the world holds a coalition attachment
    return build_world()


@pytest.fixture
def forum(db):
    return forum_build()


@pytest.fixture
def organiser(forum):
    return UserFactory(email="organiser@example.org", is_organiser=True, is_staff=True)


@pytest.fixture
def vetting_officer(forum):
    return UserFactory(email="vetting@example.org", is_vetting_officer=True)


@pytest.fixture
def make_delegate(forum):
    """A delegate of a new organisation of the forum (approved unless told otherwise)."""

    def make(**org_fields):
        organisation = OrganisationFactory(forum=forum, **org_fields)
        return DelegateFactory(organisation=organisation)

    return make


@pytest.fixture
def immediate_tasks(settings):
    """Run enqueued tasks at once, with django-tasks' own immediate backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return settings


@pytest.fixture
def signed_in(client):
    """Sign a delegate's user in with the test client; returns the delegate."""

    def sign_in(delegate):
        client.force_login(delegate.user)
        return delegate

    return sign_in
