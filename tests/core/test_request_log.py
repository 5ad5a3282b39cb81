"""One JSON log line per request: route template, status, duration, no personal data."""

import json
import logging

import pytest
from django.urls import reverse

from matchforum.core.logs import JsonLineFormatter

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
