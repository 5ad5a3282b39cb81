"""Writes of meeting requests and meetings.

Every rule a delegate can run into answers with a `ValidationError` whose message
can be shown as it is. Double bookings are refused twice: here, with a clear
message, and by the database's unique constraints, which hold under races.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.core.locking import row_lock
from matchforum.core.permissions import require_organiser
from matchforum.core.text_limits import text_within
from matchforum.forums.models import Forum, Slot, Table
from matchforum.forums.services import forum_day_rule_apply
from matchforum.marketplace.models import CooperationProfile
from matchforum.marketplace.visibility import item_requestable_check
from matchforum.organisations.models import Accreditation, Delegate, Organisation
from matchforum.schedules.notices import meeting_moved_notify
from matchforum.schedules.selectors import meeting_free_places

from . import notices
from .gating import (
    counterpart_may_meet_check,
    organisation_may_act_check,
    organisations_approved,
    requests_between_approved,
)
from .models import (
    ACTIVE_MEETING_STATUSES,
    Meeting,
    MeetingAttendee,
    MeetingMode,
    MeetingMoveProposal,
    MeetingRequest,
    MeetingSeat,
    MeetingStatus,
    MoveStatus,
    Priority,
    RequestStatus,
    SessionWish,
)
from .participants import meeting_delegate_ids, takes_part


def ordered_pair(a: Organisation, b: Organisation) -> tuple[int, int]:
    return (a.pk, b.pk) if a.pk < b.pk else (b.pk, a.pk)


def _active_meetings_of(delegate: Delegate):
    """The meetings the delegate sits in (as a side or an attendee): the cap counts them."""
    return Meeting.objects.filter(takes_part(delegate), status__in=ACTIVE_MEETING_STATUSES)


def _check_deadline(forum: Forum, now: dt.datetime) -> None:
    if forum.request_deadline and now > forum.request_deadline:
        raise ValidationError(_("The deadline for meeting requests has passed."))


def _sender_lock(sender: Delegate) -> None:
    """Check a delegate's sends (limit, open pair) one at a time: two simultaneous sends
    must not both pass the count below the forum's limit."""
    row_lock(Delegate, sender.pk)


@transaction.atomic
def meeting_request_send(
    *,
    sender: Delegate,
    recipient_organisation: Organisation,
    message: str = "",
    session_wish: str = SessionWish.ANY,
    priority: int = Priority.NICE,
    recipient: Delegate | None = None,
    about: CooperationProfile | None = None,
    now: dt.datetime | None = None,
) -> MeetingRequest:
    """Ask another organisation for a meeting, within the forum's rules; `about` is one
    of its offers or needs, which the classification rules must let the sender request."""
    now = now or timezone.now()
    organisation = sender.organisation
    forum = organisation.forum
    organisation_may_act_check(organisation=organisation)
    message = text_within(message, model=MeetingRequest, field="message")
    if (
        recipient_organisation.forum_id != forum.pk
        or recipient_organisation.accreditation != Accreditation.APPROVED
    ):
        raise ValidationError(_("This organisation cannot receive meeting requests."))
    if recipient_organisation.pk == organisation.pk:
        raise ValidationError(_("You cannot request a meeting with your own organisation."))
    if recipient is not None and recipient.organisation_id != recipient_organisation.pk:
        raise ValidationError(_("That delegate is not part of the organisation."))
    if about is not None:
        if about.organisation_id != recipient_organisation.pk:
            raise ValidationError(_("That offer or need is not the organisation's."))
        item_requestable_check(organisation=organisation, item=about)
    _check_deadline(forum, now)
    _sender_lock(sender)
    low, high = ordered_pair(organisation, recipient_organisation)
    if MeetingRequest.objects.filter(
        forum=forum, pair_low=low, pair_high=high, status=RequestStatus.PENDING
    ).exists():
        raise ValidationError(_("A meeting request between your organisations is already open."))
    if (
        Meeting.objects.filter(forum=forum, pair_low=low, pair_high=high)
        .exclude(status=MeetingStatus.CANCELLED)
        .exists()
    ):
        raise ValidationError(_("Your organisations already have a meeting."))
    sent = MeetingRequest.objects.filter(sender=sender).exclude(status=RequestStatus.WITHDRAWN)
    if sent.count() >= forum.max_requests_per_delegate:
        raise ValidationError(
            _("You have sent the %(limit)s requests the forum allows.")
            % {"limit": forum.max_requests_per_delegate}
        )
    if _active_meetings_of(sender).count() >= forum.max_meetings_per_delegate:
        raise ValidationError(
            _("You already have the %(limit)s meetings the forum allows.")
            % {"limit": forum.max_meetings_per_delegate}
        )
    if session_wish not in SessionWish.values:
        raise ValidationError(f"Unknown session wish {session_wish!r}.")
    meeting_request = MeetingRequest(
        forum=forum,
        sender=sender,
        sender_organisation=organisation,
        recipient_organisation=recipient_organisation,
        recipient=recipient,
        about=about,
        pair_low=low,
        pair_high=high,
        message=message,
        session_wish=session_wish,
        priority=priority,
        created_at=now,
        expires_at=now + dt.timedelta(hours=forum.request_expiry_hours),
    )
    try:
        with transaction.atomic():
            meeting_request.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("A meeting request between your organisations is already open.")
        ) from exc
    notices.request_received_notify(meeting_request=meeting_request)
    return meeting_request


def _lock_pending(meeting_request: MeetingRequest) -> MeetingRequest:
    locked = MeetingRequest.objects.select_for_update().get(pk=meeting_request.pk)
    if locked.status != RequestStatus.PENDING:
        raise ValidationError(
            _("This request is no longer open (it is %(status)s).")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _meeting_of_request(
    meeting_request: MeetingRequest, responder: Delegate, now: dt.datetime
) -> Meeting:
    """The meeting an accepted request becomes (not saved yet)."""
    return Meeting(
        forum=meeting_request.forum,
        request=meeting_request,
        organisation_a=meeting_request.sender_organisation,
        organisation_b=meeting_request.recipient_organisation,
        delegate_a=meeting_request.sender,
        delegate_b=responder,
        pair_low=meeting_request.pair_low,
        pair_high=meeting_request.pair_high,
        session_wish=meeting_request.session_wish,
        priority=meeting_request.priority,
        mode=_meeting_mode(meeting_request.sender, responder),
        created_at=now,
    )


def meeting_request_places(
    *, meeting_request: MeetingRequest, responder: Delegate
) -> list[tuple[Slot, Table | None]]:
    """The upcoming places the meeting this request asks for can take at once if
    `responder` accepts it (live booking): the same free places a move is offered
    (`schedules.selectors.meeting_free_places`), for the meeting-to-be."""
    meeting = _meeting_of_request(meeting_request, responder, timezone.now())
    return meeting_free_places(forum=meeting_request.forum, meeting=meeting, upcoming=True)


def _slot_lock(slot: Slot) -> None:
    """Book one slot at a time: two accepts for its last table or online room must not
    both see it free."""
    row_lock(Slot, slot.pk)


@transaction.atomic
def meeting_request_accept(
    *,
    meeting_request: MeetingRequest,
    responder: Delegate,
    slot: Slot | None = None,
    now: dt.datetime | None = None,
) -> Meeting:
    """The recipient accepts: the request becomes a meeting waiting for a slot.

    Where the forum books at acceptance (`Forum.live_booking`), the responder picks one
    of `meeting_request_places` and the meeting is scheduled there in the same
    transaction; if that place was taken meanwhile, nothing is accepted. With no free
    place left at all, the meeting waits for the organisers as without live booking.
    """
    now = now or timezone.now()
    meeting_request = _lock_pending(meeting_request)
    if responder.organisation_id != meeting_request.recipient_organisation_id:
        raise PermissionDenied(_("Only the invited organisation can accept."))
    organisation_may_act_check(organisation=meeting_request.recipient_organisation)
    counterpart_may_meet_check(organisation=meeting_request.sender_organisation)
    forum = meeting_request.forum
    if slot is not None and not forum.live_booking:
        raise ValidationError(
            {"slot": _("The organisers schedule this forum's meetings; accept without a time.")}
        )
    if slot is not None:
        if slot.session.day.forum_id != forum.pk:
            raise ValidationError({"slot": _("The slot belongs to another forum.")})
        _slot_lock(slot)
    for delegate in (meeting_request.sender, responder):
        if _active_meetings_of(delegate).count() >= forum.max_meetings_per_delegate:
            raise ValidationError(
                _("%(person)s already has the %(limit)s meetings the forum allows.")
                % {"person": delegate.user, "limit": forum.max_meetings_per_delegate}
            )
    meeting_request.status = RequestStatus.ACCEPTED
    meeting_request.responded_by = responder
    meeting_request.responded_at = now
    meeting_request.save(update_fields=["status", "responded_by", "responded_at"])
    meeting = _meeting_of_request(meeting_request, responder, now)
    try:
        with transaction.atomic():
            meeting.save(force_insert=True)
    except IntegrityError as exc:
        raise ValidationError(_("Your organisations already have a meeting.")) from exc
    if forum.live_booking:
        booked = _book_at_once(meeting=meeting, slot=slot, by=responder)
        if booked is not None:
            return booked
    notices.request_answered_notify(meeting_request=meeting_request)
    return meeting


def _book_at_once(*, meeting: Meeting, slot: Slot | None, by: Delegate) -> Meeting | None:
    """Live booking: place the new meeting at the picked slot, on the free table (or in a
    free online room) the free-place selector gives; None when no place is free at all."""
    places = meeting_free_places(forum=meeting.forum, meeting=meeting, upcoming=True)
    if slot is None:
        if places:
            raise ValidationError({"slot": _("Pick a time for the meeting.")})
        return None
    chosen = [place for place in places if place[0].pk == slot.pk]
    if not chosen:
        raise ValidationError(
            {
                "slot": _(
                    "That time is not free for this meeting (any more): a delegate is busy "
                    "or unavailable then, or no table or online room is free. Nothing was "
                    "accepted; pick another time."
                )
            }
        )
    slot, table = chosen[0]
    try:
        meeting = meeting_place(meeting=meeting, slot=slot, table=table, online=table is None)
    except DoubleBooking as exc:
        raise ValidationError({"slot": exc.messages[0]}) from exc
    audit_record(
        action=AuditEntry.Action.MEETING_BOOKED,
        actor=by.user,
        target=meeting,
        data={
            "request": meeting.request_id,
            "slot": slot.pk,
            "table": table.pk if table is not None else None,
        },
    )
    _schedule_refresh(meeting, by.user)
    notices.meeting_booked_notify(meeting=meeting)
    return meeting


def meeting_request_settle_by_booking(
    *, forum: Forum, low: int, high: int, now: dt.datetime | None = None
) -> MeetingRequest | None:
    """Close the open request of a pair whose meeting the organiser books directly.

    The request is accepted on the organisation's behalf (no delegate answered, so
    `responded_by` stays empty); it would otherwise stay "waiting for an answer" beside
    the very meeting it asked for, and still hold the pair's one open request. Returns
    the request, locked, for the new meeting to link to, or None when none was open.
    """
    pending = (
        MeetingRequest.objects.select_for_update()
        .filter(forum=forum, pair_low=low, pair_high=high, status=RequestStatus.PENDING)
        .first()
    )
    if pending is None:
        return None
    pending.status = RequestStatus.ACCEPTED
    pending.responded_at = now or timezone.now()
    pending.save(update_fields=["status", "responded_at"])
    return pending


def _meeting_mode(a: Delegate, b: Delegate) -> str:
    return MeetingMode.ONLINE if "online" in (a.attendance, b.attendance) else MeetingMode.ONSITE


@transaction.atomic
def meeting_request_decline(
    *,
    meeting_request: MeetingRequest,
    responder: Delegate,
    reason: str = "",
    now: dt.datetime | None = None,
) -> MeetingRequest:
    reason = text_within(reason, model=MeetingRequest, field="decline_reason", key="reason")
    meeting_request = _lock_pending(meeting_request)
    if responder.organisation_id != meeting_request.recipient_organisation_id:
        raise PermissionDenied(_("Only the invited organisation can decline."))
    organisation_may_act_check(organisation=meeting_request.recipient_organisation)
    counterpart_may_meet_check(organisation=meeting_request.sender_organisation)
    meeting_request.status = RequestStatus.DECLINED
    meeting_request.decline_reason = reason
    meeting_request.responded_by = responder
    meeting_request.responded_at = now or timezone.now()
    meeting_request.save(update_fields=["status", "decline_reason", "responded_by", "responded_at"])
    notices.request_answered_notify(meeting_request=meeting_request)
    return meeting_request


@transaction.atomic
def meeting_request_withdraw(
    *, meeting_request: MeetingRequest, delegate: Delegate, now: dt.datetime | None = None
) -> MeetingRequest:
    meeting_request = _lock_pending(meeting_request)
    if delegate.organisation_id != meeting_request.sender_organisation_id:
        raise PermissionDenied(_("Only the sending organisation can withdraw a request."))
    organisation_may_act_check(organisation=meeting_request.sender_organisation)
    meeting_request.status = RequestStatus.WITHDRAWN
    meeting_request.responded_at = now or timezone.now()
    meeting_request.save(update_fields=["status", "responded_at"])
    return meeting_request


def meeting_requests_expire(*, forum: Forum, now: dt.datetime | None = None) -> list[int]:
    """Expire unanswered requests past their time and tell each sender; returns their ids."""
    now = now or timezone.now()
    expired = []
    # Frozen requests (a side not approved) wait for the re-approval instead of expiring.
    due = (
        MeetingRequest.objects.filter(
            forum=forum, status=RequestStatus.PENDING, expires_at__lte=now
        )
        .filter(requests_between_approved())
        .values_list("pk", flat=True)
    )
    for pk in list(due):
        with transaction.atomic():
            changed = MeetingRequest.objects.filter(pk=pk, status=RequestStatus.PENDING).update(
                status=RequestStatus.EXPIRED, responded_at=now
            )
            if changed:
                meeting_request = MeetingRequest.objects.select_related(
                    "sender__user", "recipient_organisation"
                ).get(pk=pk)
                notices.request_answered_notify(meeting_request=meeting_request)
                expired.append(pk)
    return expired


def meeting_requests_thaw(*, organisation: Organisation, now: dt.datetime | None = None) -> int:
    """After a re-approval: frozen requests that ran out of time while frozen get a fresh
    answering period, so re-approval gives back what the freeze held. Returns how many."""
    now = now or timezone.now()
    forum = organisation.forum
    return (
        MeetingRequest.objects.filter(
            Q(sender_organisation=organisation) | Q(recipient_organisation=organisation),
            forum=forum,
            status=RequestStatus.PENDING,
            expires_at__lte=now,
        )
        .filter(requests_between_approved())
        .update(expires_at=now + dt.timedelta(hours=forum.request_expiry_hours))
    )


def meeting_requests_remind(*, forum: Forum, now: dt.datetime | None = None) -> int:
    """Remind delegates of organisations with unanswered requests (once a day at most)."""
    now = now or timezone.now()
    pending = MeetingRequest.objects.filter(forum=forum, status=RequestStatus.PENDING).filter(
        requests_between_approved()
    )
    counts: dict[int, int] = {}
    for organisation_id in pending.values_list("recipient_organisation_id", flat=True):
        counts[organisation_id] = counts.get(organisation_id, 0) + 1
    told = 0
    for delegate in Delegate.objects.filter(organisation_id__in=counts).select_related("user"):
        told += notices.pending_requests_remind(
            user=delegate.user, count=counts[delegate.organisation_id], now=now
        )
    return told


class DoubleBooking(ValidationError):
    """A placement would put a delegate or a table in two meetings at once."""


@transaction.atomic
def meeting_place(
    *, meeting: Meeting, slot: Slot, table: Table | None, online: bool = False
) -> Meeting:
    """Put a meeting into a slot at a table (or online), refusing any double booking."""
    if slot.session.day.forum_id != meeting.forum_id:
        raise ValidationError(_("The slot belongs to another forum."))
    if table is not None and table.forum_id != meeting.forum_id:
        raise ValidationError(_("The table belongs to another forum."))
    if not online and table is None:
        raise ValidationError(_("An on-site meeting needs a table."))
    if table is not None and not table.is_active:
        raise ValidationError(_("Table %(number)s is not in use.") % {"number": table.number})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be placed."))
    people = meeting_delegate_ids(meeting)
    for delegate_id in people:
        if Delegate.unavailable_slots.through.objects.filter(
            delegate_id=delegate_id, slot_id=slot.pk
        ).exists():
            raise ValidationError(_("A delegate of this meeting cannot attend that slot."))
    if online:
        capacity = meeting.forum.online_capacity_per_slot
        used = (
            Meeting.objects.filter(slot=slot, mode=MeetingMode.ONLINE, table__isnull=True)
            .exclude(status=MeetingStatus.CANCELLED)
            .exclude(pk=meeting.pk)
            .count()
        )
        if used >= capacity:
            raise DoubleBooking(_("No online meeting room is free in that slot."))
    MeetingSeat.objects.filter(meeting=meeting).delete()
    meeting.slot = slot
    meeting.table = None if online else table
    meeting.mode = MeetingMode.ONLINE if online else MeetingMode.ONSITE
    if meeting.status == MeetingStatus.ACCEPTED:
        meeting.status = MeetingStatus.SCHEDULED
    try:
        with transaction.atomic():
            meeting.save(update_fields=["slot", "table", "mode", "status", "updated_at"])
            MeetingSeat.objects.bulk_create(
                [MeetingSeat(meeting=meeting, delegate_id=d, slot=slot) for d in people]
            )
    except IntegrityError as exc:
        raise DoubleBooking(
            _("That slot is taken: a delegate or the table already has a meeting then.")
        ) from exc
    return meeting


def _canceller_side(*, meeting: Meeting, by: User) -> str:
    """ "organiser", or "delegate" for an attendee's organisation; anyone else is refused."""
    if by.can_organise:
        return "organiser"
    delegate = Delegate.objects.filter(
        user=by, organisation_id__in=[meeting.organisation_a_id, meeting.organisation_b_id]
    ).first()
    if delegate is None:
        raise PermissionDenied(_("Only the meeting's organisations or an organiser can do this."))
    organisation_may_act_check(organisation=delegate.organisation)
    return "delegate"


def _schedule_refresh(meeting: Meeting, by: User) -> None:
    """The published schedule, if any, follows the freed or restored place; nothing else
    moves. Imported here because schedules builds on these services."""
    from matchforum.schedules.services import schedule_published_touch

    schedule_published_touch(forum=meeting.forum, user=by, changed=[meeting.pk], notify=False)


def cancel_undo_window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.MEETING_CANCEL_UNDO_MINUTES)


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, by: User, reason: str, now: dt.datetime | None = None
) -> Meeting:
    """Cancel a meeting (by one of its organisations or an organiser) with a reason both
    sides are told. Its seats are freed; slot and table stay on the row so that the
    canceller can undo it within `cancel_undo_window()` while they are still free."""
    now = now or timezone.now()
    side = _canceller_side(meeting=meeting, by=by)
    reason = text_within(reason, model=Meeting, field="cancel_reason", key="reason")
    if not reason:
        raise ValidationError({"reason": _("Give a reason: both sides are told it.")})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting is cancelled already."))
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.NO_SHOW):
        raise ValidationError(_("This meeting has taken place already."))
    MeetingSeat.objects.filter(meeting=meeting).delete()
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason
    meeting.cancelled_by = by
    meeting.cancelled_at = now
    meeting.save(
        update_fields=["status", "cancel_reason", "cancelled_by", "cancelled_at", "updated_at"]
    )
    audit_record(
        action=AuditEntry.Action.MEETING_CANCELLED,
        actor=by,
        target=meeting,
        data={"reason": reason, "side": side, "slot": meeting.slot_id, "table": meeting.table_id},
    )
    if meeting.slot_id is not None:
        _schedule_refresh(meeting, by)
    notices.meeting_cancelled_notify(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_cancel_undo(*, meeting: Meeting, by: User, now: dt.datetime | None = None) -> Meeting:
    """Restore a meeting its canceller cancelled moments ago, at the same slot and table,
    if nobody took them meanwhile (refused with the reason otherwise)."""
    now = now or timezone.now()
    _canceller_side(meeting=meeting, by=by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.CANCELLED or meeting.cancelled_by_id != by.pk:
        raise ValidationError(_("Only whoever cancelled this meeting can restore it."))
    if meeting.cancelled_at is None or now - meeting.cancelled_at > cancel_undo_window():
        raise ValidationError(
            _("A cancellation can be undone within %(minutes)s minutes; that time is over.")
            % {"minutes": settings.MEETING_CANCEL_UNDO_MINUTES}
        )
    if (
        Meeting.objects.filter(
            forum_id=meeting.forum_id, pair_low=meeting.pair_low, pair_high=meeting.pair_high
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .exists()
    ):
        raise ValidationError(_("These organisations have another meeting now."))
    slot, table = meeting.slot, meeting.table
    online = meeting.mode == MeetingMode.ONLINE and table is None
    Meeting.objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.ACCEPTED, slot=None, table=None
    )
    if slot is not None:
        try:
            meeting_place(meeting=meeting, slot=slot, table=table, online=online)
        except ValidationError as exc:
            raise ValidationError(
                _(
                    "Its slot or table was taken meanwhile, so the meeting cannot be "
                    "restored: %(why)s"
                )
                % {"why": " ".join(exc.messages)}
            ) from exc
    Meeting.objects.filter(pk=meeting.pk).update(
        cancel_reason="", cancelled_by=None, cancelled_at=None
    )
    meeting.refresh_from_db()
    audit_record(action=AuditEntry.Action.MEETING_RESTORED, actor=by, target=meeting)
    if slot is not None:
        _schedule_refresh(meeting, by)
    notices.meeting_restored_notify(meeting=meeting, now=now)
    return meeting


# ---------------------------------------------------------------------- the organisers' desk


def meeting_mark(
    *, meeting: Meeting, user: User, status: str, override_reason: str = ""
) -> Meeting:
    """Mark a placed meeting held or no-show (or back to scheduled).

    Held and no-show are recorded only on the forum's days, unless an organiser gives a
    reason (audited); going back to scheduled is always allowed.
    """
    require_organiser(user)
    if status not in (MeetingStatus.HELD, MeetingStatus.NO_SHOW, MeetingStatus.SCHEDULED):
        raise ValidationError(_("Unknown meeting status."))
    if meeting.slot_id is None or meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Only a scheduled meeting can be held or missed."))
    if status != MeetingStatus.SCHEDULED:
        forum_day_rule_apply(
            forum=meeting.forum,
            user=user,
            what=status,
            target=meeting,
            override_reason=override_reason,
        )
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])
    return meeting


@transaction.atomic
def meeting_book(
    *,
    forum: Forum,
    user: User,
    delegate_a: Delegate,
    delegate_b: Delegate,
    slot: Slot | None = None,
    table: Table | None = None,
    walk_in: bool = False,
) -> Meeting:
    """Book a meeting between two delegates (a walk-in placed at once, or left to schedule).

    Double booking is refused by `meeting_place` and, under races, by the database.
    """
    require_organiser(user)
    org_a, org_b = delegate_a.organisation, delegate_b.organisation
    if org_a.forum_id != forum.pk or org_b.forum_id != forum.pk:
        raise ValidationError(_("Both delegates must take part in this forum."))
    if org_a.pk == org_b.pk:
        raise ValidationError(_("A meeting is between two organisations."))
    if not organisations_approved(org_a, org_b):
        # The approval gate (meetings/gating.py) holds for organisers' bookings too.
        raise ValidationError(_("Both organisations must be approved before they meet."))
    low, high = ordered_pair(org_a, org_b)
    if (
        Meeting.objects.filter(forum=forum, pair_low=low, pair_high=high)
        .exclude(status=MeetingStatus.CANCELLED)
        .exists()
    ):
        raise ValidationError(_("These organisations already have a meeting."))
    now = timezone.now()
    settled = meeting_request_settle_by_booking(forum=forum, low=low, high=high, now=now)
    wish = {"session_wish": settled.session_wish, "priority": settled.priority} if settled else {}
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                forum=forum,
                request=settled,
                organisation_a=org_a,
                organisation_b=org_b,
                delegate_a=delegate_a,
                delegate_b=delegate_b,
                pair_low=low,
                pair_high=high,
                mode=MeetingMode.ONSITE,
                is_walk_in=walk_in,
                created_at=now,
                **wish,
            )
    except IntegrityError as exc:
        raise ValidationError(_("These organisations already have a meeting.")) from exc
    if slot is not None:
        try:
            meeting = meeting_place(meeting=meeting, slot=slot, table=table)
        except DoubleBooking as exc:
            raise ValidationError(exc.messages[0]) from exc
    return meeting


# ---------------------------------------------------------------------- asking to move


def _side_check(*, meeting: Meeting, delegate: Delegate) -> None:
    if delegate.organisation_id not in (meeting.organisation_a_id, meeting.organisation_b_id):
        raise PermissionDenied(_("Only the meeting's organisations can do this."))
    organisation_may_act_check(organisation=delegate.organisation)


def meeting_move_places(*, meeting: Meeting) -> list[tuple[Slot, Table | None]]:
    """The upcoming places a placed meeting can move to without moving anyone: every
    attendee free and available, a table or an online room free, its session rules kept
    (the waiting list's rules, `schedules.selectors.meeting_free_places`)."""
    return meeting_free_places(forum=meeting.forum, meeting=meeting, upcoming=True)


@transaction.atomic
def meeting_move_propose(
    *, meeting: Meeting, by: Delegate, slot: Slot, now: dt.datetime | None = None
) -> MeetingMoveProposal:
    """One side proposes a free slot for its placed meeting; the other side answers.
    A newer proposal replaces an open one."""
    _side_check(meeting=meeting, delegate=by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.SCHEDULED or meeting.slot_id is None:
        raise ValidationError(_("Only a scheduled meeting can be moved."))
    if meeting.pinned_slot_id is not None:
        raise ValidationError(_("The organisers fixed this meeting's time; ask them to move it."))
    if slot.pk not in {place.pk for place, _table in meeting_move_places(meeting=meeting)}:
        raise ValidationError(
            {
                "slot": _(
                    "That slot is not free for this meeting: an attendee is busy or "
                    "unavailable then, or no table or online room is free."
                )
            }
        )
    MeetingMoveProposal.objects.filter(meeting=meeting, status=MoveStatus.PENDING).update(
        status=MoveStatus.WITHDRAWN, responded_at=now or timezone.now()
    )
    proposal = MeetingMoveProposal.objects.create(
        meeting=meeting, proposed_by=by, slot=slot, created_at=now or timezone.now()
    )
    notices.meeting_move_proposed_notify(proposal=proposal)
    return proposal


def _lock_open_proposal(proposal: MeetingMoveProposal, by: Delegate) -> MeetingMoveProposal:
    locked = (
        MeetingMoveProposal.objects.select_for_update()
        .select_related("meeting", "proposed_by")
        .get(pk=proposal.pk)
    )
    _side_check(meeting=locked.meeting, delegate=by)
    if by.organisation_id == locked.proposed_by.organisation_id:
        raise PermissionDenied(_("Only the other side answers a proposal to move."))
    if locked.status != MoveStatus.PENDING:
        raise ValidationError(_("This proposal is no longer open."))
    return locked


@transaction.atomic
def meeting_move_accept(
    *, proposal: MeetingMoveProposal, by: Delegate, now: dt.datetime | None = None
) -> Meeting:
    """The other side accepts: the meeting moves to the proposed slot (if it is still
    free), nothing else moves, and both sides are told where it is now."""
    proposal = _lock_open_proposal(proposal, by)
    meeting = proposal.meeting
    places = [p for p in meeting_move_places(meeting=meeting) if p[0].pk == proposal.slot_id]
    if not places:
        raise ValidationError(_("That slot is no longer free; propose another one."))
    slot, table = places[0]
    try:
        meeting = meeting_place(meeting=meeting, slot=slot, table=table, online=table is None)
    except DoubleBooking as exc:
        raise ValidationError(exc.messages[0]) from exc
    proposal.status = MoveStatus.ACCEPTED
    proposal.responded_by = by
    proposal.responded_at = now or timezone.now()
    proposal.save(update_fields=["status", "responded_by", "responded_at"])
    _schedule_refresh(meeting, by.user)
    meeting_moved_notify(
        meeting=meeting,
        users=notices.meeting_attendee_users(meeting),
        when=slot.starts_at.astimezone(ZoneInfo(meeting.forum.time_zone)),
        table_number=table.number if table is not None else None,
    )
    return meeting


@transaction.atomic
def meeting_move_decline(
    *, proposal: MeetingMoveProposal, by: Delegate, now: dt.datetime | None = None
) -> MeetingMoveProposal:
    """The other side declines: the meeting stays where it is; the proposer is told."""
    proposal = _lock_open_proposal(proposal, by)
    proposal.status = MoveStatus.DECLINED
    proposal.responded_by = by
    proposal.responded_at = now or timezone.now()
    proposal.save(update_fields=["status", "responded_by", "responded_at"])
    notices.meeting_move_declined_notify(proposal=proposal)
    return proposal


# ---------------------------------------------------------------------- bringing a colleague

#: Meetings a colleague can be added to or removed from: agreed, not over.
ATTENDEE_STATUSES = (MeetingStatus.ACCEPTED, MeetingStatus.SCHEDULED)


def _attendee_meeting_lock(*, meeting: Meeting, by: Delegate) -> Meeting:
    """The meeting, locked, after checking that `by` is of one of its sides, both sides
    are approved (meetings/gating.py) and the meeting is agreed and not over."""
    _side_check(meeting=meeting, delegate=by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    other = (
        meeting.organisation_b
        if by.organisation_id == meeting.organisation_a_id
        else meeting.organisation_a
    )
    counterpart_may_meet_check(organisation=other)
    if meeting.status not in ATTENDEE_STATUSES:
        raise ValidationError(
            _("Colleagues can join an accepted or scheduled meeting only (this one is %(s)s).")
            % {"s": meeting.get_status_display().lower()}
        )
    return meeting


@transaction.atomic
def meeting_attendee_add(
    *, meeting: Meeting, by: Delegate, colleague: Delegate, now: dt.datetime | None = None
) -> MeetingAttendee:
    """A delegate of one side brings a colleague of their own organisation to the meeting.

    For a scheduled meeting the colleague must be free in its slot (no other meeting, not
    unavailable) and under the forum's cap of meetings; they get a seat, so the database
    refuses a double booking under races too. The other side and the colleague are told.
    """
    now = now or timezone.now()
    meeting = _attendee_meeting_lock(meeting=meeting, by=by)
    if colleague.organisation_id != by.organisation_id:
        raise ValidationError(
            {"colleague": _("You can bring a colleague of your own organisation only.")}
        )
    if not colleague.user.is_active:
        raise ValidationError({"colleague": _("This colleague's account is closed.")})
    if colleague.pk in meeting_delegate_ids(meeting):
        raise ValidationError(
            {
                "colleague": _("%(person)s takes part in this meeting already.")
                % {"person": colleague.user}
            }
        )
    forum = meeting.forum
    row_lock(Delegate, colleague.pk)
    if _active_meetings_of(colleague).count() >= forum.max_meetings_per_delegate:
        raise ValidationError(
            {
                "colleague": _("%(person)s already has the %(limit)s meetings the forum allows.")
                % {"person": colleague.user, "limit": forum.max_meetings_per_delegate}
            }
        )
    if meeting.slot_id is not None:
        if colleague.unavailable_slots.filter(pk=meeting.slot_id).exists():
            raise ValidationError(
                {
                    "colleague": _("%(person)s cannot attend at that time.")
                    % {"person": colleague.user}
                }
            )
        if MeetingSeat.objects.filter(delegate=colleague, slot_id=meeting.slot_id).exists():
            raise ValidationError(
                {
                    "colleague": _("%(person)s has another meeting at that time.")
                    % {"person": colleague.user}
                }
            )
    try:
        with transaction.atomic():
            attendee = MeetingAttendee.objects.create(
                meeting=meeting, delegate=colleague, added_by=by.user, added_at=now
            )
            if meeting.slot_id is not None:
                MeetingSeat.objects.create(
                    meeting=meeting, delegate=colleague, slot_id=meeting.slot_id
                )
    except IntegrityError as exc:
        raise ValidationError(
            {
                "colleague": _("%(person)s has another meeting at that time.")
                % {"person": colleague.user}
            }
        ) from exc
    audit_record(
        action=AuditEntry.Action.MEETING_ATTENDEE_ADDED,
        actor=by.user,
        target=meeting,
        data={"delegate": colleague.pk, "slot": meeting.slot_id},
    )
    notices.meeting_attendee_notify(meeting=meeting, colleague=attendee, added=True, now=now)
    return attendee


@transaction.atomic
def meeting_attendee_remove(
    *, meeting: Meeting, by: Delegate, colleague: Delegate, now: dt.datetime | None = None
) -> None:
    """A delegate of the colleague's organisation takes them off the meeting (their seat
    is freed); the other side and the colleague are told."""
    now = now or timezone.now()
    meeting = _attendee_meeting_lock(meeting=meeting, by=by)
    if colleague.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Only the colleague's own organisation can take them off."))
    attendee = (
        MeetingAttendee.objects.filter(meeting=meeting, delegate=colleague)
        .select_related("delegate__user", "delegate__organisation")
        .first()
    )
    if attendee is None:
        raise ValidationError(
            _("%(person)s does not join this meeting.") % {"person": colleague.user}
        )
    MeetingSeat.objects.filter(meeting=meeting, delegate=colleague).delete()
    attendee.delete()
    audit_record(
        action=AuditEntry.Action.MEETING_ATTENDEE_REMOVED,
        actor=by.user,
        target=meeting,
        data={"delegate": colleague.pk, "slot": meeting.slot_id},
    )
    notices.meeting_attendee_notify(meeting=meeting, colleague=attendee, added=False, now=now)
