"""On site: check-in, held or no-show, and walk-ins that never double-book."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from matchforum.forums.models import ForumDay, Slot
from matchforum.forums.selectors import forum_local_date
from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.meetings.services import meeting_book, meeting_place
from matchforum.organisations.models import Accreditation
from matchforum.schedules.selectors import free_places
from tests.factories import OrganisationFactory, meeting_build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _slots_in_future(forum):
    """The factory forum is in 2027: its slots are all ahead, as on the morning of a forum."""
    assert Slot.objects.filter(session__day__forum=forum).exists()


def test_walk_in_is_booked_into_a_free_slot_and_table(client, forum, make_delegate, organiser):
    a, b = make_delegate(), make_delegate()
    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at")[0]
    table = forum.tables.get(number=1)  # the first free table of the slot is offered
    client.force_login(organiser)
    response = client.post(
        reverse("console:meeting_add"),
        {"delegate_a": a.pk, "delegate_b": b.pk, "place": f"{slot.pk}:{table.pk}"},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(delegate_a=a, delegate_b=b)
    assert (meeting.slot, meeting.table, meeting.status, meeting.is_walk_in) == (
        slot,
        table,
        MeetingStatus.SCHEDULED,
        True,
    )


def test_walk_in_refuses_a_taken_table_and_a_busy_delegate(forum, make_delegate, organiser):
    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at")[0]
    table = forum.tables.get(number=1)
    a, b = make_delegate(), make_delegate()
    meeting_place(meeting=meeting_build(a, b), slot=slot, table=table)
    c, d = make_delegate(), make_delegate()
    with pytest.raises(ValidationError, match="taken"):
        meeting_book(
            forum=forum, user=organiser, delegate_a=c, delegate_b=d, slot=slot, table=table
        )
    # a already sits at table 1 in that slot: table 2 is free, a is not.
    with pytest.raises(ValidationError, match="taken"):
        meeting_book(
            forum=forum,
            user=organiser,
            delegate_a=a,
            delegate_b=d,
            slot=slot,
            table=forum.tables.get(number=2),
        )
    # Nothing half-made stays behind.
    assert Meeting.objects.filter(forum=forum).count() == 1
    # The offered places never include that slot for a, nor table 1 in it.
    offered = free_places(forum=forum, delegates=[a, d])
    assert slot.pk not in {s.pk for s, _t in offered}
    offered = free_places(forum=forum, delegates=[c, d])
    assert (slot.pk, table.pk) not in {(s.pk, t.pk) for s, t in offered}


def test_walk_in_form_keeps_input_and_shows_error(client, forum, make_delegate, organiser):
    a = make_delegate()
    client.force_login(organiser)
    response = client.post(reverse("console:meeting_add"), {"delegate_a": a.pk, "delegate_b": a.pk})
    assert response.status_code == 200
    assert "another organisation" in response.content.decode()
    assert f'name="delegate_a" value="{a.pk}" checked' in response.content.decode()


def test_check_in_in_one_click(client, forum, make_delegate, organiser):
    ForumDay.objects.create(forum=forum, date=forum_local_date(forum=forum))  # on the day
    delegate = make_delegate(name="Baltic Drones")
    client.force_login(organiser)
    found = client.get(reverse("console:checkin"), {"q": "baltic"})
    assert "Baltic Drones" in found.content.decode()
    client.post(reverse("console:checkin_toggle", args=[delegate.pk]))
    delegate.refresh_from_db()
    assert delegate.checked_in_at is not None
    client.post(reverse("console:checkin_toggle", args=[delegate.pk]), {"undo": "1"})
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None


def test_held_and_no_show_marks(client, forum, make_delegate, organiser):
    ForumDay.objects.create(forum=forum, date=forum_local_date(forum=forum))  # on the day
    meeting = meeting_build(make_delegate(), make_delegate())
    client.force_login(organiser)
    url = reverse("console:meeting_action", args=[meeting.pk])
    client.post(url, {"action": "held"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ACCEPTED  # not placed: cannot be held
    slot = Slot.objects.filter(session__day__forum=forum).first()
    meeting_place(meeting=meeting, slot=slot, table=forum.tables.first())
    client.post(url, {"action": "no_show"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NO_SHOW
    client.post(reverse("console:meeting_cancel", args=[meeting.pk]), {"reason": "Double entry."})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NO_SHOW  # what happened is not cancelled afterwards


def test_booking_a_pair_closes_its_open_request(client, forum, make_delegate, organiser):
    from matchforum.meetings.models import MeetingRequest, RequestStatus
    from tests.factories import MeetingRequestFactory

    sender, recipient = make_delegate(), make_delegate()
    request = MeetingRequestFactory(
        sender=sender,
        recipient_organisation=recipient.organisation,
        priority=3,
        session_wish="morning",
        created_at=timezone.now(),
    )
    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at")[0]
    table = forum.tables.get(number=1)
    client.force_login(organiser)
    response = client.post(
        reverse("console:meeting_add"),
        {"delegate_a": sender.pk, "delegate_b": recipient.pk, "place": f"{slot.pk}:{table.pk}"},
    )
    assert response.status_code == 302
    request = MeetingRequest.objects.get(pk=request.pk)
    meeting = Meeting.objects.get(delegate_a=sender, delegate_b=recipient)
    assert request.status == RequestStatus.ACCEPTED and request.responded_at is not None
    assert (meeting.request, meeting.priority, meeting.session_wish) == (request, 3, "morning")

    client.force_login(sender.user)
    outbox = client.get(reverse("meetings:outbox")).content.decode()
    assert "Waiting for an answer" not in outbox and "Accepted" in outbox
    page = client.get(reverse("marketplace:organisation", args=[recipient.organisation.pk]))
    assert "Meeting agreed" in page.content.decode()
    assert "Waiting for their answer" not in page.content.decode()
    entries = client.get(reverse("agenda:agenda")).context["entries"]
    assert [e.meeting for e in entries] == [meeting]


def test_a_refused_booking_leaves_the_request_open(forum, make_delegate, organiser):
    from matchforum.meetings.models import MeetingRequest, RequestStatus
    from tests.factories import MeetingRequestFactory

    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at")[0]
    table = forum.tables.get(number=1)
    meeting_place(meeting=meeting_build(make_delegate(), make_delegate()), slot=slot, table=table)
    sender, recipient = make_delegate(), make_delegate()
    request = MeetingRequestFactory(
        sender=sender, recipient_organisation=recipient.organisation, created_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="taken"):
        meeting_book(
            forum=forum,
            user=organiser,
            delegate_a=sender,
            delegate_b=recipient,
            slot=slot,
            table=table,
        )
    assert MeetingRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING


@pytest.mark.parametrize(
    ("next_value", "goes_to"),
    [
        ("/console/meetings/?page=2", "/console/meetings/?page=2"),
        ("not-a-path", "/console/meetings/"),  # `redirect` would take it for a URL name
        ("https://evil.example/", "/console/meetings/"),
        ("//evil.example/", "/console/meetings/"),
    ],
)
def test_after_an_action_only_a_local_next_is_followed(
    client, forum, make_delegate, organiser, next_value, goes_to
):
    meeting = meeting_build(make_delegate(), make_delegate())
    client.force_login(organiser)
    response = client.post(
        reverse("console:meeting_action", args=[meeting.pk]),
        {"action": "cancel", "next": next_value},
    )
    assert response.status_code == 302
    assert response.url == goes_to


def test_the_walk_in_form_lists_no_delegates_until_searched(
    client, forum, make_delegate, organiser
):
    others = [make_delegate(name=f"Quiet Works {n}") for n in range(5)]
    client.force_login(organiser)
    page = client.get(reverse("console:meeting_add")).content.decode()
    assert "<select" not in page.split('id="id_place"')[0]
    assert not any(d.organisation.name in page for d in others)
    assert 'hx-get="/console/search/delegates/?field=delegate_a"' in page


def test_the_delegate_search_shows_the_first_matches_and_says_when_there_are_more(
    client, forum, make_delegate, organiser
):
    for n in range(25):
        make_delegate(name=f"Amber Robotics {n:02d}")
    make_delegate(name="Amber Pending", accreditation=Accreditation.PENDING)
    client.force_login(organiser)
    url = reverse("console:delegate_search")
    many = client.get(url, {"field": "delegate_b", "delegate_b_search": "amber"})
    html = many.content.decode()
    assert html.count('type="radio" name="delegate_b"') == 20
    assert "More than 20 match: refine your search." in html
    assert "Amber Pending" not in html  # only approved organisations can meet
    few = client.get(url, {"field": "delegate_b", "delegate_b_search": "robotics 07"})
    assert few.content.decode().count('type="radio"') == 1
    assert "refine your search" not in few.content.decode()
    assert client.get(url, {"field": "<script>"}).status_code == 400


def test_only_organisers_search_delegates(client, forum, make_delegate, vetting_officer):
    delegate = make_delegate(name="Amber Robotics")
    url = reverse("console:delegate_search")
    query = {"field": "delegate_a", "delegate_a_search": "amber"}
    assert client.get(url, query).status_code == 302  # anonymous: to sign-in
    client.force_login(delegate.user)
    assert client.get(url, query).status_code == 403
    client.force_login(vetting_officer)
    assert client.get(url, query).status_code == 403


def test_the_walk_in_form_refuses_a_delegate_of_an_unapproved_organisation(
    client, forum, make_delegate, organiser
):
    a, pending = make_delegate(), make_delegate(accreditation=Accreditation.PENDING)
    client.force_login(organiser)
    response = client.post(
        reverse("console:meeting_add"), {"delegate_a": a.pk, "delegate_b": pending.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["delegate_b"]
    assert not Meeting.objects.exists()


def test_the_check_in_search_says_when_there_are_more_than_it_shows(
    client, forum, make_delegate, organiser
):
    for n in range(51):
        make_delegate(name=f"Desk Works {n:02d}")
    client.force_login(organiser)
    page = client.get(reverse("console:checkin"), {"q": "desk"}).content.decode()
    assert page.count('id="delegate-') == 50
    assert "More than 50 match: refine your search." in page


def test_the_organisation_picker_says_when_there_are_more_and_names_each_match(
    client, forum, organiser
):

    for n in range(25):
        OrganisationFactory(forum=forum, name=f"Amber Optics {n:02d}", country="LV")
    client.force_login(organiser)
    url = reverse("console:organisation_search")
    html = client.get(url, {"field": "organisation", "organisation_search": "amber"}).content
    html = html.decode()
    assert html.count('type="radio" name="organisation"') == 20
    assert "More than 20 match: refine your search." in html
    assert "Amber Optics 00" in html and "Latvia" in html
    none = client.get(url, {"field": "organisation", "organisation_search": "zzz"})
    assert "No organisation found." in none.content.decode()
    assert client.get(url, {"field": "<b>"}).status_code == 400


def test_the_meetings_list_is_filtered_by_an_organisation_picked_by_name(
    client, forum, make_delegate, organiser
):
    a, b, c = make_delegate(), make_delegate(), make_delegate()
    ab, bc, ca = meeting_build(a, b), meeting_build(b, c), meeting_build(c, a)
    client.force_login(organiser)
    url = reverse("console:meetings")
    response = client.get(url, {"organisation": a.organisation_id})
    assert {m.pk for m in response.context["page"]} == {ab.pk, ca.pk}
    html = response.content.decode()
    assert 'hx-get="/console/search/organisations/?field=organisation"' in html
    assert f'value="{a.organisation_id}" checked' in html  # the choice stays shown
    assert f'id="meeting-{bc.pk}"' not in html
    both = client.get(url, {"organisation": b.organisation_id, "status": "accepted"})
    assert {m.pk for m in both.context["page"]} == {ab.pk, bc.pk}
    forged = client.get(url, {"organisation": 10**9})  # no such organisation
    assert forged.context["page"].paginator.count == 0
    assert "Select a valid choice" in forged.content.decode()
    assert client.get(url).context["page"].paginator.count == 3
