"""The committed OpenAPI document (docs/openapi.yaml) is the one the code generates."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import translation

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


def generated_schema() -> str:
    out = StringIO()
    # In English, as `make schema` writes it, whatever language an earlier test's request
    # left active in this thread.
    with translation.override("en"):
        call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    return out.getvalue()


def test_committed_schema_matches_the_generated_one():
    assert COMMITTED.read_text() == generated_schema(), (
        "docs/openapi.yaml is stale: run `make schema` and commit it."
    )


def test_schema_and_docs_are_served_without_a_cdn(client, db):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/meeting-requests/{id}/accept/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"drf_spectacular_sidecar/swagger-ui-dist" in docs.content
    assert b"cdn" not in docs.content.lower()
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert b"SwaggerUIBundle" in script.content
