"""Approval gates every channel (meetings/gating.py): an organisation sent back to review
after its approval cannot act, and neither it nor its counterparts see each other."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from matchforum.audit.models import AuditEntry
from matchforum.community.services import thread_reply, thread_start
from matchforum.forums.models import CapabilityTrack
from matchforum.meetings.models import Meeting, MeetingRequest, RequestStatus
from matchforum.meetings.services import (
    meeting_book,
    meeting_request_accept,
    meeting_request_decline,
    meeting_request_send,
    meeting_request_withdraw,
    meeting_requests_expire,
)
from matchforum.organisations.services import organisation_decide_accreditation
from matchforum.recommendations.services import dismissal_create
from tests.factories import DelegateFactory, OrganisationFactory, meeting_build

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_throttles", "fast_hashing")]


def _delegate(forum, name: str, country: str = "LV"):
    organisation = OrganisationFactory(forum=forum, name=name, country=country)
    return DelegateFactory(organisation=organisation)


def _send_back(organisation, vetting_officer) -> None:
    organisation_decide_accreditation(
        organisation=organisation,
        reviewer=vetting_officer,
        decision="needs_information",
        reason="Show the export licence.",
    )


@pytest.fixture
def pair(forum, vetting_officer):
    """Ozolavots (to be sent back) has sent a pending request to Daugava, and received one
    from Baltic; it meets Daugava already."""
    ozolavots = _delegate(forum, "Ozolavots Partners SIA")
    daugava = _delegate(forum, "Daugava Drones")
    baltic = _delegate(forum, "Baltic Clearance", country="LT")
    sent = meeting_request_send(
        sender=ozolavots, recipient_organisation=daugava.organisation, message="Let us talk radar."
    )
    received = meeting_request_send(
        sender=baltic, recipient_organisation=ozolavots.organisation, message="Demining?"
    )
    meeting = meeting_build(
        ozolavots,
        _delegate(forum, "Gauja Optics"),
    )
    _send_back(ozolavots.organisation, vetting_officer)
    return {
        "ozolavots": ozolavots,
        "daugava": daugava,
        "baltic": baltic,
        "sent": sent,
        "received": received,
        "meeting": meeting,
    }


def _client(delegate) -> Client:
    client = Client()
    client.force_login(delegate.user)
    return client


def test_the_api_accept_by_an_organisation_sent_back_to_review_is_refused(pair):
    response = _client(pair["ozolavots"]).post(
        f"/api/v1/meeting-requests/{pair['received'].pk}/accept/"
    )
    assert response.status_code in (403, 404)
    assert not Meeting.objects.filter(request=pair["received"]).exists()
    assert MeetingRequest.objects.get(pk=pair["received"].pk).status == RequestStatus.PENDING


def test_the_services_refuse_every_answer_by_or_to_an_organisation_under_review(pair):
    with pytest.raises(PermissionDenied):
        meeting_request_accept(meeting_request=pair["received"], responder=pair["ozolavots"])
    with pytest.raises(PermissionDenied):
        meeting_request_decline(meeting_request=pair["received"], responder=pair["ozolavots"])
    with pytest.raises(PermissionDenied):
        meeting_request_withdraw(meeting_request=pair["sent"], delegate=pair["ozolavots"])
    # The counterpart cannot accept or decline a frozen request either.
    with pytest.raises(PermissionDenied, match="under review"):
        meeting_request_accept(meeting_request=pair["sent"], responder=pair["daugava"])
    with pytest.raises(PermissionDenied, match="under review"):
        meeting_request_decline(meeting_request=pair["sent"], responder=pair["daugava"])
    with pytest.raises(PermissionDenied):
        meeting_request_send(
            sender=pair["ozolavots"], recipient_organisation=pair["baltic"].organisation
        )
    assert set(MeetingRequest.objects.values_list("status", flat=True)) == {RequestStatus.PENDING}
    assert Meeting.objects.count() == 1


def test_the_counterparts_web_accept_of_a_frozen_request_is_refused(pair):
    _client(pair["daugava"]).post(f"/meetings/requests/{pair['sent'].pk}/accept/")
    assert not Meeting.objects.filter(request=pair["sent"]).exists()
    assert MeetingRequest.objects.get(pk=pair["sent"].pk).status == RequestStatus.PENDING


def test_the_counterparts_inbox_no_longer_shows_the_organisation_its_delegate_or_message(pair):
    page = _client(pair["daugava"]).get("/meetings/inbox/").content.decode()
    assert "Ozolavots" not in page
    assert pair["ozolavots"].user.full_name not in page
    assert "Let us talk radar." not in page
    assert f"/meetings/requests/{pair['sent'].pk}/accept/" not in page


def test_the_api_lists_omit_the_organisation_for_others_and_show_it_nothing(pair):
    listed = _client(pair["daugava"]).get("/api/v1/meeting-requests/").json()
    assert listed["count"] == 0
    listed = _client(pair["baltic"]).get("/api/v1/meeting-requests/").json()
    assert listed["count"] == 0
    own = _client(pair["ozolavots"])
    assert own.get("/api/v1/meeting-requests/").json()["count"] == 0
    assert own.get("/api/v1/meetings/").json()["count"] == 0
    assert own.get(f"/api/v1/meeting-requests/{pair['sent'].pk}/").status_code == 404


def test_its_own_agenda_shows_no_counterpart(pair):
    page = _client(pair["ozolavots"]).get("/agenda/").content.decode()
    assert "Gauja Optics" not in page


def test_its_profile_views_disappear_from_the_audit_page_and_the_api(pair, forum):
    daugava = pair["daugava"]
    AuditEntry.objects.create(
        action=AuditEntry.Action.PROFILE_VIEWED,
        actor=pair["ozolavots"].user,
        actor_organisation=pair["ozolavots"].organisation,
        organisation=daugava.organisation,
    )
    visitor = _delegate(forum, "Riga Composites")
    AuditEntry.objects.create(
        action=AuditEntry.Action.PROFILE_VIEWED,
        actor=visitor.user,
        actor_organisation=visitor.organisation,
        organisation=daugava.organisation,
    )
    client = _client(daugava)
    page = client.get("/audit/").content.decode()
    assert "Riga Composites" in page
    assert "Ozolavots" not in page
    views = client.get("/api/v1/profile-views/").json()
    assert views["count"] == 1
    assert "Ozolavots" not in str(views)


def test_threads_show_its_posts_without_its_name(pair, forum, vetting_officer):
    demining = CapabilityTrack.objects.get(slug="demining")
    member = pair["daugava"]
    for delegate in (member, pair["ozolavots"]):
        delegate.organisation.tracks.add(demining)
    organisation_decide_accreditation(
        organisation=pair["ozolavots"].organisation,
        reviewer=vetting_officer,
        decision="approved",
    )
    thread = thread_start(
        user=member.user, forum=forum, track=demining, kind="lessons", title="Clay", body="Hm."
    )
    thread_reply(user=pair["ozolavots"].user, thread=thread, body="Our detector works there.")
    _send_back(pair["ozolavots"].organisation, vetting_officer)
    page = _client(member).get(f"/coalitions/threads/{thread.pk}/").content.decode()
    assert "Ozolavots" not in page
    assert pair["ozolavots"].user.full_name not in page
    assert "under review" in page


def test_reapproval_restores_the_frozen_requests(pair, vetting_officer):
    # Time runs out while frozen: nothing expires, and re-approval gives a fresh period.
    later = timezone.now() + dt.timedelta(days=30)
    MeetingRequest.objects.update(expires_at=timezone.now() - dt.timedelta(hours=1))
    assert meeting_requests_expire(forum=pair["sent"].forum, now=later) == []
    organisation_decide_accreditation(
        organisation=pair["ozolavots"].organisation, reviewer=vetting_officer, decision="approved"
    )
    assert MeetingRequest.objects.get(pk=pair["sent"].pk).expires_at > timezone.now()
    page = _client(pair["daugava"]).get("/meetings/inbox/").content.decode()
    assert "Let us talk radar." in page
    meeting = meeting_request_accept(meeting_request=pair["sent"], responder=pair["daugava"])
    assert meeting.request_id == pair["sent"].pk
    assert "Gauja Optics" in _client(pair["ozolavots"]).get("/agenda/").content.decode()


def test_its_outcomes_page_shows_no_counterpart(pair):
    Meeting.objects.filter(pk=pair["meeting"].pk).update(status="held")
    page = _client(pair["ozolavots"]).get("/outcomes/").content.decode()
    assert "Gauja Optics" not in page


def test_the_organisers_see_its_meetings_flagged(pair, organiser):
    client = Client()
    client.force_login(organiser)
    page = client.get("/console/meetings/").content.decode()
    row = page.split(f'id="meeting-{pair["meeting"].pk}"')[1].split("</tr>")[0]
    assert "Gauja Optics" in row
    assert "organisation under review" in row


def test_its_dismissals_show_no_counterpart_and_others_do_not_list_it(pair, vetting_officer):
    organisation_decide_accreditation(
        organisation=pair["ozolavots"].organisation, reviewer=vetting_officer, decision="approved"
    )
    dismissal_create(delegate=pair["ozolavots"], counterpart=pair["daugava"].organisation)
    dismissal_create(delegate=pair["daugava"], counterpart=pair["ozolavots"].organisation)
    _send_back(pair["ozolavots"].organisation, vetting_officer)
    assert _client(pair["ozolavots"]).get("/api/v1/dismissals/").json()["count"] == 0
    assert _client(pair["daugava"]).get("/api/v1/dismissals/").json()["count"] == 0


def test_organisers_cannot_book_a_new_meeting_with_it(pair, organiser):
    with pytest.raises(ValidationError, match="must be approved"):
        meeting_book(
            forum=pair["sent"].forum,
            user=organiser,
            delegate_a=pair["daugava"],
            delegate_b=pair["ozolavots"],
        )
    assert not Meeting.objects.filter(delegate_a=pair["daugava"]).exists()
