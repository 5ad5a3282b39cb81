"""Listing and revoking one's own API tokens."""

from __future__ import annotations

from django.test import Client

from matchforum.api.models import ApiToken
from matchforum.audit.models import AuditEntry
from tests.factories import ApiTokenFactory


def _with_token(token) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token.raw}")


def test_the_list_shows_only_ones_own_tokens_and_marks_the_current_one(world):
    other = ApiTokenFactory(user=world.users["other"])
    second = ApiTokenFactory(user=world.users["own"], name="phone")
    response = _with_token(second).get("/api/v1/auth/tokens/")
    assert response.status_code == 200
    listed = {t["id"]: t for t in response.json()["results"]}
    assert set(listed) == {world.own_token.pk, second.pk}
    assert other.pk not in listed
    assert listed[second.pk]["current"] is True
    assert listed[world.own_token.pk]["current"] is False
    assert listed[second.pk]["prefix"] == second.prefix
    assert "key_hash" not in listed[second.pk]


def test_revoking_the_current_token_signs_the_client_out_and_is_audited(world):
    client = _with_token(world.own_token)
    assert client.get("/api/v1/agenda/").status_code == 200
    response = client.delete("/api/v1/auth/tokens/current/", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 204
    assert not ApiToken.objects.filter(pk=world.own_token.pk).exists()
    assert client.get("/api/v1/agenda/").status_code == 401
    entry = AuditEntry.objects.get(action=AuditEntry.Action.TOKEN_REVOKED)
    assert entry.actor == world.users["own"]
    assert entry.ip_address == "198.51.100.7"


def test_revoking_another_of_ones_tokens_keeps_the_current_one(world):
    phone = ApiTokenFactory(user=world.users["own"], name="phone")
    client = _with_token(phone)
    assert client.delete(f"/api/v1/auth/tokens/{world.own_token.pk}/").status_code == 204
    assert not ApiToken.objects.filter(pk=world.own_token.pk).exists()
    assert client.get("/api/v1/agenda/").status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.TOKEN_REVOKED).count() == 1


def test_another_persons_token_is_not_found_and_survives(world):
    client = _with_token(ApiTokenFactory(user=world.users["other"]))
    assert client.delete(f"/api/v1/auth/tokens/{world.own_token.pk}/").status_code == 404
    assert ApiToken.objects.filter(pk=world.own_token.pk).exists()


def test_a_session_has_no_token_to_revoke(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="uk")
    client.force_login(world.users["own"])
    response = client.delete("/api/v1/auth/tokens/current/")
    assert response.status_code == 400
    assert response.json()["detail"] == "Цей запит зроблено не з API-токеном."
    assert ApiToken.objects.filter(pk=world.own_token.pk).exists()
