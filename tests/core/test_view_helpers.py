"""The one role check, the one current-forum helper and the one way to show a service error."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory

from matchforum.core.forms import (
    form_add_service_error,
    message_service_error,
    service_error_text,
)
from matchforum.core.permissions import require_organiser
from matchforum.core.shortcuts import forum_or_404, request_forum
from matchforum.forums.models import Forum
from tests.factories import forum_build

SRC = Path(__file__).resolve().parents[2] / "src" / "matchforum"

pytestmark = pytest.mark.django_db


def test_require_organiser_refuses_a_delegate_and_lets_an_organiser_through(
    organiser, make_delegate
):
    with pytest.raises(PermissionDenied):
        require_organiser(make_delegate().user)
    require_organiser(organiser)


def test_the_organiser_check_is_written_once():
    """No app keeps a private copy of the rule (it was written three times)."""
    copies = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.lstrip("_") in {
                "require_organiser",
                "require_moderator",
            }:
                copies.append(f"{path.relative_to(SRC)}:{node.name}")
    assert copies == ["core/permissions.py:require_organiser"]


def test_forum_or_404_without_a_forum_is_not_found(settings):
    settings.FORUM_CACHE_SECONDS = 0
    with pytest.raises(Http404):
        forum_or_404(RequestFactory().get("/"))


def test_request_forum_is_read_once_per_request(settings):
    settings.FORUM_CACHE_SECONDS = 0
    first = forum_build()
    request = RequestFactory().get("/")
    assert request_forum(request) == first
    Forum.objects.filter(pk=first.pk).update(is_active=False)
    # The same request keeps its answer; the next request reads again.
    assert forum_or_404(request) == first
    assert request_forum(RequestFactory().get("/")) is None


class _Form(forms.Form):
    title = forms.CharField()


def test_a_service_error_naming_a_field_shows_on_that_field():
    form = _Form({"title": "x"})
    assert form.is_valid()
    form_add_service_error(form, ValidationError({"title": "Too short.", "other": "Elsewhere."}))
    assert form.errors["title"] == ["Too short."]
    assert form.non_field_errors() == ["Elsewhere."]


def test_a_service_error_without_a_field_shows_above_the_form():
    form = _Form({"title": "x"})
    assert form.is_valid()
    form_add_service_error(form, ValidationError(["First.", "Second."]))
    assert form.non_field_errors() == ["First.", "Second."]


def test_a_service_error_of_an_action_without_a_form_is_a_message():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    message_service_error(request, ValidationError(["Taken.", "Try another slot."]))
    assert [str(m) for m in get_messages(request)] == ["Taken. Try another slot."]


def test_a_refusal_reads_as_its_message():
    assert service_error_text(PermissionDenied("Not yours.")) == "Not yours."
    assert service_error_text(ValidationError({"title": ["Too short."]})) == "Too short."


def test_views_show_service_errors_only_through_the_helpers():
    """`form.add_error(None, exc.messages)` and `" ".join(exc.messages)` are gone from views."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if "views" not in path.parts and path.name != "views.py":
            continue
        text = path.read_text(encoding="utf-8")
        if '" ".join(' in text or (".messages)" in text and "add_error(None" in text):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []
