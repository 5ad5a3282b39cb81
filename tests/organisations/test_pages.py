import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matchforum.forums.models import Slot, Table
from matchforum.meetings.services import meeting_place, meeting_request_accept, meeting_request_send
from matchforum.organisations.models import Organisation
from matchforum.organisations.services import delegate_set_availability
from tests.factories import DelegateFactory

pytestmark = pytest.mark.django_db


def _slots(forum):
    return list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))


def test_availability_page_saves_slots_and_attendance(client, forum):
    delegate = DelegateFactory(organisation__forum=forum)
    slots = _slots(forum)
    client.force_login(delegate.user)
    response = client.post(
        "/organisation/availability/",
        {"attendance": "online", "unavailable": [slots[0].pk, slots[3].pk]},
    )
    assert response.status_code == 302
    delegate.refresh_from_db()
    assert delegate.attendance == "online"
    assert set(delegate.unavailable_slots.all()) == {slots[0], slots[3]}
    body = client.get("/organisation/availability/").content.decode()
    assert f'value="{slots[0].pk}" checked' in body


def test_a_slot_with_a_placed_meeting_cannot_be_marked_unavailable(forum):
    a, b = DelegateFactory(organisation__forum=forum), DelegateFactory(organisation__forum=forum)
    meeting = meeting_request_accept(
        meeting_request=meeting_request_send(sender=a, recipient_organisation=b.organisation),
        responder=b,
    )
    slot = _slots(forum)[0]
    meeting_place(meeting=meeting, slot=slot, table=Table.objects.get(forum=forum, number=1))
    with pytest.raises(ValidationError, match="scheduled meeting"):
        delegate_set_availability(delegate=a, unavailable=[slot], attendance="onsite")
    assert not a.unavailable_slots.exists()


def test_slots_of_another_forum_are_refused(forum):
    from tests.factories import forum_build

    other = forum_build(name="Other", slug="other")
    delegate = DelegateFactory(organisation__forum=forum)
    with pytest.raises(ValidationError):
        delegate_set_availability(
            delegate=delegate, unavailable=_slots(other)[:1], attendance="onsite"
        )


def test_details_page_edits_only_the_own_organisation(client, forum):
    delegate = DelegateFactory(organisation__forum=forum, organisation__name="Old Name")
    client.force_login(delegate.user)
    response = client.post(
        "/organisation/details/",
        {
            "name": "New Name",
            "country": "PL",
            "kind": "research",
            "website": "",
            "description": "Labs",
            "size": "",
            "visibility": "listed",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(pk=delegate.organisation.pk)
    assert (organisation.name, organisation.country.code) == ("New Name", "PL")
    # Vetting fields are not editable here; the new identity goes back to review
    # (tests/organisations/test_identity_review.py).
    assert organisation.accreditation == "pending"


def test_settings_page_saves_the_own_time_zone(client, forum):
    delegate = DelegateFactory(organisation__forum=forum)
    client.force_login(delegate.user)
    client.post(
        "/notifications/preferences/",
        {"delivery": "immediate", "reminder_minutes": "15", "time_zone": "Europe/Warsaw"},
    )
    delegate.user.refresh_from_db()
    assert delegate.user.time_zone == "Europe/Warsaw"
    response = client.post(
        "/notifications/preferences/",
        {"delivery": "immediate", "reminder_minutes": "15", "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200 and "time_zone" in response.context["form"].errors


def test_registration_closes_after_the_deadline(client, forum):
    forum.registration_deadline = timezone.now() - dt.timedelta(days=1)
    forum.save()
    body = client.get("/accounts/sign-up/").content.decode()
    assert 'id="registration-closed"' in body
    client.post("/accounts/sign-up/", {"organisation_name": "Late Ltd"})
    assert not Organisation.objects.filter(name="Late Ltd").exists()
