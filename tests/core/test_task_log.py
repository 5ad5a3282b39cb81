"""One log line per finished task: its name, outcome and duration, no arguments."""

import logging

import pytest

from matchforum.operations.tasks import record_worker_heartbeat

pytestmark = pytest.mark.django_db


def test_a_finished_task_is_logged_with_name_outcome_and_duration(immediate_tasks, caplog):
    with caplog.at_level(logging.INFO, logger="matchforum.task"):
        record_worker_heartbeat.enqueue()
    (record,) = [r for r in caplog.records if r.name == "matchforum.task"]
    assert record.task == "matchforum.operations.tasks.record_worker_heartbeat"
    assert record.outcome == "successful"
    assert record.duration_ms is not None and record.duration_ms >= 0
