"""A delegate downloads their own badge, and only through their own seat."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def test_a_delegate_downloads_their_own_badge(client, make_delegate, signed_in):
    me = signed_in(make_delegate(name="Kaunas Optics"))
    other = make_delegate(name="Tallinn Radar")
    response = client.get(reverse("badges:own"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Kaunas Optics" in text
    assert str(me.user) in " ".join(text.split())
    assert "Tallinn Radar" not in text and str(other.user) not in text


def test_a_delegate_cannot_open_another_badge_or_scan(client, make_delegate, signed_in):
    signed_in(make_delegate())
    other = make_delegate()
    assert client.get(reverse("console:badge_pdf", args=[other.pk])).status_code == 403
    assert client.post(reverse("console:badge_batch_start")).status_code == 403
    assert client.post(reverse("console:scan"), {"token": "anything"}).status_code == 403
    other.refresh_from_db()
    assert other.checked_in_at is None


def test_someone_without_a_seat_gets_no_badge(client, forum):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("badges:own")).status_code == 403
