"""Malformed request bodies get a 400 with a message, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client

DEEP = '{"a":' * 5000 + "1" + "}" * 5000
SHALLOW_BUT_OVER_THE_LIMIT = '{"a":' * 40 + "1" + "}" * 40
UNTERMINATED = '{"a":' * 5000

BODIES = {
    "deeply nested": DEEP,
    "deeply nested list": "[" * 5000 + "]" * 5000,
    "unterminated deep": UNTERMINATED,
    "over the depth limit": SHALLOW_BUT_OVER_THE_LIMIT,
    "not json": "{'email': nope",
    "not utf-8": b"\xff\xfe{\x00",
    "nul in a nested key": '{"title": "x", "tracks": [{"\\u0000": 1}]}',
}
PATHS = ["/api/v1/auth/token/", "/api/v1/profiles/"]


def _client(world, signed_in: bool) -> Client:
    if signed_in:
        return Client(HTTP_AUTHORIZATION=f"Token {world.own_token.raw}")
    return Client()


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_a_malformed_body_is_a_bad_request(world, path, body, signed_in):
    response = _client(world, signed_in).post(path, body, content_type="application/json")
    if path == "/api/v1/profiles/" and not signed_in:
        # Authentication comes first: the body of an anonymous write is never read.
        assert response.status_code == 401
        return
    assert response.status_code == 400
    assert response.json()["detail"]


def test_the_answer_to_a_deep_body_says_why(world):
    response = Client().post("/api/v1/auth/token/", DEEP, content_type="application/json")
    assert "nested too deeply" in response.json()["detail"]


def test_a_body_within_the_depth_limit_is_read(world):
    nested = '{"a":' * 10 + "1" + "}" * 10
    body = '{"email": "nobody@example.org", "password": "wrong", "name": ' + nested + "}"
    response = Client().post("/api/v1/auth/token/", body, content_type="application/json")
    # Read and refused on its merits (the name is not text), not as malformed JSON.
    assert response.status_code == 400
    assert "name" in response.json()
