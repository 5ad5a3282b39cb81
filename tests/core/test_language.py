"""Signing in remembers the language of that request, never one left over in the thread."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from tests.factories import UserFactory


@pytest.mark.django_db
def test_a_sign_in_outside_a_browsing_request_saves_no_language():
    user = UserFactory(preferred_language="")
    # An earlier request served in Ukrainian leaves Ukrainian active in this thread.
    translation.activate("uk")
    try:
        Client().force_login(user)
    finally:
        translation.deactivate()
    user.refresh_from_db()
    assert user.preferred_language == ""


@pytest.mark.django_db
def test_a_sign_in_saves_the_request_language_not_the_threads(forum):
    user = UserFactory(preferred_language="")
    client = Client()
    translation.activate("uk")
    try:
        client.post(
            "/accounts/sign-in/",
            {"username": user.email, "password": "correct horse battery staple"},
            HTTP_ACCEPT_LANGUAGE="lv",
        )
    finally:
        translation.deactivate()
    user.refresh_from_db()
    assert user.preferred_language == "lv"
