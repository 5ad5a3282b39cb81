"""Writes of meeting requests and meetings.

Every rule a delegate can run into answers with a `ValidationError` whose message
can be shown as it is. Double bookings are refused twice: here, with a clear
message, and by the database's unique constraints, which hold under races.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.core.permissions import require_organiser
from matchforum.forums.models import Forum, Slot, Table
from matchforum.organisations.models import Accreditation, Delegate, Organisation

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
    MeetingMode,
    MeetingRequest,
    MeetingSeat,
    MeetingStatus,
    Priority,
    RequestStatus,
    SessionWish,
)


def ordered_pair(a: Organisation, b: Organisation) -> tuple[int, int]:
    return (a.pk, b.pk) if a.pk < b.pk else (b.pk, a.pk)


def _active_meetings_of(delegate: Delegate):
    return Meeting.objects.filter(
        Q(delegate_a=delegate) | Q(delegate_b=delegate), status__in=ACTIVE_MEETING_STATUSES
    )


def _check_deadline(forum: Forum, now: dt.datetime) -> None:
    if forum.request_deadline and now > forum.request_deadline:
        raise ValidationError(_("The deadline for meeting requests has passed."))


TEXT_LIMIT = 1000  # characters of a request's message and of a decline reason


def _text_within(value: str, *, field: str) -> str:
    """The text as written, or a clear error on its field: nothing is ever cut."""
    text = value.strip()
    if len(text) > TEXT_LIMIT:
        raise ValidationError(
            {
                field: _("At most %(limit)s characters, not %(count)s.")
                % {"limit": TEXT_LIMIT, "count": len(text)}
            }
        )
    return text


@transaction.atomic
def meeting_request_send(
    *,
    sender: Delegate,
    recipient_organisation: Organisation,
    message: str = "",
    session_wish: str = SessionWish.ANY,
    priority: int = Priority.NICE,
    recipient: Delegate | None = None,
    now: dt.datetime | None = None,
) -> MeetingRequest:
    """Ask another organisation for a meeting, within the forum's rules."""
    now = now or timezone.now()
    organisation = sender.organisation
    forum = organisation.forum
    organisation_may_act_check(organisation=organisation)
    message = _text_within(message, field="message")
    if (
        recipient_organisation.forum_id != forum.pk
        or recipient_organisation.accreditation != Accreditation.APPROVED
    ):
        raise ValidationError(_("This organisation cannot receive meeting requests."))
    if recipient_organisation.pk == organisation.pk:
        raise ValidationError(_("You cannot request a meeting with your own organisation."))
    if recipient is not None and recipient.organisation_id != recipient_organisation.pk:
        raise ValidationError(_("That delegate is not part of the organisation."))
    _check_deadline(forum, now)
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


@transaction.atomic
def meeting_request_accept(
    *, meeting_request: MeetingRequest, responder: Delegate, now: dt.datetime | None = None
) -> Meeting:
    """The recipient accepts: the request becomes a meeting waiting for a slot."""
    now = now or timezone.now()
    meeting_request = _lock_pending(meeting_request)
    if responder.organisation_id != meeting_request.recipient_organisation_id:
        raise PermissionDenied(_("Only the invited organisation can accept."))
    organisation_may_act_check(organisation=meeting_request.recipient_organisation)
    counterpart_may_meet_check(organisation=meeting_request.sender_organisation)
    forum = meeting_request.forum
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
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                forum=forum,
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
    except IntegrityError as exc:
        raise ValidationError(_("Your organisations already have a meeting.")) from exc
    notices.request_answered_notify(meeting_request=meeting_request)
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
    reason = _text_within(reason, field="reason")
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
    for delegate_id in (meeting.delegate_a_id, meeting.delegate_b_id):
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
                [
                    MeetingSeat(meeting=meeting, delegate_id=meeting.delegate_a_id, slot=slot),
                    MeetingSeat(meeting=meeting, delegate_id=meeting.delegate_b_id, slot=slot),
                ]
            )
    except IntegrityError as exc:
        raise DoubleBooking(
            _("That slot is taken: a delegate or the table already has a meeting then.")
        ) from exc
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> Meeting:
    """Cancel a meeting; its slot, table and seats become free."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    MeetingSeat.objects.filter(meeting=meeting).delete()
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status", "updated_at"])
    return meeting


# ---------------------------------------------------------------------- the organisers' desk


def meeting_mark(*, meeting: Meeting, user: User, status: str) -> Meeting:
    """Mark a placed meeting held or no-show (or back to scheduled)."""
    require_organiser(user)
    if status not in (MeetingStatus.HELD, MeetingStatus.NO_SHOW, MeetingStatus.SCHEDULED):
        raise ValidationError(_("Unknown meeting status."))
    if meeting.slot_id is None or meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Only a scheduled meeting can be held or missed."))
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])
    return meeting


def meeting_cancel_by_organiser(*, meeting: Meeting, user: User, reason: str = "") -> Meeting:
    """Cancel a meeting from the organisers' desk; both delegates are told, with the
    reason when one is given."""
    require_organiser(user)
    reason = _text_within(reason, field="reason")
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.NO_SHOW):
        raise ValidationError(_("This meeting has taken place already."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting is cancelled already."))
    with transaction.atomic():
        meeting = meeting_cancel(meeting=meeting)
        notices.meeting_cancelled_notify(meeting=meeting, reason=reason)
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
