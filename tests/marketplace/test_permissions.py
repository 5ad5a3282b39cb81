"""Who sees what on the delegate pages: enforced on the server, object by object."""

import pytest

from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import RequestStatus
from matchforum.meetings.services import meeting_request_send
from matchforum.organisations.models import Accreditation, Visibility
from tests.factories import (
    CooperationProfileFactory,
    DelegateFactory,
    InvitationFactory,
    OrganisationFactory,
    RecommendationFactory,
    committee_seat,
)

pytestmark = pytest.mark.django_db

DELEGATE_PAGES = [
    "/organisation/status/",
    "/organisation/details/",
    "/organisation/delegates/",
    "/organisation/availability/",
    "/marketplace/",
    "/marketplace/mine/",
    "/marketplace/mine/new/",
    "/marketplace/mine/preview/",
    "/meetings/inbox/",
    "/meetings/outbox/",
    "/recommendations/",
    "/agenda/",
    "/agenda/agenda.pdf",
    "/notifications/",
    "/notifications/preferences/",
]


@pytest.mark.parametrize("path", DELEGATE_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, forum, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.parametrize("path", ["/marketplace/", "/meetings/inbox/", "/organisation/status/"])
def test_signed_in_people_without_a_delegate_seat_get_403(client, forum, organiser, path):
    client.force_login(organiser)
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", DELEGATE_PAGES)
def test_every_delegate_page_renders_for_an_approved_delegate(client, forum, path):
    delegate = DelegateFactory(organisation__forum=forum)
    client.force_login(delegate.user)
    assert client.get(path).status_code == 200


def test_marketplace_lists_only_approved_listed_organisations_never_the_viewer(client, forum):
    viewer = DelegateFactory(organisation__forum=forum, organisation__name="Viewer Org")
    OrganisationFactory(forum=forum, name="Approved Listed")
    for name, fields in {
        "Pending Org": {"accreditation": Accreditation.PENDING},
        "Rejected Org": {"accreditation": Accreditation.REJECTED},
        "Needs Info Org": {"accreditation": Accreditation.NEEDS_INFORMATION},
        "Unlisted Org": {"visibility": Visibility.UNLISTED},
    }.items():
        OrganisationFactory(forum=forum, name=name, **fields)
    client.force_login(viewer.user)
    body = client.get("/marketplace/").content.decode()
    assert "Approved Listed" in body
    for hidden in ["Pending Org", "Rejected Org", "Needs Info Org", "Unlisted Org"]:
        assert hidden not in body
    assert (
        "Viewer Org"
        not in client.get("/marketplace/?q=Viewer").content.decode().split('id="results"')[1]
    )


def test_organisers_browsing_the_marketplace_never_see_unapproved_organisations(
    client, forum, vetting_officer
):
    OrganisationFactory(forum=forum, name="Pending Org", accreditation=Accreditation.PENDING)
    delegate = DelegateFactory(organisation__forum=forum)
    committee_seat(delegate.user, forum=forum)
    client.force_login(delegate.user)
    assert "Pending Org" not in client.get("/marketplace/").content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"accreditation": Accreditation.PENDING},
        {"accreditation": Accreditation.REJECTED},
        {"visibility": Visibility.UNLISTED},
    ],
)
def test_unapproved_or_unlisted_organisation_pages_answer_404(client, forum, fields):
    viewer = DelegateFactory(organisation__forum=forum)
    hidden = OrganisationFactory(forum=forum, **fields)
    client.force_login(viewer.user)
    assert client.get(f"/marketplace/organisations/{hidden.pk}/").status_code == 404
    assert (
        client.post(f"/meetings/request/{hidden.pk}/", {"session_wish": "any"}).status_code == 404
    )


def test_a_delegate_of_a_pending_organisation_sees_a_notice_not_the_marketplace(client, forum):
    pending = DelegateFactory(
        organisation__forum=forum, organisation__accreditation=Accreditation.PENDING
    )
    other = OrganisationFactory(forum=forum, name="Somebody Else")
    client.force_login(pending.user)
    for path in ["/marketplace/", "/recommendations/", "/meetings/inbox/"]:
        body = client.get(path).content.decode()
        assert 'id="awaiting-approval"' in body and "Somebody Else" not in body
    assert client.get(f"/marketplace/organisations/{other.pk}/").status_code == 200
    assert (
        "Somebody Else"
        not in client.get(f"/marketplace/organisations/{other.pk}/").content.decode()
    )
    # Their own organisation's pages still work.
    assert client.get("/organisation/details/").status_code == 200


def test_organisation_page_shows_published_profiles_only_and_no_delegate_emails(client, forum):
    viewer = DelegateFactory(organisation__forum=forum)
    other = DelegateFactory(organisation__forum=forum, user__email="secret.person@other.example")
    CooperationProfileFactory(organisation=other.organisation, title="Public Offer")
    CooperationProfileFactory(organisation=other.organisation, title="Draft Offer", is_active=False)
    client.force_login(viewer.user)
    body = client.get(f"/marketplace/organisations/{other.organisation.pk}/").content.decode()
    assert "Public Offer" in body
    assert "Draft Offer" not in body
    assert "secret.person@other.example" not in body


def test_another_organisations_profile_cannot_be_edited_or_deleted(client, forum):
    viewer = DelegateFactory(organisation__forum=forum)
    foreign = CooperationProfileFactory(organisation=OrganisationFactory(forum=forum))
    client.force_login(viewer.user)
    assert client.get(f"/marketplace/mine/{foreign.pk}/").status_code == 404
    assert client.post(f"/marketplace/mine/{foreign.pk}/", {"title": "Hacked"}).status_code == 404
    assert client.post(f"/marketplace/mine/{foreign.pk}/delete/").status_code == 404
    assert CooperationProfile.objects.filter(pk=foreign.pk, title=foreign.title).exists()


def test_own_profiles_page_lists_own_drafts_only(client, forum):
    viewer = DelegateFactory(organisation__forum=forum)
    CooperationProfileFactory(organisation=viewer.organisation, title="My Draft", is_active=False)
    CooperationProfileFactory(
        organisation=OrganisationFactory(forum=forum), title="Their Draft", is_active=False
    )
    client.force_login(viewer.user)
    body = client.get("/marketplace/mine/").content.decode()
    assert "My Draft" in body and "Their Draft" not in body
    preview = client.get("/marketplace/mine/preview/").content.decode()
    assert "My Draft" not in preview and 'id="preview-notice"' in preview


def test_profile_form_errors_keep_the_input(client, forum):
    viewer = DelegateFactory(organisation__forum=forum)
    client.force_login(viewer.user)
    response = client.post(
        "/marketplace/mine/new/",
        {
            "side": "offer",
            "kind": "product",
            "title": "Radar kit",
            "description": "",
            "language": "en",
            "ticket_min_eur": "500",
            "ticket_max_eur": "100",
            "trl": "12",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"description", "ticket_max_eur", "trl"} <= set(errors)
    assert "Radar kit" in response.content.decode()
    assert not CooperationProfile.objects.filter(title="Radar kit").exists()


def test_delegates_page_shows_only_own_colleagues_and_invitations(client, forum):
    viewer = DelegateFactory(organisation__forum=forum)
    other = DelegateFactory(organisation__forum=forum, user__email="them@other.example")
    InvitationFactory(organisation=other.organisation, email="their-invitee@other.example")
    client.force_login(viewer.user)
    body = client.get("/organisation/delegates/").content.decode()
    assert viewer.user.email in body
    assert "them@other.example" not in body and "their-invitee@other.example" not in body
    foreign = InvitationFactory(organisation=other.organisation)
    assert client.post(f"/organisation/invitations/{foreign.pk}/revoke/").status_code == 404


def test_inbox_and_outbox_show_only_own_requests_and_foreign_answers_are_404(client, forum):
    a, b, c = (DelegateFactory(organisation__forum=forum) for _ in range(3))
    request_bc = meeting_request_send(
        sender=b, recipient_organisation=c.organisation, message="B to C private"
    )
    client.force_login(a.user)
    assert "B to C private" not in client.get("/meetings/inbox/").content.decode()
    assert "B to C private" not in client.get("/meetings/outbox/").content.decode()
    for action in ["accept", "decline", "withdraw"]:
        assert client.post(f"/meetings/requests/{request_bc.pk}/{action}/").status_code == 404
    request_bc.refresh_from_db()
    assert request_bc.status == RequestStatus.PENDING
    # The sender cannot accept their own request either.
    client.force_login(b.user)
    assert client.post(f"/meetings/requests/{request_bc.pk}/accept/").status_code == 404
    client.force_login(c.user)
    assert "B to C private" in client.get("/meetings/inbox/").content.decode()


def test_recommendations_page_shows_only_own_list_without_dismissed_or_unapproved(client, forum):
    viewer = DelegateFactory(organisation__forum=forum)
    shown = OrganisationFactory(forum=forum, name="Shown Partner")
    dismissed = OrganisationFactory(forum=forum, name="Dismissed Partner")
    demoted = OrganisationFactory(
        forum=forum, name="Demoted Partner", accreditation=Accreditation.REJECTED
    )
    for rank, org in enumerate([shown, dismissed, demoted], start=1):
        RecommendationFactory(organisation=viewer.organisation, counterpart=org, rank=rank)
    other = OrganisationFactory(forum=forum)
    RecommendationFactory(
        organisation=other, counterpart=OrganisationFactory(forum=forum, name="Not Mine")
    )
    client.force_login(viewer.user)
    client.post(f"/recommendations/{dismissed.pk}/not-interested/")
    page = client.get("/recommendations/").content.decode()
    body = page.split('id="recommendations"')[1].split('id="dismissed"')[0]
    assert "Dismissed Partner" in page.split('id="dismissed"')[1]  # listed for undo
    assert "Shown Partner" in body
    assert "Dismissed Partner" not in body
    assert "Demoted Partner" not in body
    assert "Not Mine" not in body


def test_preview_shows_the_published_offers_and_needs(client, forum):
    viewer = DelegateFactory(organisation__forum=forum)
    own = viewer.organisation
    CooperationProfileFactory(organisation=own, side="offer", title="Mine clearing kit")
    CooperationProfileFactory(organisation=own, side="need", title="Field test partner")
    CooperationProfileFactory(organisation=own, side="offer", title="Unfinished", is_active=False)
    client.force_login(viewer.user)
    response = client.get("/marketplace/mine/preview/")
    assert [p.title for p in response.context["offers"]] == ["Mine clearing kit"]
    assert [p.title for p in response.context["needs"]] == ["Field test partner"]
    body = response.content.decode()
    assert "No offer published." not in body and "No need published." not in body
    assert "Mine clearing kit" in body and "Unfinished" not in body
