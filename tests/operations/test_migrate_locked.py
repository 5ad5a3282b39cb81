"""manage.py migrate_locked: one server migrates while the others wait for the lock."""

from __future__ import annotations

import io
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections

from matchforum.operations.migrating import MIGRATION_LOCK_KEY


@pytest.mark.django_db
def test_migrate_locked_migrates():
    out = io.StringIO()
    call_command("migrate_locked", "--noinput", stdout=out)
    assert "No migrations to apply" in out.getvalue()


def advisory_waiters() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND objid = %s",
            [MIGRATION_LOCK_KEY & 0xFFFFFFFF],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="advisory locks are PostgreSQL's; runs on the PostgreSQL leg of `make test`",
)
def test_a_second_server_waits_for_the_first_servers_migrations():
    with connection.cursor() as cursor:  # the first server, still migrating
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_KEY])
    out = io.StringIO()
    errors: list[BaseException] = []

    def second_server() -> None:
        try:
            call_command("migrate_locked", "--noinput", stdout=out)
        except BaseException as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=second_server)
    thread.start()
    try:
        for _ in range(600):  # until the second server is seen waiting on the lock
            if advisory_waiters() or not thread.is_alive():
                break
            time.sleep(0.1)
        assert advisory_waiters() == 1
        assert thread.is_alive()
        assert "No migrations to apply" not in out.getvalue()
        assert "waiting for it to finish" in out.getvalue()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_KEY])
        thread.join(timeout=300)
    assert not errors
    assert "No migrations to apply" in out.getvalue()
    with connection.cursor() as cursor:  # the second server let the lock go
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [MIGRATION_LOCK_KEY])
        assert cursor.fetchone()[0]
        cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_KEY])
