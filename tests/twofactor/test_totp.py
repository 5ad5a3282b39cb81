"""Optional TOTP for organisers and vetting officers: enrol, then a code at every sign-in."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


pytestmark = pytest.mark.usefixtures("no_throttles", "fast_hashing")


def code(device: TOTPDevice, drift: int = 0) -> str:
    """The app's code; drift=1 is the next time step's (a used code is never accepted twice)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{value:06d}"


def enrolled(client: Client, user) -> TOTPDevice:
    client.force_login(user)
    page = client.get(reverse("twofactor:enrol"))
    assert page.status_code == 200
    assert b"otpauth://totp/" in page.content and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("twofactor:enrol"), {"action": "confirm", "token": "000000"})
    assert "not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()  # django-otp delays the next try after a wrong code
    client.post(reverse("twofactor:enrol"), {"action": "confirm", "token": code(device)})
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_an_organiser_enrols_and_then_must_give_a_code_after_the_password(db):
    organiser = UserFactory(email="org@example.org", is_organiser=True)
    device = enrolled(Client(), organiser)
    client = Client()
    signed_in = client.post(
        reverse("accounts:login"), {"username": organiser.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    home = client.get(reverse("core:home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("twofactor:verify"))
    bad = client.post(reverse("twofactor:verify"), {"token": "123456", "next": "/"})
    assert "not right" in bad.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    replayed = client.post(reverse("twofactor:verify"), {"token": code(device), "next": "/"})
    assert replayed.status_code == 200  # the enrolment's code cannot be used again
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(reverse("twofactor:verify"), {"token": code(device, 1), "next": "/"})
    assert ok.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_without_a_device_nothing_changes(db):
    officer = UserFactory(email="vet@example.org", is_vetting_officer=True)
    client = Client()
    client.post(reverse("accounts:login"), {"username": officer.email, "password": PASSWORD})
    assert client.get(reverse("core:home")).status_code == 200


def test_delegates_cannot_enrol(db):
    client = Client()
    client.force_login(UserFactory())
    assert client.get(reverse("twofactor:enrol")).status_code == 403


def test_api_tokens_need_the_code_when_a_device_is_enrolled(db):
    organiser = UserFactory(email="api-org@example.org", is_organiser=True)
    device = enrolled(Client(), organiser)
    client = Client()
    url = reverse("api:token")
    body = {"email": organiser.email, "password": PASSWORD}
    assert client.post(url, body, content_type="application/json").status_code == 403
    device.refresh_from_db()
    device.throttle_reset()
    with_code = client.post(url, body | {"otp": code(device, 1)}, content_type="application/json")
    assert with_code.status_code == 201, with_code.content
