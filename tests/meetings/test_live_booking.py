"""Live booking: where the forum allows it, accepting a request books one of its free
times at once, by the scheduler's rules; where it does not, nothing changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from matchforum.audit.models import AuditEntry
from matchforum.forums.models import Slot, Table
from matchforum.meetings.models import (
    Meeting,
    MeetingMode,
    MeetingSeat,
    MeetingStatus,
    RequestStatus,
    SessionWish,
)
from matchforum.meetings.services import (
    meeting_place,
    meeting_request_accept,
    meeting_request_places,
)
from matchforum.notifications.models import NotificationKind
from matchforum.organisations.models import Delegate
from matchforum.schedules.selectors import schedule_version_published
from tests.factories import MeetingRequestFactory, meeting_build, schedule_publish_live

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(forum):
    forum.live_booking = True
    forum.save(update_fields=["live_booking"])
    return forum


def _slots(forum) -> list[Slot]:
    return list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))


def _request(make_delegate, **fields):
    sender, responder = make_delegate(), make_delegate()
    request = MeetingRequestFactory(
        sender=sender, recipient_organisation=responder.organisation, **fields
    )
    return request, responder


def _brute_force_places(forum, delegates: list[Delegate], *, online: bool, part: str):
    """Every (slot, first free table) by hand: each rule of the scheduler checked on its own."""
    tables = sorted(Table.objects.filter(forum=forum, is_active=True), key=lambda t: t.number)
    live = Meeting.objects.filter(forum=forum).exclude(status=MeetingStatus.CANCELLED)
    places = []
    for slot in _slots(forum):
        if part in ("morning", "afternoon") and slot.session.part != part:
            continue
        seated = any(MeetingSeat.objects.filter(delegate=d, slot=slot).exists() for d in delegates)
        unavailable = any(d.unavailable_slots.filter(pk=slot.pk).exists() for d in delegates)
        if seated or unavailable:
            continue
        if online:
            rooms_used = live.filter(slot=slot, table__isnull=True).count()
            if rooms_used < forum.online_capacity_per_slot:
                places.append((slot.pk, None))
            continue
        free = [t for t in tables if not live.filter(slot=slot, table=t).exists()]
        if free:
            places.append((slot.pk, free[0].pk))
    return places


def _as_ids(places):
    return [(slot.pk, table.pk if table is not None else None) for slot, table in places]


@pytest.mark.parametrize("online, part", [(False, "any"), (False, "morning"), (True, "any")])
def test_free_places_equal_a_brute_force_on_a_small_forum(live, make_delegate, online, part):
    request, responder = _request(make_delegate, session_wish=part)
    if online:
        responder.attendance = "online"
        responder.save(update_fields=["attendance"])
    slots = _slots(live)
    tables = list(live.tables.order_by("number"))
    others = [make_delegate() for _ in range(8)]
    # A crowded forum: the sender busy in one slot, the responder unavailable in another,
    # every table taken in a third, the online room taken in a fourth, a table out of use.
    meeting_place(
        meeting=meeting_build(request.sender, make_delegate()), slot=slots[0], table=tables[0]
    )
    Delegate.unavailable_slots.through.objects.create(delegate=responder, slot=slots[1])
    for table, a, b in zip(tables, others[0:6:2], others[1:6:2], strict=True):
        meeting_place(meeting=meeting_build(a, b), slot=slots[2], table=table)
    room = meeting_build(others[6], others[7], mode=MeetingMode.ONLINE)
    meeting_place(meeting=room, slot=slots[3], table=None, online=True)
    Table.objects.filter(pk=tables[1].pk).update(is_active=False)

    offered = meeting_request_places(meeting_request=request, responder=responder)
    expected = _brute_force_places(live, [request.sender, responder], online=online, part=part)
    assert _as_ids(offered) == expected
    assert expected, "the forum has free places left"
    assert slots[0].pk not in {slot for slot, _t in expected}
    assert slots[1].pk not in {slot for slot, _t in expected}


def test_accepting_with_a_time_books_the_meeting_at_once(live, make_delegate):
    request, responder = _request(make_delegate)
    schedule_publish_live(forum=live)
    slot, table = meeting_request_places(meeting_request=request, responder=responder)[2]
    meeting = meeting_request_accept(meeting_request=request, responder=responder, slot=slot)
    assert (meeting.status, meeting.slot_id, meeting.table_id) == (
        MeetingStatus.SCHEDULED,
        slot.pk,
        table.pk,
    )
    assert set(
        MeetingSeat.objects.filter(meeting=meeting).values_list("delegate_id", "slot_id")
    ) == {
        (request.sender_id, slot.pk),
        (responder.pk, slot.pk),
    }
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    for user in (request.sender.user, responder.user):
        told = user.notifications.get(kind=NotificationKind.REQUEST_ACCEPTED)
        assert f"Table {table.number}" in told.body
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MEETING_BOOKED)
    assert entry.target_id == str(meeting.pk) and entry.data["slot"] == slot.pk
    published = schedule_version_published(forum=live)
    assert {p["meeting"]: p["slot"] for p in published.placements}[meeting.pk] == slot.pk


def _refused_and_still_pending(request, responder, slot, match):
    with pytest.raises(ValidationError, match=match):
        meeting_request_accept(meeting_request=request, responder=responder, slot=slot)
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert not Meeting.objects.filter(request=request).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.MEETING_BOOKED).exists()


def test_booking_is_refused_when_every_table_is_taken(live, make_delegate):
    request, responder = _request(make_delegate)
    slot = _slots(live)[0]
    for table in live.tables.all():
        meeting_place(
            meeting=meeting_build(make_delegate(), make_delegate()), slot=slot, table=table
        )
    _refused_and_still_pending(request, responder, slot, "not free")


def test_booking_is_refused_when_a_delegate_is_busy(live, make_delegate):
    request, responder = _request(make_delegate)
    slot = _slots(live)[0]
    meeting_place(
        meeting=meeting_build(responder, make_delegate()), slot=slot, table=live.tables.first()
    )
    _refused_and_still_pending(request, responder, slot, "not free")


def test_booking_is_refused_when_the_only_online_room_is_taken(live, make_delegate):
    request, responder = _request(make_delegate)
    responder.attendance = "online"
    responder.save(update_fields=["attendance"])
    slot = _slots(live)[0]
    taken = meeting_build(make_delegate(), make_delegate(), mode=MeetingMode.ONLINE)
    meeting_place(meeting=taken, slot=slot, table=None, online=True)
    _refused_and_still_pending(request, responder, slot, "not free")


def test_booking_keeps_the_session_wish(live, make_delegate):
    request, responder = _request(make_delegate, session_wish=SessionWish.AFTERNOON)
    morning = next(s for s in _slots(live) if s.session.part == "morning")
    _refused_and_still_pending(request, responder, morning, "not free")


def test_with_live_booking_a_time_must_be_picked_while_one_is_free(live, make_delegate):
    request, responder = _request(make_delegate)
    _refused_and_still_pending(request, responder, None, "Pick a time")


def test_with_no_free_time_left_the_meeting_waits_for_the_organisers(live, make_delegate):
    request, responder = _request(make_delegate)
    Delegate.unavailable_slots.through.objects.bulk_create(
        [Delegate.unavailable_slots.through(delegate=responder, slot=s) for s in _slots(live)]
    )
    meeting = meeting_request_accept(meeting_request=request, responder=responder)
    assert (meeting.status, meeting.slot_id) == (MeetingStatus.ACCEPTED, None)


def test_without_live_booking_nothing_changes(forum, make_delegate):
    request, responder = _request(make_delegate)
    with pytest.raises(ValidationError, match="accept without a time"):
        meeting_request_accept(meeting_request=request, responder=responder, slot=_slots(forum)[0])
    meeting = meeting_request_accept(meeting_request=request, responder=responder)
    assert (meeting.status, meeting.slot_id) == (MeetingStatus.ACCEPTED, None)
    assert request.sender.user.notifications.filter(
        kind=NotificationKind.REQUEST_ACCEPTED, body__contains="once the schedule is published"
    ).exists()


# ------------------------------------------------------------ web and API


def test_the_inbox_offers_accept_and_pick_only_with_live_booking(forum, make_delegate, client):
    request, responder = _request(make_delegate)
    client.force_login(responder.user)
    book_url = reverse("meetings:book", args=[request.pk])
    assert book_url not in client.get(reverse("meetings:inbox")).content.decode()
    assert client.get(book_url).status_code == 404
    forum.live_booking = True
    forum.save(update_fields=["live_booking"])
    assert book_url in client.get(reverse("meetings:inbox")).content.decode()


def test_the_web_page_books_the_picked_time_and_refuses_a_taken_one(live, make_delegate, client):
    request, responder = _request(make_delegate)
    client.force_login(responder.user)
    url = reverse("meetings:book", args=[request.pk])
    slots = _slots(live)
    page = client.get(url)
    assert page.status_code == 200
    assert f'value="{slots[0].pk}"' in page.content.decode()
    # Between showing the page and posting, the responder gets busy in that slot.
    meeting_place(
        meeting=meeting_build(responder, make_delegate()), slot=slots[0], table=live.tables.first()
    )
    refused = client.post(url, {"slot": slots[0].pk})
    assert refused.status_code == 200
    assert "not free for this meeting" in refused.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    booked = client.post(url, {"slot": slots[1].pk})
    assert booked.status_code == 302
    assert Meeting.objects.get(request=request).slot_id == slots[1].pk


def test_the_api_lists_free_places_and_books_one(live, make_delegate):
    request, responder = _request(make_delegate)
    client = Client()
    client.force_login(responder.user)
    base = f"/api/v1/meeting-requests/{request.pk}"
    places = client.get(f"{base}/places/")
    assert places.status_code == 200
    first = places.json()[0]
    assert first["slot"] == _slots(live)[0].pk and first["table_number"] == 1
    unknown = client.post(f"{base}/accept/", {"slot": 10**9}, content_type="application/json")
    assert unknown.status_code == 400 and "slot" in unknown.json()
    picked = client.post(
        f"{base}/accept/", {"slot": first["slot"]}, content_type="application/json"
    )
    assert picked.status_code == 200, picked.json()
    assert picked.json()["status"] == "scheduled" and picked.json()["table_number"] == 1


def test_the_api_refuses_a_time_where_the_forum_does_not_book(forum, make_delegate):
    request, responder = _request(make_delegate)
    client = Client()
    client.force_login(responder.user)
    base = f"/api/v1/meeting-requests/{request.pk}"
    assert client.get(f"{base}/places/").status_code == 404
    refused = client.post(
        f"{base}/accept/", {"slot": _slots(forum)[0].pk}, content_type="application/json"
    )
    assert refused.status_code == 400 and "slot" in refused.json()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_the_sender_cannot_list_or_book_the_places_of_their_own_request(live, make_delegate):
    request, _responder = _request(make_delegate)
    client = Client()
    client.force_login(request.sender.user)
    base = f"/api/v1/meeting-requests/{request.pk}"
    assert client.get(f"{base}/places/").status_code == 404
    web = Client()
    web.force_login(request.sender.user)
    assert web.get(reverse("meetings:book", args=[request.pk])).status_code == 404
