"""Helpers to race service calls in real threads, each with its own database connection."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

# Connections waiting for a lock that this connection holds.
BLOCKED_BY_ME = (
    "SELECT count(*) FROM pg_locks "
    "WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
)


def race(attempts: list[Callable[[], object]]) -> Counter:
    """Run the attempts in threads released at once; count outcomes by kind.

    "success", "refused" (a ValidationError or PermissionDenied: a clean refusal), or
    "error:<type>:<message>" for anything else (an IntegrityError leaking, a deadlock …).
    """
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(attempt):
        try:
            barrier.wait(timeout=60)
            attempt()
            outcome = "success"
        except (ValidationError, PermissionDenied):
            outcome = "refused"
        except Exception as exc:
            outcome = f"error:{type(exc).__name__}:{exc}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=worker, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(outcomes)


def backends_blocked_by_this_one(*, at_least: int = 1, within_seconds: float = 30) -> int:
    """Wait (inside this thread's open transaction) until `at_least` other connections
    wait for a lock this one holds; return how many do (0 if none came in time).

    Not a timing assertion: the wait only keeps the transaction open long enough for the
    competitors to arrive, so a test can show that the attempts really overlapped.
    """
    deadline = time.monotonic() + within_seconds
    blocked = 0
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(BLOCKED_BY_ME)
            blocked = cursor.fetchone()[0]
        if blocked >= at_least:
            return blocked
        time.sleep(0.01)
    return blocked


class FirstCallerHolds:
    """Wrap a function a service calls inside its transaction, before it commits: the first
    caller keeps its transaction open until another attempt waits for one of its locks,
    then goes on. `blocked` records how many were waiting: proof that the attempts overlapped.
    """

    def __init__(self, inner: Callable[..., Any]):
        self.inner = inner
        self.blocked: int | None = None
        self._lock = threading.Lock()
        self._taken = False

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            first, self._taken = not self._taken, True
        if first:
            self.blocked = backends_blocked_by_this_one()
        return self.inner(*args, **kwargs)


class AllCallersMeet:
    """Wrap a function a service calls inside its transaction: every caller waits there
    until all `parties` have arrived, so none commits before all have checked and written."""

    def __init__(self, inner: Callable[..., Any], parties: int):
        self.inner = inner
        self.barrier = threading.Barrier(parties, timeout=60)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.barrier.wait()
        return self.inner(*args, **kwargs)
