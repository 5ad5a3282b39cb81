"""Fuzz the whole API from its own OpenAPI schema, once per role (schemathesis).

Checks, for every generated request: no server error, a response that matches the
schema, and no invalid (negative) body or parameter accepted with a 2xx.
The example count is CI-sized; raise FUZZ_EXAMPLES locally for a deeper run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
)

from tests.factories import ApiTokenFactory
from tests.security.world import ROLES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
COMMITTED_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
CHECKS = [not_a_server_error, response_schema_conformance, negative_data_rejection]


@pytest.fixture(scope="module")
def schema():
    """The committed schema (tests/api/test_schema.py proves it is the generated one)."""
    loaded = schemathesis.openapi.from_path(str(COMMITTED_SCHEMA))
    loaded.app = get_wsgi_application()
    return loaded


@pytest.fixture
def in_process_wsgi(db):
    """Serve requests inside this test's transaction.

    Django's handler closes "obsolete" connections at each request, which would end
    the test's transaction; the test client switches that off, and so do we.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _object_ids(world) -> dict[str, int]:
    return {
        "/api/v1/organisations/{id}/": world.own_org.pk,
        "/api/v1/profiles/{id}/": world.own_profile.pk,
        "/api/v1/meeting-requests/{id}/": world.request_in.pk,
        "/api/v1/meeting-requests/{id}/accept/": world.request_in.pk,
        "/api/v1/meeting-requests/{id}/decline/": world.request_in.pk,
        "/api/v1/meeting-requests/{id}/withdraw/": world.request_out.pk,
        "/api/v1/meetings/{id}/": world.meeting.pk,
        "/api/v1/schedules/{id}/": world.version.pk,
        "/api/v1/scheduling-runs/{id}/": world.run.pk,
        "/api/v1/recommendations/{id}/": world.recommendation.pk,
        "/api/v1/recommendations/{id}/dismiss/": world.recommendation.pk,
        "/api/v1/dismissals/{id}/": world.dismissal.pk,
    }


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_fuzz_the_api_as(role, world, schema, in_process_wsgi, settings_override):
    user = world.users[role]
    ids = _object_ids(world)
    if user is not None:
        ids["/api/v1/auth/tokens/{id}/"] = ApiTokenFactory(user=user, name="spare").pk
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, "the schema lost operations"
    failures: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            # A fresh token each time: revoking the current token is one of the operations.
            headers = {}
            if user is not None:
                headers["Authorization"] = f"Token {ApiTokenFactory(user=user).raw}"
            # Positive cases aim at real objects of the world; negative ones fuzz the id too.
            fixed = mode is GenerationMode.POSITIVE and operation.path in ids
            strategy = operation.as_strategy(
                generation_mode=mode,
                path_parameters={"id": ids[operation.path]} if fixed else None,
            )

            @given(case=strategy)
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def run(case):
                case.call_and_validate(headers=headers, checks=CHECKS)  # noqa: B023 (run now)

            try:
                run()
            except Unsatisfiable:
                continue  # nothing in this operation can be made invalid
            except (Exception, BaseExceptionGroup) as exc:  # collect all, report together
                failures.append(
                    f"{operation.method.upper()} {operation.path} [{mode.value}]: {exc}"
                )
    assert not failures, "\n\n".join(failures)


@pytest.fixture
def settings_override(settings, no_throttles):
    settings.AXES_ENABLED = False
