"""Shared fixtures of the browser tests: Debian's chromium driven by Playwright (sync API).

Playwright's sync API runs an event loop in the test thread, so Django's ORM calls made by
the test itself need DJANGO_ALLOW_ASYNC_UNSAFE (the live server runs in its own thread).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(autouse=True)
def capability_tracks(transactional_db):
    """Every browser test starts with the seeded taxonomy, whatever an earlier test flushed."""
    from matchforum.forums.services import capability_tracks_seed

    capability_tracks_seed()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Open browser contexts (one per person); all are closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(viewport=DESKTOP, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot of a page at phone and desktop widths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(page, name: str) -> None:
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size(DESKTOP)

    return shoot


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Browser tests use a file-based SQLite test database (not in-memory), so that a real
    task worker started as a subprocess (see `task_worker`) reaches the same database."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})
        database["TEST"]["NAME"] = str(tmp_path_factory.mktemp("e2e-db") / "test.sqlite3")


@pytest.fixture
def task_worker(live_server, tmp_path):
    """The real `manage.py db_worker`, as a subprocess against the live server's database."""
    import subprocess
    import sys

    from django.conf import settings
    from django.db import connection

    database = settings.DATABASES["default"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    if database["ENGINE"] == "django.db.backends.sqlite3":
        env["DATABASE_URL"] = f"sqlite:///{connection.settings_dict['NAME']}"
    else:
        params = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST']}:"
            f"{params['PORT']}/{params['NAME']}"
        )
    env.update(
        MATCHFORUM_VAR_DIR=str(tmp_path / "var"),
        DEBUG="1",
        SITE_URL=live_server.url,
        TASKS_BACKEND=("django_tasks_db.DatabaseBackend"),
    )
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.2",
            "--no-reload",
            "--no-startup-delay",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
