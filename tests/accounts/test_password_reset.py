"""Password reset: Django's views, the same answer for any address, one-time expiring links."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation

from matchforum.accounts.tokens import password_reset_token_generator
from matchforum.api.models import ApiToken
from tests.factories import ApiTokenFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

NEW_PASSWORD = "tidal-basalt-lantern-42"
OLD_PASSWORD = "correct horse battery staple"


def _ask(client, email: str, **extra):
    # the mail is enqueued when the request's transaction commits, as in production
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email}, **extra)


def _link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/password-reset/\S+/", message.body).group(0)


def _set_new_password(client, link: str):
    page = client.get(link, follow=True)
    assert page.context["validlink"], "the link should open the form"
    form_url = page.redirect_chain[-1][0]
    return client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def _neutral(response) -> tuple:
    page = re.sub(r"[A-Za-z0-9]{64}", "CSRF", response.content.decode())
    return response.status_code, response.get("Location"), page


def test_the_usual_pages_exist_and_the_sign_in_page_links_them(client):
    assert client.get(reverse("accounts:password_reset")).status_code == 200
    assert client.get(reverse("accounts:password_reset_done")).status_code == 200
    assert client.get(reverse("accounts:password_reset_complete")).status_code == 200
    login = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in login


def test_the_answer_is_the_same_whether_the_address_has_an_account(
    client, mailoutbox, immediate_tasks
):
    UserFactory(email="known@example.org")
    known = _ask(client, "known@example.org")
    unknown = _ask(client, "nobody@example.org")
    assert known.status_code == 302
    assert _neutral(known) == _neutral(unknown)
    followed = client.get(known["Location"])
    assert followed.status_code == 200
    assert [m.to for m in mailoutbox] == [["known@example.org"]]


def test_the_link_points_at_the_site_whatever_the_host_header_says(
    client, mailoutbox, immediate_tasks, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://forum.example.org"
    UserFactory(email="known@example.org")
    _ask(client, "known@example.org", HTTP_HOST="evil.example")
    assert _link_in(mailoutbox[0]).startswith("https://forum.example.org/accounts/")
    assert "evil.example" not in mailoutbox[0].body


def test_no_email_is_sent_inside_the_request(client, mailoutbox):
    UserFactory(email="known@example.org")
    _ask(client, "known@example.org")
    assert mailoutbox == []


def test_a_link_sets_a_new_password_once_and_ends_api_tokens(client, mailoutbox, immediate_tasks):
    user = UserFactory(email="known@example.org")
    token = ApiTokenFactory(user=user)
    _ask(client, "KNOWN@example.org")
    link = _link_in(mailoutbox[0])
    done = _set_new_password(client, link)
    assert done.status_code == 302 and done["Location"] == reverse(
        "accounts:password_reset_complete"
    )
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    # The same link does not work twice.
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    assert "This password reset link is not valid" in again.content.decode()


def _link_issued_minutes_ago(user, minutes: int) -> str:
    """A real reset link, as the generator would have made it `minutes` ago."""
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    generator = password_reset_token_generator
    issued = generator._num_seconds(generator._now()) - minutes * 60
    token = generator._make_token_with_timestamp(user, issued, generator.secret)
    return reverse(
        "accounts:password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token},
    )


def test_the_link_expires(settings):
    user = UserFactory(email="known@example.org")
    settings.PASSWORD_RESET_LINK_MINUTES = 30
    fresh = Client().get(_link_issued_minutes_ago(user, 29), follow=True)
    assert fresh.context["validlink"] is True
    stale = Client().get(_link_issued_minutes_ago(user, 31), follow=True)
    assert stale.context["validlink"] is False


def test_a_confirmation_token_is_not_a_reset_token(client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = UserFactory(email="known@example.org")
    forged = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    assert client.get(forged, follow=True).context["validlink"] is False


def test_requests_are_limited_per_address_and_per_email(
    client, mailoutbox, immediate_tasks, settings
):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 2
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 4
    UserFactory(email="known@example.org")
    statuses = [_ask(client, "known@example.org").status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert len(mailoutbox) == 2
    # The same for an address without an account: the limit tells nothing either.
    cache.clear()
    statuses = [_ask(client, "nobody@example.org").status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    # Many addresses from one network address.
    cache.clear()
    statuses = [
        _ask(client, f"person{i}@example.org", REMOTE_ADDR="198.51.100.9").status_code
        for i in range(5)
    ]
    assert statuses == [302, 302, 302, 302, 429]
    assert _ask(client, "other@example.org", REMOTE_ADDR="198.51.100.10").status_code == 302


@pytest.mark.parametrize(
    ("language", "subject"),
    [("uk", "Скинути пароль"), ("lt", "Atkurti slaptažodį"), ("pl", "Zresetuj hasło")],
)
def test_the_email_and_pages_are_in_the_persons_language(
    client, mailoutbox, immediate_tasks, language, subject
):
    UserFactory(email="known@example.org", preferred_language=language)
    _ask(client, "known@example.org")
    assert mailoutbox[0].subject == subject
    with translation.override(language):
        page = Client(HTTP_ACCEPT_LANGUAGE=language).get(reverse("accounts:password_reset"))
    assert subject in page.content.decode()


def test_an_inactive_or_deleted_account_gets_no_link(client, mailoutbox, immediate_tasks):
    UserFactory(email="gone@example.org", is_active=False)
    _ask(client, "gone@example.org")
    assert mailoutbox == []
