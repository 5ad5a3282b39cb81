"""Issue 17, item 10: API tokens have a scope (read only / read and write) and an expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from matchforum.api.models import ApiToken, TokenScope
from matchforum.api.urls import router
from matchforum.organisations.models import Organisation
from tests.factories import ApiTokenFactory

WRITE_METHODS = {"post", "put", "patch", "delete"}
PASSWORD = "correct horse battery staple"  # the world's password


def _with_token(token) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token.raw}")


def _write_routes():
    """Every (method, route name, kwargs) the API router answers with a write."""
    for pattern in router.urls:
        actions = getattr(pattern.callback, "actions", {})
        for method in sorted(set(actions) & WRITE_METHODS):
            kwargs = {name: "1" for name in pattern.pattern.regex.groupindex}
            yield method, f"api:{pattern.name}", kwargs


WRITE_ROUTES = list(_write_routes())


def test_the_router_has_write_routes_to_walk():
    names = {name for _method, name, _kwargs in WRITE_ROUTES}
    assert {"api:profile-list", "api:organisation-detail", "api:meeting-request-accept"} <= names


@pytest.mark.parametrize(
    ("method", "name", "kwargs"), WRITE_ROUTES, ids=[f"{m} {n}" for m, n, _k in WRITE_ROUTES]
)
def test_a_read_only_token_gets_403_on_every_write(world, method, name, kwargs):
    token = ApiTokenFactory(user=world.users["own"], scope=TokenScope.READ)
    response = getattr(_with_token(token), method)(
        reverse(name, kwargs=kwargs), {}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "This token is read-only."


def test_a_read_only_token_reads_and_changes_nothing(world):
    token = ApiTokenFactory(user=world.users["own"], scope=TokenScope.READ)
    client = _with_token(token)
    assert client.get("/api/v1/agenda/").status_code == 200
    before = Organisation.objects.get(pk=world.own_org.pk).description
    response = client.patch(
        f"/api/v1/organisations/{world.own_org.pk}/",
        {"description": "changed"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Organisation.objects.get(pk=world.own_org.pk).description == before
    # The same write with a read-write token goes through: the scope made the difference.
    response = _with_token(world.own_token).patch(
        f"/api/v1/organisations/{world.own_org.pk}/",
        {"description": "changed"},
        content_type="application/json",
    )
    assert response.status_code == 200


def test_an_expired_token_gets_401(world):
    token = ApiTokenFactory(
        user=world.users["own"], expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = _with_token(token).get("/api/v1/agenda/")
    assert response.status_code == 401
    assert response.json()["detail"] == "This token has expired."
    fresh = ApiTokenFactory(user=world.users["own"], expires_at=timezone.now() + dt.timedelta(1))
    assert _with_token(fresh).get("/api/v1/agenda/").status_code == 200


def _token_request(**fields) -> dict:
    return {"email": "own@example.org", "password": PASSWORD, **fields}


def test_scope_and_expiry_are_chosen_on_creation(world, fast_hashing):
    response = Client().post(
        "/api/v1/auth/token/",
        _token_request(scope="read", expires_in_days=7),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    token = ApiToken.objects.get(prefix=body["prefix"])
    assert body["scope"] == token.scope == TokenScope.READ
    assert abs(token.expires_at - (timezone.now() + dt.timedelta(days=7))) < dt.timedelta(minutes=5)


def test_a_token_works_for_the_default_days_unless_chosen(world, settings):
    response = Client().post(
        "/api/v1/auth/token/", _token_request(), content_type="application/json"
    )
    assert response.status_code == 201
    token = ApiToken.objects.get(prefix=response.json()["prefix"])
    assert token.scope == TokenScope.READ_WRITE
    expected = timezone.now() + dt.timedelta(days=settings.API_TOKEN_DEFAULT_DAYS)
    assert abs(token.expires_at - expected) < dt.timedelta(minutes=5)


@pytest.mark.parametrize(
    "fields", [{"expires_in_days": 0}, {"expires_in_days": 366}, {"scope": "admin"}]
)
def test_an_expiry_or_scope_out_of_range_is_refused(world, fields):
    count = ApiToken.objects.count()
    response = Client().post(
        "/api/v1/auth/token/", _token_request(**fields), content_type="application/json"
    )
    assert response.status_code == 400
    assert set(fields) <= set(response.json())
    assert ApiToken.objects.count() == count


def test_the_list_shows_scope_and_expiry(world):
    response = _with_token(world.own_token).get("/api/v1/auth/tokens/")
    [listed] = [t for t in response.json()["results"] if t["id"] == world.own_token.pk]
    assert listed["scope"] == "read_write"
    assert listed["expires_at"]


def test_the_tokens_page_shows_each_token_and_revokes_it(world):
    read_only = ApiTokenFactory(user=world.users["own"], name="dashboard", scope=TokenScope.READ)
    client = Client()
    client.force_login(world.users["own"])
    page = client.get(reverse("accounts:api_tokens")).content.decode()
    assert "dashboard" in page and read_only.prefix in page and "Read only" in page
    assert world.own_token.prefix in page and "Read and write" in page
    response = client.post(reverse("accounts:api_token_revoke", kwargs={"pk": read_only.pk}))
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=read_only.pk).exists()
    assert _with_token(read_only).get("/api/v1/agenda/").status_code == 401


def test_the_tokens_page_does_not_revoke_another_persons_token(world):
    theirs = ApiTokenFactory(user=world.users["other"])
    client = Client()
    client.force_login(world.users["own"])
    response = client.post(reverse("accounts:api_token_revoke", kwargs={"pk": theirs.pk}))
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=theirs.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_existing_tokens_read_write_expiring_after_the_default(settings):
    executor = MigrationExecutor(connection)
    # every other app stays at its latest migration: only the tokens' one is undone
    before = [
        *(node for node in executor.loader.graph.leaf_nodes() if node[0] != "api"),
        ("api", "0001_initial"),
    ]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    user_model = old_apps.get_model("accounts", "User")
    user = user_model.objects.create(email="old-token@example.org", password="!")
    old_apps.get_model("api", "ApiToken").objects.create(
        user_id=user.pk, prefix="oldtoken", key_hash="0" * 64
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    token = ApiToken.objects.get(prefix="oldtoken")
    assert token.scope == TokenScope.READ_WRITE
    expected = timezone.now() + dt.timedelta(days=settings.API_TOKEN_DEFAULT_DAYS)
    assert abs(token.expires_at - expected) < dt.timedelta(minutes=5)
