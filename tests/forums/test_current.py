"""The current forum is read once per few seconds, and forgotten as soon as a forum changes."""

from __future__ import annotations

import datetime as dt

import pytest

from matchforum.forums.selectors import forum_current
from tests.factories import forum_build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cached(settings):
    settings.FORUM_CACHE_SECONDS = 10


def test_the_current_forum_is_remembered(forum, django_assert_num_queries):
    assert forum_current() == forum
    with django_assert_num_queries(0):
        again = forum_current()
    assert again == forum
    assert again is not forum  # a copy: a caller changing it changes nobody else's


def test_saving_a_forum_forgets_it_at_once(forum):
    assert forum_current() == forum
    forum.is_active = False
    forum.save()
    assert forum_current() is None
    newer = forum_build(slug="next-year", days=[dt.date(2028, 3, 16)])
    assert forum_current() == newer


def test_deleting_a_forum_forgets_it_at_once(forum):
    assert forum_current() == forum
    forum.delete()
    assert forum_current() is None


def test_a_zero_ttl_reads_every_time(forum, settings, django_assert_num_queries):
    settings.FORUM_CACHE_SECONDS = 0
    forum_current()
    with django_assert_num_queries(1):
        assert forum_current() == forum
