"""The web's meeting selectors read through tenant scoping, like the API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from matchforum.meetings.selectors import (
    request_received_by,
    request_sent_by,
    requests_inbox,
    requests_outbox,
)
from tests.factories import MeetingRequestFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "matchforum"

pytestmark = pytest.mark.django_db


def test_an_outsider_naming_another_organisation_gets_none_of_its_requests(forum, make_delegate):
    sender, recipient, outsider = make_delegate(), make_delegate(), make_delegate()
    item = MeetingRequestFactory(
        sender=sender, recipient_organisation=recipient.organisation, forum=forum
    )
    own = {"user": recipient.user, "forum": forum, "organisation": recipient.organisation}
    assert list(requests_inbox(**own)) == [item]
    assert request_received_by(**own, pk=item.pk) == item
    theirs = {"user": outsider.user, "forum": forum, "organisation": recipient.organisation}
    assert list(requests_inbox(**theirs)) == []
    assert request_received_by(**theirs, pk=item.pk) is None
    sent = {"user": outsider.user, "forum": forum, "organisation": sender.organisation}
    assert list(requests_outbox(**sent)) == []
    assert request_sent_by(**sent, pk=item.pk) is None


def test_an_organiser_reads_any_inbox(forum, make_delegate, organiser):
    sender, recipient = make_delegate(), make_delegate()
    item = MeetingRequestFactory(
        sender=sender, recipient_organisation=recipient.organisation, forum=forum
    )
    assert list(
        requests_inbox(user=organiser, forum=forum, organisation=recipient.organisation)
    ) == [item]


def test_only_the_scope_rules_call_the_organisation_visibility_rule():
    """Web selectors and views use `scoped(Organisation, ...)`, not the rule's building block."""
    callers = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == (
                "organisations_visible_to"
            ):
                callers.append(str(path.relative_to(SRC)))
    assert set(callers) <= {"core/tenancy_rules.py", "organisations/selectors.py"}
