"""Migrations under a lock, so that several servers starting at once do not race.

On PostgreSQL the first caller takes a session-level advisory lock and migrates; the others
wait for the lock, then find nothing left to apply. SQLite has one writer anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections

# An arbitrary constant of this project: pg_advisory_lock keys are bigints shared by
# everything that uses the same database.
MIGRATION_LOCK_KEY = 0x6D66_6D69_6772  # "mfmigr"


def migrations_apply_locked(
    *, migrate: Callable[[], None], on_wait: Callable[[], None] | None = None
) -> bool:
    """Run migrate while holding the migration lock; True when it had to wait for it."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        migrate()
        return False
    waited = False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [MIGRATION_LOCK_KEY])
        if not cursor.fetchone()[0]:
            waited = True
            if on_wait is not None:
                on_wait()
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_KEY])
    try:
        # migrate runs on this same connection (the session that holds the lock).
        migrate()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_KEY])
    return waited
