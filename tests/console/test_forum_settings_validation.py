"""Every forum setting is validated when it is saved: a refused value changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from matchforum.forums.models import Forum

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Baltic–Ukrainian Defence Forum",
    "starts_on": "2027-03-16",
    "ends_on": "2027-03-17",
    "time_zone": "Europe/Vilnius",
    "languages": ["en", "uk", "lt"],
    "max_requests_per_delegate": "25",
    "max_meetings_per_delegate": "12",
    "request_expiry_hours": "48",
    "online_capacity_per_slot": "4",
    "online_meeting_url_template": "https://meet.example.org/forum/{meeting}",
}


def _post(client, organiser, **changes):
    client.force_login(organiser)
    return client.post(reverse("console:setup"), {**VALID, **changes})


def _unchanged(forum: Forum) -> bool:
    before = {f.attname: getattr(forum, f.attname) for f in Forum._meta.concrete_fields}
    forum.refresh_from_db()
    after = {f.attname: getattr(forum, f.attname) for f in Forum._meta.concrete_fields}
    return before == after


def test_an_unknown_time_zone_is_a_form_error_and_nothing_is_saved(client, forum, organiser):
    response = _post(client, organiser, time_zone="Mars/Olympus", name="Renamed")
    assert response.status_code == 200
    assert "is not a known time zone" in response.content.decode()
    assert "settings are saved" not in response.content.decode()
    assert _unchanged(forum)
    # The page that crashed on such a zone still opens.
    assert client.get(reverse("console:sessions")).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("request_expiry_hours", "0"),
        ("request_expiry_hours", "-5"),
        ("request_expiry_hours", "100000"),
        ("max_requests_per_delegate", "0"),
        ("max_meetings_per_delegate", "0"),
        ("online_capacity_per_slot", "-1"),
        ("online_capacity_per_slot", "99999"),
        ("online_meeting_url_template", "javascript:alert(1)//{meeting}"),
        ("online_meeting_url_template", "meet {meeting} somewhere"),
        ("languages", ["xx"]),
        ("languages", []),
        ("ends_on", "2027-03-10"),
        ("time_zone", ""),
    ],
)
def test_an_out_of_range_setting_is_refused(client, forum, organiser, field, value):
    response = _post(client, organiser, **{field: value}, name="Renamed")
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert _unchanged(forum)


def test_valid_settings_are_saved(client, forum, organiser):
    assert _post(client, organiser).status_code == 302
    forum.refresh_from_db()
    assert forum.online_meeting_url_template == VALID["online_meeting_url_template"]
    assert forum.request_expiry_hours == 48


def test_the_model_refuses_the_same_values_outside_the_console(forum):
    forum.time_zone = "Mars/Olympus"
    forum.request_expiry_hours = 0
    with pytest.raises(ValidationError) as refused:
        forum.full_clean()
    assert set(refused.value.message_dict) == {"time_zone", "request_expiry_hours"}


def test_live_booking_is_a_forum_setting_off_by_default(client, forum, organiser):
    assert forum.live_booking is False
    client.force_login(organiser)
    assert 'name="live_booking"' in client.get(reverse("console:setup")).content.decode()
    assert _post(client, organiser, live_booking="on").status_code == 302
    forum.refresh_from_db()
    assert forum.live_booking is True
