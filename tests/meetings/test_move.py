"""Asking to move a placed meeting: only free slots, the other side answers, on accept
the meeting moves and nothing else does."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from matchforum.forums.models import Slot
from matchforum.meetings.models import MoveStatus
from matchforum.meetings.services import (
    meeting_move_accept,
    meeting_move_decline,
    meeting_move_places,
    meeting_move_propose,
    meeting_place,
)
from matchforum.notifications.models import NotificationKind
from matchforum.organisations.models import Delegate
from matchforum.schedules.mapping import live_placements
from matchforum.schedules.selectors import schedule_version_published
from tests.factories import DelegateFactory, meeting_build, schedule_publish_live

pytestmark = pytest.mark.django_db


def _slots(forum):
    return list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))


@pytest.fixture
def placed(forum, make_delegate):
    meeting = meeting_build(make_delegate(), make_delegate())
    return meeting_place(meeting=meeting, slot=_slots(forum)[0], table=forum.tables.get(number=1))


def test_free_places_leave_out_slots_where_an_attendee_is_busy_or_unavailable(
    forum, make_delegate, placed
):
    slots = _slots(forum)
    busy = meeting_build(placed.delegate_b, make_delegate())
    meeting_place(meeting=busy, slot=slots[1], table=forum.tables.get(number=2))
    Delegate.unavailable_slots.through.objects.create(delegate=placed.delegate_a, slot=slots[2])
    offered = {slot.pk for slot, _table in meeting_move_places(meeting=placed)}
    assert slots[0].pk not in offered  # where it is already
    assert slots[1].pk not in offered and slots[2].pk not in offered
    assert slots[3].pk in offered


def test_a_proposal_for_an_occupied_slot_is_refused(forum, make_delegate, placed):
    slot = _slots(forum)[1]
    meeting_place(
        meeting=meeting_build(placed.delegate_b, make_delegate()),
        slot=slot,
        table=forum.tables.get(number=2),
    )
    with pytest.raises(ValidationError, match="not free"):
        meeting_move_propose(meeting=placed, by=placed.delegate_a, slot=slot)


def test_accept_moves_the_meeting_and_nothing_else(forum, make_delegate, placed):
    slots = _slots(forum)
    other = meeting_place(
        meeting=meeting_build(make_delegate(), make_delegate()),
        slot=slots[3],
        table=forum.tables.get(number=1),
    )
    schedule_publish_live(forum=forum)
    before = live_placements(forum=forum)
    proposal = meeting_move_propose(meeting=placed, by=placed.delegate_a, slot=slots[3])
    assert placed.delegate_b.user.notifications.filter(
        kind=NotificationKind.MEETING_MOVE_PROPOSED
    ).exists()
    moved = meeting_move_accept(proposal=proposal, by=placed.delegate_b)
    assert moved.slot_id == slots[3].pk and moved.table_id == forum.tables.get(number=2).pk
    after = live_placements(forum=forum)
    assert after[other.pk] == before[other.pk]
    assert {p["meeting"]: p["slot"] for p in schedule_version_published(forum=forum).placements}[
        placed.pk
    ] == slots[3].pk
    for user in (placed.delegate_a.user, placed.delegate_b.user):
        assert user.notifications.filter(kind=NotificationKind.MEETING_MOVED).exists()
    proposal.refresh_from_db()
    assert proposal.status == MoveStatus.ACCEPTED


def test_only_the_other_side_can_accept(forum, make_delegate, placed):
    proposal = meeting_move_propose(meeting=placed, by=placed.delegate_a, slot=_slots(forum)[2])
    colleague = DelegateFactory(organisation=placed.organisation_a)
    for delegate in (placed.delegate_a, colleague, make_delegate()):
        with pytest.raises(PermissionDenied):
            meeting_move_accept(proposal=proposal, by=delegate)
    placed.refresh_from_db()
    assert placed.slot_id == _slots(forum)[0].pk


def test_decline_keeps_the_meeting_and_tells_the_proposer(forum, placed):
    proposal = meeting_move_propose(meeting=placed, by=placed.delegate_b, slot=_slots(forum)[2])
    meeting_move_decline(proposal=proposal, by=placed.delegate_a)
    placed.refresh_from_db()
    assert placed.slot_id == _slots(forum)[0].pk
    assert placed.delegate_b.user.notifications.filter(
        kind=NotificationKind.MEETING_MOVE_DECLINED
    ).exists()


def test_accept_is_refused_when_the_slot_was_taken_meanwhile(forum, make_delegate, placed):
    slot = _slots(forum)[1]
    proposal = meeting_move_propose(meeting=placed, by=placed.delegate_a, slot=slot)
    meeting_place(
        meeting=meeting_build(placed.delegate_a, make_delegate()),
        slot=slot,
        table=forum.tables.get(number=2),
    )
    with pytest.raises(ValidationError, match="no longer free"):
        meeting_move_accept(proposal=proposal, by=placed.delegate_b)


def test_the_move_pages_answer_only_the_meetings_sides(client, forum, make_delegate, placed):
    slot = _slots(forum)[2]
    client.force_login(placed.delegate_a.user)
    url = reverse("meetings:move", args=[placed.pk])
    assert 'id="propose-move"' in client.get(url).content.decode()
    client.post(url, {"slot": slot.pk})
    proposal = placed.move_proposals.get()
    client.force_login(make_delegate().user)
    assert client.get(url).status_code == 404
    assert client.post(reverse("meetings:move_accept", args=[proposal.pk])).status_code == 404
    client.force_login(placed.delegate_b.user)
    assert 'id="accept-move"' in client.get(url).content.decode()
    client.post(reverse("meetings:move_accept", args=[proposal.pk]))
    placed.refresh_from_db()
    assert placed.slot_id == slot.pk
