"""One cancel service for delegates and organisers: a reason, both sides told, the slot
freed without moving anyone, an undo window, audit entries; others' meetings refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from matchforum.audit.models import AuditEntry
from matchforum.core.text_limits import text_limit
from matchforum.forums.models import Slot
from matchforum.meetings.models import Meeting, MeetingSeat, MeetingStatus
from matchforum.meetings.services import (
    meeting_cancel,
    meeting_cancel_undo,
    meeting_place,
)
from matchforum.notifications.models import NotificationKind
from matchforum.schedules.selectors import schedule_version_published
from tests.factories import DelegateFactory, meeting_build, schedule_publish_live

pytestmark = pytest.mark.django_db


def _slots(forum):
    return list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))


@pytest.fixture
def placed(forum, make_delegate):
    meeting = meeting_build(make_delegate(), make_delegate())
    return meeting_place(meeting=meeting, slot=_slots(forum)[0], table=forum.tables.get(number=1))


def test_a_delegate_cancels_with_a_reason_and_both_sides_are_told(placed):
    by = placed.delegate_a.user
    meeting = meeting_cancel(meeting=placed, by=by, reason="Our CEO is ill.")
    assert meeting.status == MeetingStatus.CANCELLED
    assert not MeetingSeat.objects.filter(meeting=meeting).exists()
    for user in (placed.delegate_a.user, placed.delegate_b.user):
        notice = user.notifications.get(kind=NotificationKind.MEETING_CANCELLED)
        assert "Our CEO is ill." in notice.body
        assert placed.organisation_a.name in notice.body  # who cancelled
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MEETING_CANCELLED)
    assert entry.actor == by and entry.data["reason"] == "Our CEO is ill."


def test_a_reason_is_required_and_never_cut(placed):
    by = placed.delegate_a.user
    with pytest.raises(ValidationError, match="reason"):
        meeting_cancel(meeting=placed, by=by, reason="   ")
    limit = text_limit(Meeting, "cancel_reason")
    with pytest.raises(ValidationError, match=str(limit + 1)):
        meeting_cancel(meeting=placed, by=by, reason="x" * (limit + 1))
    placed.refresh_from_db()
    assert placed.status == MeetingStatus.SCHEDULED


def test_an_outsider_cannot_cancel(placed, make_delegate):
    with pytest.raises(PermissionDenied):
        meeting_cancel(meeting=placed, by=make_delegate().user, reason="Not mine.")
    placed.refresh_from_db()
    assert placed.status == MeetingStatus.SCHEDULED


def test_an_organiser_cancels_through_the_same_service(placed, organiser):
    meeting_cancel(meeting=placed, by=organiser, reason="The delegation did not travel.")
    notice = placed.delegate_b.user.notifications.get(kind=NotificationKind.MEETING_CANCELLED)
    assert "the organisers" in notice.body


def test_freeing_a_slot_of_a_published_schedule_moves_nothing_else(forum, make_delegate, placed):
    other = meeting_place(
        meeting=meeting_build(make_delegate(), make_delegate()),
        slot=_slots(forum)[1],
        table=forum.tables.get(number=2),
    )
    schedule_publish_live(forum=forum)
    meeting_cancel(meeting=placed, by=placed.delegate_b.user, reason="Flight cancelled.")
    version = schedule_version_published(forum=forum)
    assert [p["meeting"] for p in version.placements] == [other.pk]
    other_then = {"slot": other.slot_id, "table": other.table_id}
    assert {k: version.placements[0][k] for k in ("slot", "table")} == other_then
    assert version.statistics["changed_ids"] == [placed.pk]


def test_the_canceller_can_undo_within_the_window(placed):
    by = placed.delegate_a.user
    meeting_cancel(meeting=placed, by=by, reason="Wrong meeting.")
    with pytest.raises(ValidationError, match="Only whoever cancelled"):
        meeting_cancel_undo(meeting=placed, by=placed.delegate_b.user)
    restored = meeting_cancel_undo(meeting=placed, by=by)
    assert restored.status == MeetingStatus.SCHEDULED
    assert restored.slot_id == placed.slot_id and restored.table_id == placed.table_id
    assert MeetingSeat.objects.filter(meeting=restored).count() == 2
    assert AuditEntry.objects.filter(action=AuditEntry.Action.MEETING_RESTORED).count() == 1
    assert placed.delegate_b.user.notifications.filter(
        kind=NotificationKind.MEETING_RESTORED
    ).exists()


def test_undo_after_the_window_is_refused(placed, settings):
    settings.MEETING_CANCEL_UNDO_MINUTES = 10
    by = placed.delegate_a.user
    meeting_cancel(meeting=placed, by=by, reason="Wrong meeting.")
    later = timezone.now() + dt.timedelta(minutes=11)
    with pytest.raises(ValidationError, match="10 minutes"):
        meeting_cancel_undo(meeting=placed, by=by, now=later)


def test_undo_is_refused_when_the_table_was_taken_meanwhile(forum, make_delegate, placed):
    by = placed.delegate_a.user
    meeting_cancel(meeting=placed, by=by, reason="Wrong meeting.")
    meeting_place(
        meeting=meeting_build(make_delegate(), make_delegate()),
        slot=placed.slot,
        table=placed.table,
    )
    with pytest.raises(ValidationError, match="taken meanwhile"):
        meeting_cancel_undo(meeting=placed, by=by)
    placed.refresh_from_db()
    assert placed.status == MeetingStatus.CANCELLED


# ---------------------------------------------------------------------- the pages


def test_the_delegate_page_asks_for_the_reason_and_shows_who_is_told(client, placed):
    client.force_login(placed.delegate_a.user)
    url = reverse("meetings:cancel", args=[placed.pk])
    page = client.get(url).content.decode()
    assert str(placed.delegate_b.user) in page and 'id="confirm-cancel"' in page
    response = client.post(url, {"reason": ""})
    placed.refresh_from_db()
    assert response.status_code == 200 and placed.status == MeetingStatus.SCHEDULED
    client.post(url, {"reason": "Clash with a ministry visit."})
    placed.refresh_from_db()
    assert placed.status == MeetingStatus.CANCELLED
    assert 'id="undo-cancel"' in client.get(url).content.decode()


def test_a_delegate_of_another_organisation_gets_not_found(client, placed, make_delegate):
    client.force_login(make_delegate().user)
    url = reverse("meetings:cancel", args=[placed.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Mischief."}).status_code == 404
    undo = reverse("meetings:cancel_undo", args=[placed.pk])
    assert client.post(undo).status_code == 404
    placed.refresh_from_db()
    assert placed.status == MeetingStatus.SCHEDULED


def test_a_colleague_of_the_organisation_may_cancel(client, placed):
    colleague = DelegateFactory(organisation=placed.organisation_a)
    client.force_login(colleague.user)
    client.post(reverse("meetings:cancel", args=[placed.pk]), {"reason": "We cannot come."})
    placed.refresh_from_db()
    assert placed.status == MeetingStatus.CANCELLED


def test_the_console_cancel_confirms_with_a_reason(client, placed, organiser):
    client.force_login(organiser)
    url = reverse("console:meeting_cancel", args=[placed.pk])
    page = client.get(url).content.decode()
    assert str(placed.delegate_a.user) in page and str(placed.delegate_b.user) in page
    client.post(url, {"reason": "Hall closed."})
    placed.refresh_from_db()
    assert placed.status == MeetingStatus.CANCELLED and placed.cancel_reason == "Hall closed."
    client.post(reverse("console:meeting_cancel_undo", args=[placed.pk]))
    placed.refresh_from_db()
    assert placed.status == MeetingStatus.SCHEDULED
