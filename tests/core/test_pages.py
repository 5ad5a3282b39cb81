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


def test_the_tracks_grid_is_rendered_once_per_language_and_a_change_shows_at_once(
    client, forum, settings, django_assert_num_queries
):
    from matchforum.forums.models import CapabilityTrack

    settings.DIRECTORY_CACHE_SECONDS = 60
    track = CapabilityTrack.objects.create(
        slug="test-mine-clearing", name="Mine clearing", position=1
    )
    assert "Mine clearing" in client.get("/").content.decode()
    with django_assert_num_queries(0):  # the grid, the counts and the forum are cached
        assert "Mine clearing" in client.get("/").content.decode()
    # Another language gets its own grid, in its words.
    ukrainian = client.get("/", HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert "Напрями спроможностей" in ukrainian and "Capability tracks" not in ukrainian
    assert "Capability tracks" in client.get("/").content.decode()
    # A change to a track shows on the next page, without waiting for the cache.
    track.name = "Humanitarian mine clearing"
    track.save()
    assert "Humanitarian mine clearing" in client.get("/").content.decode()
    CapabilityTrack.objects.create(slug="test-unmanned", name="Unmanned things", position=2)
    assert "Unmanned things" in client.get("/").content.decode()
    track.delete()
    assert "Humanitarian mine clearing" not in client.get("/").content.decode()


def test_the_tracks_grid_is_not_kept_when_the_cache_is_off(client, forum, settings):
    from matchforum.forums.models import CapabilityTrack

    settings.DIRECTORY_CACHE_SECONDS = 0
    CapabilityTrack.objects.create(slug="test-unmanned", name="Unmanned things", position=2)
    assert "Unmanned things" in client.get("/").content.decode()
    # A bulk update sends no signal: only an uncached grid shows it.
    CapabilityTrack.objects.filter(slug="test-unmanned").update(name="Unmanned systems")
    assert "Unmanned systems" in client.get("/").content.decode()
