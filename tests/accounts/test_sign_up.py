import re

import pytest

from matchforum.accounts.models import User
from matchforum.organisations.models import Accreditation, Delegate, Invitation, Organisation
from matchforum.organisations.services import organisation_decide_accreditation
from tests.factories import DelegateFactory, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "plausible-cobalt-harbour-17"


def _sign_up(client, **overrides):
    data = {
        "organisation_name": "Baltic Drone Works",
        "country": "LT",
        "kind": "producer",
        "website": "",
        "description": "Drones.",
        "full_name": "Rūta Kazlauskaitė",
        "role": "CEO",
        "email": "ruta@bdw.example",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
    }
    data.update(overrides)
    return client.post("/accounts/sign-up/", data)


def _link_in(mail):
    return re.search(r"https?://\S+", mail.body).group(0)


def test_sign_up_creates_an_inactive_account_and_a_pending_organisation(
    client, forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="ruta@bdw.example")
    assert not user.is_active
    organisation = Organisation.objects.get(name="Baltic Drone Works")
    assert organisation.accreditation == Accreditation.PENDING
    assert Delegate.objects.get(user=user).organisation == organisation
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["ruta@bdw.example"]
    # Inactive accounts cannot sign in before confirming.
    assert not client.login(username="ruta@bdw.example", password=GOOD_PASSWORD)


def test_confirmation_link_activates_signs_in_and_shows_the_status(
    client, forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client)
    link = _link_in(mailoutbox[0])
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert User.objects.get(email="ruta@bdw.example").is_active
    assert response.request["PATH_INFO"] == "/organisation/status/"
    assert "Pending" in response.content.decode()
    # The link works once: after signing in it is no longer valid.
    client.logout()
    assert client.get(link).status_code == 400


def test_a_tampered_confirmation_link_is_refused(
    client, forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client)
    link = _link_in(mailoutbox[0])
    response = client.get(link[:-3] + "zzz/")
    assert response.status_code == 400
    assert not User.objects.get(email="ruta@bdw.example").is_active


def test_weak_password_and_taken_name_rerender_with_the_input_kept(client, forum):
    DelegateFactory(organisation__forum=forum, organisation__name="Taken Ltd")
    response = _sign_up(
        client, organisation_name="Taken Ltd", password1="12345678", password2="12345678"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "password1" in form.errors and "organisation_name" in form.errors
    body = response.content.decode()
    assert "ruta@bdw.example" in body and 'class="required"' in body
    assert not User.objects.filter(email="ruta@bdw.example").exists()


def test_status_page_shows_what_the_organisers_asked_for(client, forum, vetting_officer):
    delegate = DelegateFactory(
        organisation__forum=forum, organisation__accreditation=Accreditation.PENDING
    )
    organisation_decide_accreditation(
        organisation=delegate.organisation,
        reviewer=vetting_officer,
        decision=Accreditation.NEEDS_INFORMATION,
        reason="Please add your company registration number.",
    )
    client.force_login(delegate.user)
    body = client.get("/organisation/status/").content.decode()
    assert "Needs information" in body
    assert "Please add your company registration number." in body


def test_invitation_accept_sets_name_and_password(client, forum):
    invitation = InvitationFactory(organisation__forum=forum, email="colleague@example.org")
    url = f"/accounts/invitation/{invitation.token}/"
    assert client.get(url).status_code == 200
    weak = client.post(url, {"full_name": "Col League", "password1": "short", "password2": "short"})
    assert weak.status_code == 200 and "password1" in weak.context["form"].errors
    response = client.post(
        url, {"full_name": "Col League", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="colleague@example.org")
    assert user.full_name == "Col League" and user.check_password(GOOD_PASSWORD)
    assert Delegate.objects.filter(user=user, organisation=invitation.organisation).exists()
    # Used once only.
    assert client.get(url).status_code == 404


def test_invitation_for_an_existing_account_needs_that_account_signed_in(client, forum):
    existing = UserFactory(email="known@example.org")
    other = UserFactory(email="other@example.org")
    invitation = InvitationFactory(organisation__forum=forum, email="known@example.org")
    url = f"/accounts/invitation/{invitation.token}/"
    client.force_login(other)
    client.post(url, {"full_name": "X", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert not Delegate.objects.filter(organisation=invitation.organisation).exists()
    client.force_login(existing)
    client.post(url)
    assert Delegate.objects.filter(user=existing, organisation=invitation.organisation).exists()


def test_delegates_invite_colleagues_by_email(
    client, forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    delegate = DelegateFactory(organisation__forum=forum)
    client.force_login(delegate.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/organisation/delegates/", {"email": "new@example.org", "role": "CTO"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new@example.org")
    assert invitation.organisation == delegate.organisation
    assert len(mailoutbox) == 1 and invitation.token in mailoutbox[0].body


def test_a_delegate_of_another_organisation_cannot_accept_an_invitation(client, forum):
    delegate = DelegateFactory(organisation__forum=forum, user__email="busy@example.org")
    invitation = InvitationFactory(organisation__forum=forum, email="busy@example.org")
    client.force_login(delegate.user)
    response = client.post(f"/accounts/invitation/{invitation.token}/", follow=True)
    assert "already represent another organisation" in response.content.decode()
    assert not Delegate.objects.filter(organisation=invitation.organisation).exists()


def test_the_confirmation_link_can_be_sent_again_without_revealing_accounts(
    client, forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/confirm/resend/", {"email": "ruta@bdw.example"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["ruta@bdw.example"]]
    assert client.get(_link_in(mailoutbox[0]), follow=True).status_code == 200
    assert User.objects.get(email="ruta@bdw.example").is_active
    mailoutbox.clear()
    # Unknown and already confirmed addresses get the same answer and no mail.
    for email in ["nobody@example.org", "ruta@bdw.example"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/confirm/resend/", {"email": email})
        assert response.status_code == 302 and response["Location"] == "/accounts/sign-up/done/"
    assert mailoutbox == []


def test_signed_in_delegate_is_sent_to_their_status_page(client, make_delegate):
    delegate = make_delegate()
    client.force_login(delegate.user)
    response = client.get("/accounts/sign-up/")
    assert response.status_code == 302
    assert response.url == "/organisation/status/"


@pytest.mark.parametrize(
    ("role", "landing"),
    [("organiser", "/console/"), ("vetting_officer", "/console/vetting/")],
)
def test_signed_in_staff_land_on_their_console_with_an_explanation(
    client, forum, role, landing, request
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get("/accounts/sign-up/", follow=True)
    assert response.redirect_chain[0] == (landing, 302)
    assert response.status_code == 200
    assert f"You are signed in as {user.email}" in response.content.decode()
    assert Organisation.objects.count() == 0


def test_confirmation_and_invitation_links_point_at_the_site_address(
    client, forum, mailoutbox, immediate_tasks, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://forum.example.org/"
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client)
    assert _link_in(mailoutbox[0]).startswith("https://forum.example.org/accounts/confirm/")
    delegate = DelegateFactory(organisation__forum=forum)
    client.force_login(delegate.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/organisation/delegates/", {"email": "new@example.org", "role": "CTO"})
    token = Invitation.objects.get(email="new@example.org").token
    assert f"https://forum.example.org/accounts/invitation/{token}/" in mailoutbox[1].body
