"""Sign-in lockout, session rotation, security headers, throttling and the deploy check."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from matchforum.audit.models import AuditEntry
from tests.factories import ApiTokenFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


def _sign_in(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_repeated_failed_sign_ins_lock_the_account_out(client, db, settings):
    user = UserFactory(email="target@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, user.email, "wrong password").status_code == 200
    locked = _sign_in(client, user.email, "wrong password")
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content
    # Even the right password is refused while locked out.
    assert _sign_in(client, user.email, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOCKED_OUT).exists()


def test_a_lockout_of_one_account_leaves_others_alone(client, db, settings):
    victim = UserFactory(email="victim@example.org")
    other = UserFactory(email="someone@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, victim.email, "wrong password")
    assert _sign_in(client, other.email, PASSWORD).status_code == 302


def test_api_token_requests_count_towards_the_lockout(client, db, settings, no_throttles):
    user = UserFactory(email="api@example.org")
    url = reverse("api:token")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            url, {"email": user.email, "password": "nope nope"}, content_type="application/json"
        )
    response = client.post(
        url, {"email": user.email, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code in (403, 429)
    assert b"mf_" not in response.content


def test_the_session_key_changes_at_sign_in(client, db):
    user = UserFactory(email="rotate@example.org")
    client.get(reverse("accounts:login"))
    session = client.session
    session["before"] = "x"
    session.save()
    before = session.session_key
    assert _sign_in(client, user.email, PASSWORD).status_code == 302
    after = client.session.session_key
    assert after and before and after != before
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signed_in_pages_are_not_stored_and_anonymous_ones_may_be(client, db):
    anonymous = client.get(reverse("core:home"))
    assert "no-store" not in anonymous.get("Cache-Control", "")
    client.force_login(UserFactory())
    signed_in = client.get(reverse("core:home"))
    assert "no-store" in signed_in["Cache-Control"]
    assert "private" in signed_in["Cache-Control"]


def test_content_security_policy_allows_only_our_own_scripts(client, db):
    policy = client.get(reverse("core:home"))["Content-Security-Policy"]
    directives = dict(
        (*part.strip().split(" ", 1), "")[:2] for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"


TEMPLATE_DIRS = [ROOT / "src" / "matchforum"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


def test_templates_have_no_inline_scripts_handlers_or_styles():
    offenders = []
    for base in TEMPLATE_DIRS:
        for path in base.rglob("templates/**/*.html"):
            text = path.read_text()
            for pattern, what in (
                (INLINE_SCRIPT, "inline <script>"),
                (INLINE_HANDLER, "on…= handler"),
                (INLINE_STYLE, "style= attribute"),
            ):
                if pattern.search(text):
                    offenders.append(f"{path.relative_to(ROOT)}: {what}")
    assert not offenders, "CSP forbids these (move them to static files): " + "; ".join(offenders)


def test_the_api_is_throttled(client, db, settings):
    settings.API_THROTTLE_RATES = {"anon": "3/min", "user": "5/min", "sign_in": "2/min"}
    cache.clear()
    token = ApiTokenFactory()
    auth = {"HTTP_AUTHORIZATION": f"Token {token.raw}"}
    statuses = [client.get("/api/v1/organisations/", **auth).status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]
    token_requests = [
        client.post(
            reverse("api:token"), {"email": "x@example.org"}, content_type="application/json"
        ).status_code
        for _ in range(3)
    ]
    assert token_requests == [400, 400, 429]


def test_a_hashed_token_authenticates_and_only_its_hash_is_stored(client, db, no_throttles):
    UserFactory(email="tok@example.org")
    response = client.post(
        reverse("api:token"),
        {"email": "tok@example.org", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 201
    raw = response.json()["token"]
    from matchforum.api.models import ApiToken

    stored = ApiToken.objects.get()
    assert raw not in (stored.key_hash, stored.prefix)
    assert (
        client.get("/api/v1/organisations/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 200
    )
    bad = client.get("/api/v1/organisations/", HTTP_AUTHORIZATION=f"Token {raw}x")
    assert bad.status_code == 401


def _production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update(
        {
            "PYTHONPATH": str(ROOT / "src"),
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "forum.example.org",
        }
    )
    return env


@pytest.mark.slow
def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = _production_env() | {"MATCHFORUM_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_when_hardening_is_switched_off(tmp_path):
    """The check above can fail: without HSTS the same command reports a warning."""
    env = _production_env() | {"MATCHFORUM_VAR_DIR": str(tmp_path), "SECURE_HSTS_SECONDS": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr
