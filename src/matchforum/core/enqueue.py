"""The one way a service hands work to the background worker."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django_tasks.base import Task


def enqueue_on_commit(task: Task, *ids: object) -> None:
    """Enqueue `task` with ids (or lists of ids) once the current transaction commits.

    A worker that picked the task up before the commit would not see the rows the
    service just wrote; a rolled-back transaction enqueues nothing. Outside a
    transaction the task is enqueued at once.
    """
    transaction.on_commit(partial(task.enqueue, *ids))
