"""Client addresses behind proxies, and the per-address limit on failed sign-ins."""

from __future__ import annotations

from django.test import RequestFactory
from django.urls import reverse

from matchforum.audit.models import AuditEntry
from matchforum.core.addresses import client_address
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


def _request(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("198.51.100.1", "203.0.113.9")) == "198.51.100.1"


def test_forwarded_for_is_ignored_from_an_untrusted_peer(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("198.51.100.1", "203.0.113.9")) == "198.51.100.1"


def test_a_trusted_proxy_names_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]
    assert client_address(_request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
    # The client may prepend anything; only what our proxies appended counts.
    spoofed = _request("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.1.2.3")
    assert client_address(spoofed) == "203.0.113.9"
    assert client_address(_request("127.0.0.1", "not an address")) == "127.0.0.1"
    assert client_address(_request("127.0.0.1")) == "127.0.0.1"


def test_rotating_forwarded_for_does_not_escape_the_token_throttle(client, db, settings):
    settings.API_THROTTLE_RATES = {"anon": None, "user": None, "sign_in": "5/min"}
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 0
    statuses = [
        client.post(
            reverse("api:token"),
            {"email": f"someone{i}@example.org", "password": "guess guess"},
            content_type="application/json",
            REMOTE_ADDR="198.51.100.20",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        ).status_code
        for i in range(8)
    ]
    assert statuses[:5] == [403] * 5
    assert statuses[5:] == [429] * 3


def test_behind_a_trusted_proxy_each_client_has_its_own_throttle(client, db, settings):
    settings.API_THROTTLE_RATES = {"anon": None, "user": None, "sign_in": "2/min"}
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 0

    def ask(client_addr: str) -> int:
        return client.post(
            reverse("api:token"),
            {"email": "x@example.org", "password": "guess guess"},
            content_type="application/json",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=client_addr,
        ).status_code

    assert [ask("203.0.113.1") for _ in range(3)] == [403, 403, 429]
    assert ask("203.0.113.2") == 403


def test_the_audit_log_records_the_client_behind_a_trusted_proxy(client, db, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    client.post(
        reverse("accounts:login"),
        {"username": "nobody@example.org", "password": "guess guess"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.50",
    )
    failed = AuditEntry.objects.get(action=AuditEntry.Action.SIGN_IN_FAILED)
    assert failed.ip_address == "203.0.113.50"


def test_spraying_many_accounts_from_one_address_is_paused(client, db, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 10
    real = UserFactory(email="real@example.org")
    statuses = [
        client.post(
            reverse("accounts:login"),
            {"username": f"person{i}@example.org", "password": "Spring2026!"},
            REMOTE_ADDR="198.51.100.30",
        ).status_code
        for i in range(40)
    ]
    assert statuses[:10] == [200] * 10
    assert set(statuses[10:]) == {429}
    # Even a right password is refused from that address for now ...
    blocked = client.post(
        reverse("accounts:login"),
        {"username": real.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.30",
    )
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session
    # ... while another address signs in as usual.
    other = client.post(
        reverse("accounts:login"),
        {"username": real.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.31",
    )
    assert other.status_code == 302


def test_web_and_api_failures_share_the_address_limit(client, db, settings, no_throttles):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 4
    UserFactory(email="real@example.org")
    for i in range(2):
        client.post(
            reverse("accounts:login"),
            {"username": f"web{i}@example.org", "password": "Spring2026!"},
            REMOTE_ADDR="198.51.100.40",
        )
    for i in range(2):
        client.post(
            reverse("api:token"),
            {"email": f"api{i}@example.org", "password": "Spring2026!"},
            content_type="application/json",
            REMOTE_ADDR="198.51.100.40",
        )
    response = client.post(
        reverse("api:token"),
        {"email": "real@example.org", "password": PASSWORD},
        content_type="application/json",
        REMOTE_ADDR="198.51.100.40",
    )
    assert response.status_code == 429
    assert b"mf_" not in response.content
