"""Sign-up answers the same whether the address has an account; the owner is told by e-mail."""

from __future__ import annotations

import re

import pytest
from django.test import TestCase

from matchforum.accounts.models import User
from matchforum.organisations.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "plausible-cobalt-harbour-17"


def _sign_up(client, email: str, organisation_name: str):
    # mail is enqueued when the sign-up's transaction commits, as in production
    with TestCase.captureOnCommitCallbacks(execute=True):
        return _post_sign_up(client, email, organisation_name)


def _post_sign_up(client, email: str, organisation_name: str):
    return client.post(
        "/accounts/sign-up/",
        {
            "organisation_name": organisation_name,
            "country": "LT",
            "kind": "producer",
            "website": "",
            "description": "Drones.",
            "full_name": "Rūta Kazlauskaitė",
            "role": "CEO",
            "email": email,
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
        follow=True,
    )


def _answer(response) -> tuple:
    page = response.content.decode()
    page = page.replace("fresh@bdw.example", "ADDRESS").replace("owner@bdw.example", "ADDRESS")
    page = re.sub(r"[A-Za-z0-9]{64}", "CSRF", page)  # the CSRF token is fresh per visitor
    return response.status_code, response.redirect_chain, page


def test_the_answer_is_the_same_for_a_new_and_a_taken_address(
    client, forum, mailoutbox, immediate_tasks, fast_hashing
):
    owner = UserFactory(email="owner@bdw.example", full_name="Owner", preferred_language="lt")
    new = _sign_up(client, "fresh@bdw.example", "Baltic Drone Works")
    client.cookies.clear()
    taken = _sign_up(client, "Owner@BDW.example".lower(), "Daugava Drones")
    assert _answer(new)[:2] == _answer(taken)[:2]
    assert _answer(new)[2] == _answer(taken)[2]
    assert "exists already" not in taken.content.decode()
    # Nothing was made for the taken address, and the owner's account is untouched.
    assert not Organisation.objects.filter(name="Daugava Drones").exists()
    assert User.objects.filter(email__iexact="owner@bdw.example").count() == 1
    owner.refresh_from_db()
    assert owner.is_active and owner.check_password("correct horse battery staple")
    # The owner hears of it, in their language, with the way to sign in.
    [to_owner] = [m for m in mailoutbox if m.to == ["owner@bdw.example"]]
    assert "/accounts/sign-in/" in to_owner.body
    [to_new] = [m for m in mailoutbox if m.to == ["fresh@bdw.example"]]
    assert to_owner.subject != to_new.subject


def test_an_unconfirmed_owner_gets_the_confirmation_link_again(
    client, forum, mailoutbox, immediate_tasks, fast_hashing
):
    _sign_up(client, "fresh@bdw.example", "Baltic Drone Works")
    client.cookies.clear()
    again = _sign_up(client, "fresh@bdw.example", "Another Name Works")
    assert again.redirect_chain[-1][0] == "/accounts/sign-up/done/"
    assert [m.to for m in mailoutbox] == [["fresh@bdw.example"], ["fresh@bdw.example"]]
    assert "/accounts/confirm/" in mailoutbox[1].body
    assert not Organisation.objects.filter(name="Another Name Works").exists()


def test_the_owner_is_told_outside_the_request(client, forum, mailoutbox, fast_hashing):
    UserFactory(email="owner@bdw.example")
    _sign_up(client, "owner@bdw.example", "Daugava Drones")
    assert mailoutbox == []
