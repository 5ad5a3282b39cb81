"""Every route × every role answers the status the matrix expects."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.matrix import case_id, cases

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_route_answers_the_expected_status(case, world, no_throttles):
    name, op, role = case
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=op.kwargs(world))
    body = op.body(world) if op.body else None
    if op.form:
        response = client.generic(
            op.method, url, data="", content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.generic(
            op.method,
            url,
            data=json.dumps(body) if body is not None else "",
            content_type="application/json",
        )
    expected = op.expect[role]
    assert response.status_code == expected, (
        f"{op.method} {url} as {role}: {response.status_code} (expected {expected}): "
        f"{response.content[:300]!r}"
    )
