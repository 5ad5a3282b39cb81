"""One JSON log line per request: route template, status, duration, no personal data."""

import json
import logging

import pytest
from django.urls import reverse

from matchforum.api.services import api_token_create
from matchforum.core.logs import JsonLineFormatter, user_ref

pytestmark = pytest.mark.django_db


def _request_lines(caplog) -> list[dict]:
    formatter = JsonLineFormatter()
    return [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.name == "matchforum.request"
    ]


def test_a_request_line_is_json_with_the_route_template_and_no_email(client, make_delegate, caplog):
    delegate = make_delegate()
    client.force_login(delegate.user)
    with caplog.at_level(logging.INFO, logger="matchforum.request"):
        client.get(reverse("marketplace:organisation", args=[delegate.organisation_id]) + "?q=x")
    (line,) = _request_lines(caplog)
    assert line["route"] == "/marketplace/organisations/<int:pk>/"
    assert line["method"] == "GET" and line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["user"] and str(delegate.user.pk) != line["user"]
    text = json.dumps(line)
    assert "@" not in text and "?q=" not in text
    assert str(delegate.organisation_id) not in line["route"]


def test_an_unknown_path_is_logged_without_the_path(client, caplog):
    with caplog.at_level(logging.INFO, logger="matchforum.request"):
        client.get("/no-such-page/4711/")
    (line,) = _request_lines(caplog)
    assert line["status"] == 404 and line["route"] == "(unmatched)"


def test_an_api_request_with_a_token_logs_the_same_pseudonym_as_a_session(
    client, make_delegate, caplog
):
    """Token users are authenticated inside the API view, after the middleware ran."""
    delegate = make_delegate()
    _token, secret = api_token_create(user=delegate.user)
    client.force_login(delegate.user)
    with caplog.at_level(logging.INFO, logger="matchforum.request"):
        client.get(reverse("marketplace:organisation", args=[delegate.organisation_id]))
    client.logout()
    with caplog.at_level(logging.INFO, logger="matchforum.request"):
        client.get(reverse("api:agenda-list"), HTTP_AUTHORIZATION=f"Token {secret}")
    session_line, token_line = _request_lines(caplog)
    assert token_line["status"] == 200
    assert token_line["user"] == session_line["user"] == user_ref(delegate.user.pk)


def test_an_api_request_with_a_bad_token_logs_no_user(client, caplog):
    with caplog.at_level(logging.INFO, logger="matchforum.request"):
        client.get(reverse("api:agenda-list"), HTTP_AUTHORIZATION="Token mf_not-a-token")
    (line,) = _request_lines(caplog)
    assert line["status"] == 401 and line["user"] is None
