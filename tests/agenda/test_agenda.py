import io

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from matchforum.forums.models import Slot, Table
from matchforum.meetings.services import meeting_place, meeting_request_accept, meeting_request_send
from matchforum.notifications.models import NotificationKind
from matchforum.schedules.notices import schedule_version_notify
from tests.factories import CalendarTokenFactory, DelegateFactory, schedule_publish_live

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(forum):
    a = DelegateFactory(organisation__forum=forum, organisation__name="Vilnius Optics")
    b = DelegateFactory(organisation__forum=forum, organisation__name="Київ Дрони")
    request = meeting_request_send(sender=a, recipient_organisation=b.organisation)
    return meeting_request_accept(meeting_request=request, responder=b)


def _slots(forum):
    return list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))


def test_before_publication_the_agenda_says_so_and_lists_accepted_meetings(client, meeting):
    client.force_login(meeting.delegate_a.user)
    body = client.get("/agenda/").content.decode()
    assert "not yet published" in body
    assert "Київ Дрони" in body


def test_published_agenda_shows_slot_and_table_and_highlights_changes(client, forum, meeting):
    slots = _slots(forum)
    table = Table.objects.get(forum=forum, number=2)
    meeting_place(meeting=meeting, slot=slots[0], table=table)
    schedule_publish_live(forum=forum)
    client.force_login(meeting.delegate_b.user)
    body = client.get("/agenda/").content.decode()
    assert "Vilnius Optics" in body and "Table 2" in body and "09:00" in body
    assert "changed since publication" not in body
    meeting_place(meeting=meeting, slot=slots[1], table=table)
    body = client.get("/agenda/").content.decode()
    assert "09:30" in body
    assert "agenda-entry changed" in body


def test_times_show_the_viewers_own_zone_when_it_differs(client, forum, meeting):
    meeting_place(
        meeting=meeting, slot=_slots(forum)[0], table=Table.objects.get(forum=forum, number=1)
    )
    schedule_publish_live(forum=forum)
    user = meeting.delegate_a.user
    user.time_zone = "Europe/Berlin"
    user.save()
    client.force_login(user)
    body = client.get("/agenda/").content.decode()
    assert "09:00" in body and "(08:00 Berlin)" in body


def test_online_meetings_carry_their_link(client, forum, meeting):
    forum.online_meeting_url_template = "https://meet.example.org/forum-{meeting}"
    forum.save()
    meeting_place(meeting=meeting, slot=_slots(forum)[0], table=None, online=True)
    schedule_publish_live(forum=forum)
    client.force_login(meeting.delegate_a.user)
    page = client.get("/agenda/").content.decode()
    # The room page checks who opens it; the room's name is not the sequential id.
    assert f"/meetings/{meeting.pk}/room/" in page
    assert f"https://meet.example.org/forum-{meeting.pk}" not in page


def test_calendar_feed_parses_and_holds_the_meeting_with_a_stable_uid(client, forum, meeting):
    slot = _slots(forum)[0]
    meeting_place(meeting=meeting, slot=slot, table=Table.objects.get(forum=forum, number=3))
    schedule_publish_live(forum=forum)
    token = CalendarTokenFactory(delegate=meeting.delegate_a)
    response = client.get(f"/agenda/calendar/{token.token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event["UID"] == f"meeting-{meeting.pk}@testserver"
    assert event.decoded("DTSTART") == slot.starts_at
    assert str(event.decoded("DTSTART").tzinfo) == "Europe/Kyiv"
    assert "DTSTAMP" in event
    assert "Table 3" in str(event["LOCATION"]) and "Київ Дрони" in str(event["SUMMARY"])
    assert calendar.walk("VTIMEZONE")
    again = Calendar.from_ical(client.get(f"/agenda/calendar/{token.token}.ics").content)
    assert again.walk("VEVENT")[0]["UID"] == event["UID"]


def test_calendar_token_is_regenerated_and_revoked(client, forum, meeting):
    delegate = meeting.delegate_a
    client.force_login(delegate.user)
    client.post("/agenda/calendar/new/")
    first = delegate.calendar_token.token
    client.logout()
    assert client.get(f"/agenda/calendar/{first}.ics").status_code == 200
    client.force_login(delegate.user)
    client.post("/agenda/calendar/new/")
    delegate.refresh_from_db()
    second = delegate.calendar_token.token
    assert second != first
    assert client.get(f"/agenda/calendar/{first}.ics").status_code == 404
    client.post("/agenda/calendar/revoke/")
    assert client.get(f"/agenda/calendar/{second}.ics").status_code == 404


def test_pdf_agenda_has_the_meeting_text(client, forum, meeting):
    meeting_place(
        meeting=meeting, slot=_slots(forum)[0], table=Table.objects.get(forum=forum, number=2)
    )
    schedule_publish_live(forum=forum)
    client.force_login(meeting.delegate_a.user)
    response = client.get("/agenda/agenda.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Київ Дрони" in text and "T2" in text and "09:00" in text


def test_pdf_agenda_wraps_long_text_and_names_the_hall(client, forum, meeting):
    # a name at its model's limit and a long detail: every word printed, none cut
    name = " ".join(f"Word{i}" for i in range(40))[:200]
    meeting.organisation_b.name = name
    meeting.organisation_b.save(update_fields=["name"])
    table = Table.objects.get(forum=forum, number=2)
    table.area = "Hall A, upper floor"
    table.save(update_fields=["area"])
    meeting_place(meeting=meeting, slot=_slots(forum)[0], table=table)
    schedule_publish_live(forum=forum)
    client.force_login(meeting.delegate_a.user)
    reader = PdfReader(io.BytesIO(client.get("/agenda/agenda.pdf").content))
    text = " ".join(page.extract_text() for page in reader.pages)
    words = set(text.split())
    assert set(name.split()) <= words
    assert "Hall A, upper floor" in " ".join(text.split())
    assert "2027" in text  # the day with its year


def test_agenda_of_one_delegate_never_shows_other_peoples_meetings(client, forum, meeting):
    outsider = DelegateFactory(organisation__forum=forum)
    meeting_place(
        meeting=meeting, slot=_slots(forum)[0], table=Table.objects.get(forum=forum, number=1)
    )
    schedule_publish_live(forum=forum)
    client.force_login(outsider.user)
    body = client.get("/agenda/").content.decode()
    assert "Vilnius Optics" not in body and "Київ Дрони" not in body
    pdf = PdfReader(io.BytesIO(client.get("/agenda/agenda.pdf").content)).pages[0].extract_text()
    assert "Київ Дрони" not in pdf


def test_publication_tells_everyone_once_and_movers_what_moved(forum, meeting, immediate_tasks):
    slots = _slots(forum)
    table = Table.objects.get(forum=forum, number=1)
    meeting_place(meeting=meeting, slot=slots[0], table=table)
    first = schedule_publish_live(forum=forum)
    schedule_version_notify(version=first)
    schedule_version_notify(version=first)
    user = meeting.delegate_a.user
    assert user.notifications.filter(kind=NotificationKind.SCHEDULE_PUBLISHED).count() == 1
    meeting_place(meeting=meeting, slot=slots[2], table=table)
    second = schedule_publish_live(forum=forum)
    schedule_version_notify(version=second)
    moved = user.notifications.get(kind=NotificationKind.MEETING_MOVED)
    assert "10:00, table 1" in moved.body  # in the forum's time zone


def test_a_moved_meeting_is_told_in_the_recipients_language(forum, meeting, immediate_tasks):
    user = meeting.delegate_a.user
    user.preferred_language = "uk"
    user.save(update_fields=["preferred_language"])
    slots = _slots(forum)
    meeting_place(meeting=meeting, slot=slots[0], table=None, online=True)
    schedule_version_notify(version=schedule_publish_live(forum=forum))
    meeting_place(meeting=meeting, slot=slots[2], table=Table.objects.get(forum=forum, number=1))
    schedule_version_notify(version=schedule_publish_live(forum=forum))
    moved = user.notifications.get(kind=NotificationKind.MEETING_MOVED)
    assert "10:00, стіл 1" in moved.body
    assert "table" not in moved.body


def test_pdf_without_the_font_answers_with_a_clear_error(client, forum, meeting, monkeypatch):
    from pathlib import Path

    from matchforum.core import pdf

    monkeypatch.setattr(pdf, "FONT_REGULAR", Path("/nonexistent/DejaVuSans.ttf"))
    client.force_login(meeting.delegate_a.user)
    response = client.get("/agenda/agenda.pdf")
    assert response.status_code == 503
    assert "fonts-dejavu-core" in response.content.decode()


def test_web_agenda_names_the_hall_of_the_table_like_the_feed(client, forum, meeting):
    table = Table.objects.get(forum=forum, number=3)
    table.area = "Hall B"
    table.save()
    meeting_place(meeting=meeting, slot=_slots(forum)[0], table=table)
    schedule_publish_live(forum=forum)
    client.force_login(meeting.delegate_a.user)
    body = client.get("/agenda/").content.decode()
    assert (
        '<span class="table-number">Table 3</span> <span class="table-area">(Hall B)</span>' in body
    )
    token = CalendarTokenFactory(delegate=meeting.delegate_a)
    feed = Calendar.from_ical(client.get(f"/agenda/calendar/{token.token}.ics").content)
    assert str(feed.walk("VEVENT")[0]["LOCATION"]) == "Table 3 (Hall B)"
