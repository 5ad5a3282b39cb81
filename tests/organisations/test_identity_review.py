"""A change of name, country or kind sends an approved organisation back to review."""

from __future__ import annotations

import pytest

from matchforum.audit.models import AuditEntry
from matchforum.meetings.models import Meeting
from matchforum.organisations.models import Accreditation, Organisation
from matchforum.organisations.selectors import organisations_pending_review
from matchforum.organisations.services import organisation_decide_accreditation
from tests.factories import DelegateFactory, meeting_build

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Ozolavots Partners SIA",
    "country": "LV",
    "kind": "producer",
    "website": "",
    "description": "Radar.",
    "size": "",
    "visibility": "listed",
}


@pytest.fixture
def delegate(forum):
    return DelegateFactory(
        organisation__forum=forum,
        organisation__name="Ozolavots Partners SIA",
        organisation__country="LV",
        organisation__kind="producer",
    )


def _post(client, delegate, **changes):
    client.force_login(delegate.user)
    return client.post("/organisation/details/", {**DETAILS, **changes}, follow=True)


@pytest.mark.parametrize(
    "changes",
    [{"name": "Ozolavots Holdings SIA"}, {"country": "UA"}, {"kind": "investor"}],
    ids=["name", "country", "kind"],
)
def test_an_identity_change_on_the_web_goes_back_to_review(client, delegate, changes):
    other = DelegateFactory(organisation__forum=delegate.organisation.forum)
    meeting = meeting_build(delegate, other)
    page = _post(client, delegate, **changes).content.decode()
    organisation = Organisation.objects.get(pk=delegate.organisation.pk)
    assert organisation.accreditation == Accreditation.PENDING
    assert "review your organisation again" in page
    entry = organisation.accreditation_history.get()
    assert (entry.previous, entry.decision) == (Accreditation.APPROVED, Accreditation.PENDING)
    assert next(iter(changes)) in entry.reason
    logged = AuditEntry.objects.get(action=AuditEntry.Action.VETTING_DECISION)
    assert logged.actor == delegate.user
    assert logged.data["identity_changed"] == list(changes)
    # Its meetings are kept (frozen by the approval gate until it is approved again).
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_other_edits_keep_the_approval_and_vetting_fields_stay_out_of_reach(client, delegate):
    _post(client, delegate, description="Radar and optics.", accreditation="rejected")
    organisation = Organisation.objects.get(pk=delegate.organisation.pk)
    assert organisation.description == "Radar and optics."
    assert organisation.accreditation == Accreditation.APPROVED
    assert not organisation.accreditation_history.exists()


def test_a_renamed_organisation_is_back_in_the_vetting_queue_and_can_be_approved(
    client, delegate, vetting_officer
):
    _post(client, delegate, name="Ozolavots Holdings SIA")
    queue = organisations_pending_review(forum=delegate.organisation.forum)
    assert [o.name for o in queue] == ["Ozolavots Holdings SIA"]
    organisation_decide_accreditation(
        organisation=queue[0], reviewer=vetting_officer, decision="approved"
    )
    assert Organisation.objects.get(pk=delegate.organisation.pk).is_approved
