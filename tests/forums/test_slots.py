import datetime as dt

import pytest
from django.db import IntegrityError

from matchforum.forums.models import ForumDay, Session, Slot, Table
from matchforum.forums.services import forum_set_tables, session_generate_slots, session_slot_times


def test_slot_times_fill_the_session_with_whole_slots_and_pauses():
    times = session_slot_times(
        date=dt.date(2027, 3, 16),
        start=dt.time(9),
        end=dt.time(10, 50),
        slot_minutes=30,
        pause_minutes=5,
    )
    assert [(a.strftime("%H:%M"), b.strftime("%H:%M")) for a, b in times] == [
        ("09:00", "09:30"),
        ("09:35", "10:05"),
        ("10:10", "10:40"),
    ]


@pytest.mark.django_db
def test_forum_create_derives_slots_and_tables(forum):
    slots = Slot.objects.filter(session__day__forum=forum)
    assert slots.count() == 2 * 2 * 4  # 2 days x 2 sessions x 4 half-hours
    first = slots.order_by("starts_at").first()
    # Slots are stored timezone-aware in the forum's time zone (Kyiv: UTC+2 in March).
    assert first.starts_at == dt.datetime(2027, 3, 16, 7, 0, tzinfo=dt.UTC)
    assert list(forum.tables.values_list("number", flat=True)) == [1, 2, 3]


@pytest.mark.django_db
def test_regenerating_slots_after_a_longer_slot_length_keeps_indexes_unique(forum):
    session = Session.objects.filter(day__forum=forum).first()
    session.slot_minutes = 60
    session.save()
    slots = session_generate_slots(session=session)
    assert [s.index for s in slots] == [1, 2]
    assert session.slots.count() == 2


@pytest.mark.django_db
def test_fewer_tables_take_the_rest_out_of_use(forum):
    forum_set_tables(forum=forum, count=2)
    assert list(forum.tables.filter(is_active=True).values_list("number", flat=True)) == [1, 2]
    assert forum.tables.get(number=3).is_active is False


@pytest.mark.django_db
def test_table_numbers_are_unique_per_forum(forum):
    with pytest.raises(IntegrityError):
        Table.objects.create(forum=forum, number=1)


@pytest.mark.django_db
def test_a_session_must_end_after_it_starts(forum):
    day = ForumDay.objects.filter(forum=forum).first()
    with pytest.raises(IntegrityError):
        Session.objects.create(
            day=day, part="evening", start_time=dt.time(18), end_time=dt.time(17)
        )
