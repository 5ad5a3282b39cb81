"""The data migration that turned the global organiser and vetting-officer flags into seats
on each forum's chair team (forums 0006), forwards and backwards."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from matchforum.forums.models import CommitteeMembership, CommitteeRole

BEFORE = [("accounts", "0001_initial"), ("forums", "0005_joint_committee")]


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_global_flags_become_chair_seats_and_come_back_when_undone():
    executor = _executor()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    users = old.get_model("accounts", "User")
    forums = old.get_model("forums", "Forum")
    organiser = users.objects.create(email="org@example.org", password="!", is_organiser=True)
    officer = users.objects.create(email="vet@example.org", password="!", is_vetting_officer=True)
    users.objects.create(email="delegate@example.org", password="!")
    for slug in ("first", "second"):
        forums.objects.create(
            name=slug, slug=slug, starts_on=dt.date(2027, 3, 16), ends_on=dt.date(2027, 3, 17)
        )

    executor = _executor()
    executor.migrate(executor.loader.graph.leaf_nodes())
    seats = set(
        CommitteeMembership.objects.values_list(
            "team__forum__slug", "team__country", "user_id", "role"
        )
    )
    assert seats == {
        (slug, "", user.pk, role)
        for slug in ("first", "second")
        for user, role in (
            (organiser, CommitteeRole.ORGANISER),
            (officer, CommitteeRole.VETTING_OFFICER),
        )
    }

    executor = _executor()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    flags = dict(old.get_model("accounts", "User").objects.values_list("email", "is_organiser"))
    assert flags == {
        "org@example.org": True,
        "vet@example.org": False,
        "delegate@example.org": False,
    }
    assert old.get_model("accounts", "User").objects.get(email="vet@example.org").is_vetting_officer

    executor = _executor()
    executor.migrate(executor.loader.graph.leaf_nodes())
