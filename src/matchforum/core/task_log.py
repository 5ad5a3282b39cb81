"""One log line per finished background task: its name, outcome and duration.

django-tasks sends `task_finished` in the worker after each task (and the immediate backend
after each call); the arguments and the return value are never logged.
"""

from __future__ import annotations

import logging

from django_tasks.signals import task_finished

logger = logging.getLogger("matchforum.task")


def log_task_finished(sender, task_result, **kwargs) -> None:
    started = task_result.started_at
    finished = task_result.finished_at
    duration_ms = (
        round((finished - started).total_seconds() * 1000, 1) if started and finished else None
    )
    name = task_result.task.module_path
    outcome = str(task_result.status).lower()
    logger.info(
        "task %s %s %s ms",
        name,
        outcome,
        duration_ms,
        extra={"event": "task", "task": name, "outcome": outcome, "duration_ms": duration_ms},
    )


def connect() -> None:
    task_finished.connect(log_task_finished, dispatch_uid="matchforum_task_log")
