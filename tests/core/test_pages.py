import pytest

from matchforum.organisations.models import Accreditation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_forum_and_counts_only_approved_organisations(client, forum):
    OrganisationFactory(forum=forum, name="Visible Robotics")
    OrganisationFactory(forum=forum, name="Hidden Pending", accreditation=Accreditation.PENDING)
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert forum.name in body
    assert "Hidden Pending" not in body
    assert response.context["stats"]["organisations"] == 1


def test_admin_is_usable_by_an_organiser(client, organiser):
    client.force_login(organiser)
    for path in [
        "/admin/",
        "/admin/organisations/organisation/",
        "/admin/meetings/meeting/",
        "/admin/forums/forum/",
        "/admin/schedules/schedulingrun/",
    ]:
        assert client.get(path).status_code == 200, path


def test_admin_refuses_delegates(client, make_delegate):
    delegate = make_delegate()
    delegate.user.is_staff = False
    delegate.user.save()
    client.force_login(delegate.user)
    response = client.get("/admin/organisations/organisation/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_home_counts_are_cached_briefly_and_shared(
    client, forum, settings, django_assert_num_queries
):
    from django.core.cache import cache

    settings.PUBLIC_STATS_CACHE_SECONDS = 30
    OrganisationFactory(forum=forum)
    assert client.get("/").context["stats"]["organisations"] == 1
    OrganisationFactory(forum=forum)
    # Within the TTL every visitor gets the remembered counts, without counting again.
    with django_assert_num_queries(1):  # the tracks (the forum is cached too)
        response = client.get("/")
    assert response.context["stats"]["organisations"] == 1
    cache.clear()  # what the TTL's expiry does
    assert client.get("/").context["stats"]["organisations"] == 2


def test_home_counts_uncached_when_the_ttl_is_zero(client, forum, settings):
    settings.PUBLIC_STATS_CACHE_SECONDS = 0
    OrganisationFactory(forum=forum)
    assert client.get("/").context["stats"]["organisations"] == 1
    OrganisationFactory(forum=forum)
    assert client.get("/").context["stats"]["organisations"] == 2


def test_every_page_links_the_favicon_served_from_our_static_files(client, forum):
    from django.contrib.staticfiles import finders

    body = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/matchforum/favicon.svg"' in body
    path = finders.find("matchforum/favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as icon:
        assert icon.read().startswith("<svg")
