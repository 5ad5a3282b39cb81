"""Meeting requests (send, inbox and outbox, accept, decline, withdraw) and a delegate's
own meetings (cancel with a reason, undo, ask to move, bring a colleague)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.access import delegate_required
from matchforum.core.forms import form_add_service_error, message_service_error, service_error_text
from matchforum.core.shortcuts import bad_request
from matchforum.forums.selectors import forum_slots
from matchforum.marketplace.selectors import (
    counterpart_item,
    marketplace_organisation,
    requestable_items,
)
from matchforum.organisations.models import Delegate
from matchforum.recommendations.selectors import pair_topics

from .forms import BookForm, CancelForm, DeclineForm, MeetingRequestForm, MoveForm
from .models import MeetingMode, RequestStatus
from .rooms import camera_test_room_name, meeting_room_name, room_address
from .selectors import (
    colleague_of,
    meeting_cancel_state,
    meeting_of_attendee,
    meeting_of_organisation,
    move_proposal_of_organisation,
    move_proposal_open,
    pair_status,
    request_counts,
    request_received_by,
    request_sent_by,
    requests_inbox,
    requests_outbox,
)
from .services import (
    meeting_attendee_add,
    meeting_attendee_remove,
    meeting_cancel,
    meeting_cancel_undo,
    meeting_move_accept,
    meeting_move_decline,
    meeting_move_places,
    meeting_move_propose,
    meeting_request_accept,
    meeting_request_decline,
    meeting_request_places,
    meeting_request_send,
    meeting_request_withdraw,
)


@require_POST
@delegate_required(approved=True)
def send(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    counterpart = marketplace_organisation(
        user=request.user, forum=request.forum, pk=organisation_pk
    )
    if counterpart is None:
        raise Http404(_("No such organisation."))
    if counterpart.pk == request.delegate.organisation_id:
        # No page offers this; a hand-made request is told why rather than "not found".
        return bad_request(request, _("You cannot request a meeting with your own organisation."))
    form = MeetingRequestForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            meeting_request_send(
                sender=request.delegate,
                recipient_organisation=counterpart,
                message=form.cleaned_data["message"],
                session_wish=form.cleaned_data["session_wish"],
                about=_item_of(counterpart, form.cleaned_data["about"]),
            )
        except (ValidationError, PermissionDenied) as exc:
            error = service_error_text(exc)
    else:
        error = _("Please correct the message or the session wish.")
    if request.htmx:
        context = {
            "counterpart": counterpart,
            "pair": pair_status(a=request.delegate.organisation, b=counterpart),
            "form": form,
            "requestable": requestable_items(
                user=request.user, viewer=request.delegate.organisation, owner=counterpart
            ),
            "error": error,
            "sent": not error,
            "compact": request.POST.get("compact") == "1",
        }
        return render(request, "meetings/_request_area.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your meeting request is sent."))
    return redirect("marketplace:organisation", pk=counterpart.pk)


def _item_of(counterpart, pk: int | None):
    """The counterpart's offer or need named by the form (None: none named)."""
    if pk is None:
        return None
    item = counterpart_item(owner=counterpart, pk=pk)
    if item is None:
        raise ValidationError(_("No such offer or need."))
    return item


def _with_topics(requests, organisation, counterpart_field: str) -> list:
    """Each request with what the other organisation brings (to decide at a glance)."""
    items = list(requests)
    for item in items:
        item.topics = pair_topics(own=organisation, other=getattr(item, counterpart_field))
    return items


@delegate_required(approved=True)
def inbox(request: HttpRequest) -> HttpResponse:
    organisation = request.delegate.organisation
    context = {
        "requests": _with_topics(
            requests_inbox(user=request.user, forum=request.forum, organisation=organisation),
            organisation,
            "sender_organisation",
        ),
        "box": "inbox",
        "counts": request_counts(delegate=request.delegate),
        "decline_form": DeclineForm(),
    }
    return render(request, "meetings/box.html", context)


@delegate_required(approved=True)
def outbox(request: HttpRequest) -> HttpResponse:
    organisation = request.delegate.organisation
    context = {
        "requests": _with_topics(
            requests_outbox(user=request.user, forum=request.forum, organisation=organisation),
            organisation,
            "recipient_organisation",
        ),
        "box": "outbox",
        "counts": request_counts(delegate=request.delegate),
    }
    return render(request, "meetings/box.html", context)


def _answer(
    request: HttpRequest,
    meeting_request,
    action,
    success: str,
    box: str,
    decline_form: DeclineForm | None = None,
):
    try:
        action()
    except (ValidationError, PermissionDenied) as exc:
        error, ok = service_error_text(exc), ""
    else:
        error, ok = "", success
    if request.htmx:
        meeting_request.refresh_from_db()
        context = {
            "item": meeting_request,
            "box": box,
            "error": error,
            "ok": ok,
            # a refused decline keeps what was typed
            "decline_form": decline_form if error and decline_form is not None else DeclineForm(),
        }
        return render(request, "meetings/_request_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, ok)
    return redirect(f"meetings:{box}")


@require_POST
@delegate_required(approved=True)
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    item = request_received_by(
        user=request.user, forum=request.forum, organisation=request.delegate.organisation, pk=pk
    )
    if item is None:
        raise Http404
    return _answer(
        request,
        item,
        lambda: meeting_request_accept(meeting_request=item, responder=request.delegate),
        _("Accepted. The meeting will be scheduled by the organisers."),
        "inbox",
    )


@delegate_required(approved=True)
def book(request: HttpRequest, pk: int) -> HttpResponse:
    """Live booking: accept a request and pick one of its free times at once."""
    item = request_received_by(
        user=request.user, forum=request.forum, organisation=request.delegate.organisation, pk=pk
    )
    if item is None or not request.forum.live_booking:
        raise Http404
    places = (
        meeting_request_places(meeting_request=item, responder=request.delegate)
        if item.status == RequestStatus.PENDING
        else []
    )
    form = BookForm(request.POST or None, places=_place_choices(request, places))
    if request.method == "POST" and form.is_valid():
        slot = forum_slots(forum=request.forum).filter(pk=form.cleaned_data["slot"]).first()
        try:
            if slot is None:
                raise ValidationError({"slot": _("No such time in this forum.")})
            meeting_request_accept(meeting_request=item, responder=request.delegate, slot=slot)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, service_error_text(exc))
        else:
            messages.success(request, _("Accepted and booked; both sides are told."))
            return redirect("agenda:agenda")
    return render(request, "meetings/book.html", {"item": item, "form": form})


@require_POST
@delegate_required(approved=True)
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    item = request_received_by(
        user=request.user, forum=request.forum, organisation=request.delegate.organisation, pk=pk
    )
    if item is None:
        raise Http404
    form = DeclineForm(request.POST)

    def decline() -> None:
        if not form.is_valid():  # e.g. a reason over the limit: nothing is declined or cut
            raise ValidationError(form.errors["reason"])
        meeting_request_decline(
            meeting_request=item, responder=request.delegate, reason=form.cleaned_data["reason"]
        )

    return _answer(request, item, decline, _("Declined."), "inbox", decline_form=form)


@require_POST
@delegate_required(approved=True)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = request_sent_by(
        user=request.user, forum=request.forum, organisation=request.delegate.organisation, pk=pk
    )
    if item is None:
        raise Http404
    return _answer(
        request,
        item,
        lambda: meeting_request_withdraw(meeting_request=item, delegate=request.delegate),
        _("Withdrawn."),
        "outbox",
    )


def _own_meeting(request: HttpRequest, pk: int):
    meeting = meeting_of_organisation(delegate=request.delegate, pk=pk)
    if meeting is None:
        raise Http404(_("No such meeting."))
    return meeting


@delegate_required(approved=True)
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: confirm with a reason, showing who is told; POST: cancel."""
    meeting = _own_meeting(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_cancel(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("The meeting is cancelled; both sides are told."))
            return redirect("meetings:cancel", pk=meeting.pk)
    meeting.refresh_from_db()
    context = {**meeting_cancel_state(meeting=meeting, user=request.user), "form": form}
    context["undo_url"] = "meetings:cancel_undo"
    return render(request, "meetings/cancel.html", context)


@require_POST
@delegate_required(approved=True)
def cancel_undo(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _own_meeting(request, pk)
    try:
        meeting_cancel_undo(meeting=meeting, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        message_service_error(request, exc)
        return redirect("meetings:cancel", pk=meeting.pk)
    messages.success(request, _("The meeting is restored."))
    return redirect("agenda:agenda")


def _place_choices(request: HttpRequest, places: list) -> list[tuple[int, str]]:
    """Free (slot, table) places as form choices: the time, and the table or "online"."""
    tz = ZoneInfo(request.forum.time_zone)
    return [
        (
            slot.pk,
            formats.date_format(slot.starts_at.astimezone(tz), "D j M Y H:i")
            + " · "
            + (_("online") if table is None else _("Table %(number)s") % {"number": table.number}),
        )
        for slot, table in places
    ]


@delegate_required(approved=True)
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose a free slot for a placed meeting; see and answer the other side's proposal."""
    meeting = _own_meeting(request, pk)
    places = meeting_move_places(meeting=meeting) if meeting.slot_id else []
    form = MoveForm(request.POST or None, places=_place_choices(request, places))
    if request.method == "POST" and form.is_valid():
        slot = next(s for s, _table in places if s.pk == form.cleaned_data["slot"])
        try:
            meeting_move_propose(meeting=meeting, by=request.delegate, slot=slot)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Your proposal is sent; the other side answers it."))
            return redirect("meetings:move", pk=meeting.pk)
    proposal = move_proposal_open(meeting=meeting)
    context = {
        "meeting": meeting,
        "form": form,
        "proposal": proposal,
        "mine": proposal is not None
        and proposal.proposed_by.organisation_id == request.delegate.organisation_id,
    }
    return render(request, "meetings/move.html", context)


def _own_proposal(request: HttpRequest, pk: int):
    proposal = move_proposal_of_organisation(delegate=request.delegate, pk=pk)
    if proposal is None:
        raise Http404(_("No such proposal."))
    return proposal


@require_POST
@delegate_required(approved=True)
def move_accept(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _own_proposal(request, pk)
    try:
        meeting_move_accept(proposal=proposal, by=request.delegate)
    except ValidationError as exc:
        message_service_error(request, exc)
        return redirect("meetings:move", pk=proposal.meeting_id)
    messages.success(request, _("The meeting is moved; both sides are told."))
    return redirect("agenda:agenda")


@require_POST
@delegate_required(approved=True)
def move_decline(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _own_proposal(request, pk)
    try:
        meeting_move_decline(proposal=proposal, by=request.delegate)
    except ValidationError as exc:
        message_service_error(request, exc)
    else:
        messages.success(request, _("Declined; the meeting stays where it is."))
    return redirect("meetings:move", pk=proposal.meeting_id)


def _to_room(request: HttpRequest, room: str) -> HttpResponse:
    address = room_address(forum=request.forum, room=room, user=request.user)
    if not address:
        raise Http404(_("This forum has no online meeting system."))
    response = redirect(address)
    response["Cache-Control"] = "no-store"  # the address may carry a personal token
    return response


@delegate_required(approved=True)
def room(request: HttpRequest, pk: int) -> HttpResponse:
    """Open an online meeting's room: its attendees only, everyone else gets 404."""
    meeting = meeting_of_attendee(delegate=request.delegate, pk=pk)
    if meeting is None or meeting.mode != MeetingMode.ONLINE or meeting.table_id is not None:
        raise Http404(_("No such online meeting."))
    return _to_room(request, meeting_room_name(meeting))


@delegate_required
def room_test(request: HttpRequest) -> HttpResponse:
    """A room of one's own to test camera and microphone."""
    return _to_room(request, camera_test_room_name(request.user))


def _colleague(request: HttpRequest) -> Delegate:
    try:
        pk = int(request.POST.get("colleague", ""))
    except ValueError:
        pk = 0
    colleague = colleague_of(delegate=request.delegate, pk=pk)
    if colleague is None:
        raise Http404(_("No such colleague."))
    return colleague


@require_POST
@delegate_required(approved=True)
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Bring a colleague of one's own organisation to a meeting (from the agenda)."""
    meeting = _own_meeting(request, pk)
    colleague = _colleague(request)
    try:
        meeting_attendee_add(meeting=meeting, by=request.delegate, colleague=colleague)
    except (ValidationError, PermissionDenied) as exc:
        message_service_error(request, exc)
    else:
        messages.success(
            request,
            _("%(person)s joins the meeting; the other side is told.") % {"person": colleague.user},
        )
    return redirect("agenda:agenda")


@require_POST
@delegate_required(approved=True)
def attendee_remove(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _own_meeting(request, pk)
    colleague = _colleague(request)
    try:
        meeting_attendee_remove(meeting=meeting, by=request.delegate, colleague=colleague)
    except (ValidationError, PermissionDenied) as exc:
        message_service_error(request, exc)
    else:
        messages.success(
            request,
            _("%(person)s no longer joins the meeting; the other side is told.")
            % {"person": colleague.user},
        )
    return redirect("agenda:agenda")
