"""The container recipe, checked without a container engine (this machine has none).

compose.yaml is parsed as Compose reads it (YAML with merge keys) and its structure
checked; the Dockerfile must install through scripts/install.sh, the same script that
`make install` runs, so the image is built the tested way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("migrate", "web", "worker", "scheduler")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_runs_the_whole_stack(compose):
    services = compose["services"]
    assert set(services) == {"db", "proxy", *APP_SERVICES}
    assert services["db"]["image"].startswith("postgres:")
    assert services["proxy"]["image"].startswith("caddy:")
    assert services["worker"]["command"][-1] == "db_worker"
    assert services["scheduler"]["command"][-1] == "run_scheduler"
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate_locked", "--noinput"]
    assert "command" not in services["web"]  # the image's default: gunicorn
    for name in APP_SERVICES:
        assert services[name]["build"] == "."
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgres://")
        assert "@db:5432/" in services[name]["environment"]["DATABASE_URL"]


def test_the_database_and_the_uploads_live_in_volumes(compose):
    services = compose["services"]
    assert {"database", "media"} <= set(compose["volumes"])
    assert "database:/var/lib/postgresql/data" in services["db"]["volumes"]
    media_root = services["web"]["environment"]["MATCHFORUM_VAR_DIR"] + "/media"
    for name in ("web", "worker"):
        assert f"media:{media_root}" in services[name]["volumes"]


def test_services_start_in_order(compose):
    services = compose["services"]
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    for name in ("web", "worker", "scheduler"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    assert services["db"]["healthcheck"]["test"][1] == "pg_isready"


def test_health_checks_ask_health_ready(compose):
    services = compose["services"]
    for name in ("web", "worker", "scheduler"):
        test = services[name]["healthcheck"]["test"]
        assert test[:3] == ["CMD", "python", "-c"]
        compile(test[3], f"{name} healthcheck", "exec")  # the probe is valid Python
        assert "/health/ready" in test[3]
    for name in ("worker", "scheduler"):  # no web server in these containers
        assert services[name]["environment"]["READY_URL"] == "http://web:8000/health/ready"


def test_every_variable_compose_needs_is_in_the_example_environment():
    used = set(re.findall(r"\$\{(\w+)\}", (ROOT / "compose.yaml").read_text()))
    example = (ROOT / "deploy" / "env.example").read_text()
    defined = set(re.findall(r"^(\w+)=", example, flags=re.MULTILINE))
    assert used and used <= defined
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "{$MATCHFORUM_DOMAIN}" in caddyfile and "reverse_proxy web:8000" in caddyfile


def test_the_image_installs_as_make_install_does_and_runs_unprivileged():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, flags=re.MULTILINE)
    assert "sh scripts/install.sh" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "WEB_CONCURRENCY:-$(nproc)" in dockerfile and "--threads 1" in dockerfile
    makefile = (ROOT / "Makefile").read_text()
    assert "sh scripts/install.sh" in makefile
    # Secrets and local data never enter the image.
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".env", ".venv", "var", ".git"} <= set(ignored)
