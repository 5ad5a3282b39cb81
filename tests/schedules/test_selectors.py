"""Reads of scheduling: one free-places selector for the walk-in desk and the waiting list."""

from __future__ import annotations

import importlib.util

import pytest

from matchforum.meetings.models import MeetingMode
from matchforum.meetings.services import meeting_place
from matchforum.schedules.selectors import free_places, meeting_free_places
from tests.factories import meeting_build

pytestmark = pytest.mark.django_db


def test_an_online_place_is_free_while_the_slot_has_online_capacity(forum, make_delegate):
    a, b, c, d = (make_delegate() for _ in range(4))
    places = free_places(forum=forum, delegates=[c, d], online=True)
    first = places[0][0]
    assert all(table is None for _slot, table in places)
    meeting_place(
        meeting=meeting_build(a, b, mode=MeetingMode.ONLINE), slot=first, table=None, online=True
    )
    # The forum has one online room per slot: that slot is full now, for anybody.
    assert first.pk not in {
        slot.pk for slot, _t in free_places(forum=forum, delegates=[c, d], online=True)
    }


def test_a_meetings_places_keep_to_its_session_wish(forum, make_delegate):
    a, b = make_delegate(), make_delegate()
    meeting = meeting_build(a, b, session_wish="afternoon")
    places = meeting_free_places(forum=forum, meeting=meeting)
    assert places
    assert {slot.session.part for slot, _table in places} == {"afternoon"}


def test_the_limit_stops_the_search(forum, make_delegate):
    a, b = make_delegate(), make_delegate()
    assert len(free_places(forum=forum, delegates=[a, b], limit=2)) == 2


def test_the_console_has_no_services_of_its_own():
    """Its writes are the services of the apps that own the rows."""
    assert importlib.util.find_spec("matchforum.console.services") is None


def _brute_force_places(forum, meeting):
    """Every (slot, table) where the meeting fits, asked slot by slot of the database."""
    from matchforum.forums.selectors import forum_slots
    from matchforum.meetings.models import Meeting, MeetingSeat, MeetingStatus

    delegate_ids = [meeting.delegate_a_id, meeting.delegate_b_id]
    live = Meeting.objects.filter(forum=forum).exclude(status=MeetingStatus.CANCELLED)
    places = []
    for slot in forum_slots(forum=forum):
        if MeetingSeat.objects.filter(delegate_id__in=delegate_ids, slot=slot).exists():
            continue
        if slot.unavailable_delegates.filter(pk__in=delegate_ids).exists():
            continue
        if meeting.allowed_session_id and slot.session_id != meeting.allowed_session_id:
            continue
        if meeting.session_wish in ("morning", "afternoon") and (
            slot.session.part != meeting.session_wish
        ):
            continue
        if meeting.mode == MeetingMode.ONLINE:
            used = live.filter(slot=slot, table__isnull=True).count()
            if used < forum.online_capacity_per_slot:
                places.append((slot.pk, None))
            continue
        for table in forum.tables.filter(is_active=True).order_by("number"):
            if not live.filter(slot=slot, table=table).exists():
                places.append((slot.pk, table.pk))
                break
    return places


def test_the_waiting_lists_places_are_the_ones_a_brute_force_check_finds():
    import contextlib
    import datetime as dt
    import random

    from django.core.exceptions import ValidationError

    from matchforum.forums.selectors import forum_slots
    from matchforum.meetings.models import Meeting
    from matchforum.schedules.selectors import waiting_list, waiting_meetings
    from tests.factories import realistic_forum_build

    # Eight slots, one table and one online room each: places run out for some meetings.
    forum = realistic_forum_build(
        organisations=30,
        meetings=90,
        tables=2,
        sessions=[("morning", dt.time(9), dt.time(10)), ("afternoon", dt.time(14), dt.time(15))],
    )
    forum.online_capacity_per_slot = 1
    forum.save()
    forum.tables.filter(number=2).update(is_active=False)
    rng = random.Random(3)
    slots = list(forum_slots(forum=forum))
    tables = list(forum.tables.all())
    meetings = list(Meeting.objects.filter(forum=forum).order_by("pk"))
    for meeting in meetings[::4]:
        meeting.mode = MeetingMode.ONLINE
        meeting.save(update_fields=["mode"])
    for meeting in rng.sample(meetings, k=14):
        online = meeting.mode == MeetingMode.ONLINE
        # A place taken, or a delegate who cannot attend: that meeting keeps waiting.
        with contextlib.suppress(ValidationError):
            meeting_place(
                meeting=meeting,
                slot=rng.choice(slots),
                table=None if online else rng.choice(tables[:1]),
                online=online,
            )
    waiting = list(waiting_meetings(forum=forum))
    assert len(waiting) > 20  # enough meetings wait for the check to mean something
    rows = waiting_list(forum=forum, meetings=waiting)
    fitting = 0
    for row in rows:
        expected = _brute_force_places(forum, row["meeting"])
        found = [(slot.pk, table.pk if table else None) for slot, table in row["places"]]
        assert found == expected[:5]
        assert row["fits"] is bool(expected)
        every = meeting_free_places(forum=forum, meeting=row["meeting"])
        assert [(s.pk, t.pk if t else None) for s, t in every] == expected
        fitting += bool(expected)
    assert 0 < fitting < len(rows)  # some fit, some do not
