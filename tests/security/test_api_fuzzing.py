"""Fuzz the whole API from its own OpenAPI schema, once per role (schemathesis).

Checks, for every generated request: no server error, a response that matches the
schema, and no invalid (negative) body or parameter accepted with a 2xx; and, for every
write operation, that text stored is the whole text sent.
The example count is CI-sized; raise FUZZ_EXAMPLES locally for a deeper run.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
)

from tests.factories import ApiTokenFactory
from tests.security.fuzz_values import marked, text_values
from tests.security.stored_text import stored_markers
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


WRITE_METHODS = {"post", "put", "patch"}


@functools.cache
def _components() -> dict:
    return yaml.safe_load(COMMITTED_SCHEMA.read_text())["components"]["schemas"]


def free_text_fields(operation) -> set[str]:
    """The body's free-text properties: strings with no choices, format or pattern."""
    content = operation.definition.raw.get("requestBody", {}).get("content", {})
    reference = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    properties = _components().get(reference.rsplit("/", 1)[-1], {}).get("properties", {})
    return {
        name
        for name, spec in properties.items()
        if spec.get("type") == "string"
        and not {"enum", "format", "pattern", "readOnly"} & set(spec)
    }


# Free text is written through the API by delegates (organisers start and publish runs,
# which the test above covers).
WRITERS = ["own"]


@pytest.mark.slow
@pytest.mark.parametrize("role", WRITERS)
def test_api_writes_store_the_whole_text_as(
    role, world, schema, in_process_wsgi, settings_override
):
    """Every write operation of the schema, with valid bodies built from it whose text
    fields are replaced by hostile and random text: no server error, and whatever an
    accepted write stored is the whole text sent (stored_text.py)."""
    user = world.users[role]
    ids = _object_ids(world)
    operations = [
        result.ok()
        for result in schema.get_all_operations()
        if result.ok().method.lower() in WRITE_METHODS
    ]
    assert len(operations) >= 8, "the schema lost write operations"
    failures: list[str] = []
    stored: list[str] = []
    for operation in operations:
        headers = {"Authorization": f"Token {ApiTokenFactory(user=user).raw}"}
        free_text = free_text_fields(operation)
        strategy = operation.as_strategy(
            generation_mode=GenerationMode.POSITIVE,
            path_parameters={"id": ids[operation.path]} if operation.path in ids else None,
        )

        @given(case=strategy, data=st.data())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case, data):
            sent: dict[str, str] = {}
            if isinstance(case.body, dict):
                texts = sorted(set(case.body) & free_text)  # noqa: B023 (run now)
                for name in data.draw(st.sets(st.sampled_from(texts)) if texts else st.just(())):
                    marker, case.body[name] = marked(data.draw(text_values))
                    sent[marker] = case.body[name]
            with transaction.atomic():
                response = case.call(headers=headers)  # noqa: B023 (run now)
                assert response.status_code < 500, response.text[:300]
                if response.status_code < 300:
                    found, altered = stored_markers(sent)
                    assert not altered, altered
                    if found:
                        stored.append(operation.path)  # noqa: B023 (run now)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}"[:1500])
    assert not failures, "\n\n".join(failures)
    # Which generated bodies are valid depends on the examples drawn (derandomised from
    # the test's code), so one write known to be valid is checked the same way too: the
    # test never passes without having found a stored text.
    marker, value = marked("naïve \u202etxet\u200b 🛰 «квадрокоптер»")
    response = Client().patch(
        f"/api/v1/organisations/{world.own_org.pk}/",
        data=json.dumps({"description": value}),
        content_type="application/json",
        headers={"Authorization": f"Token {ApiTokenFactory(user=user).raw}"},
    )
    assert response.status_code == 200, response.content[:300]
    found, altered = stored_markers({marker: value})
    assert found and not altered, altered
    stored.append("PATCH /api/v1/organisations/{id}/ (known valid)")
    assert stored, "no write stored any text sent: the check above proved nothing"
