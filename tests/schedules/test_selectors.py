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
