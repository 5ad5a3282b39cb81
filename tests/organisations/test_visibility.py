import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from matchforum.organisations.models import Accreditation, Visibility
from matchforum.organisations.selectors import organisations_visible_to
from matchforum.organisations.services import organisation_decide_accreditation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_approved_delegates_never_see_non_approved_organisations(forum, make_delegate):
    viewer = make_delegate()
    approved = OrganisationFactory(forum=forum)
    hidden = [
        OrganisationFactory(forum=forum, accreditation=state)
        for state in (
            Accreditation.PENDING,
            Accreditation.REJECTED,
            Accreditation.NEEDS_INFORMATION,
        )
    ]
    visible = set(organisations_visible_to(user=viewer.user, forum=forum))
    assert approved in visible and viewer.organisation in visible
    assert not visible & set(hidden)


def test_delegates_of_a_non_approved_organisation_see_only_their_own(forum, make_delegate):
    pending = make_delegate(accreditation=Accreditation.PENDING)
    OrganisationFactory(forum=forum)
    assert list(organisations_visible_to(user=pending.user, forum=forum)) == [pending.organisation]


def test_unlisted_organisations_are_not_shown_to_others(forum, make_delegate):
    viewer = make_delegate()
    unlisted = OrganisationFactory(forum=forum, visibility=Visibility.UNLISTED)
    assert unlisted not in organisations_visible_to(user=viewer.user, forum=forum)


def test_vetting_officers_and_organisers_see_every_organisation(forum, organiser, vetting_officer):
    pending = OrganisationFactory(forum=forum, accreditation=Accreditation.PENDING)
    for user in (organiser, vetting_officer):
        assert pending in organisations_visible_to(user=user, forum=forum)


def test_anonymous_sees_no_organisation(forum):
    from django.contrib.auth.models import AnonymousUser

    OrganisationFactory(forum=forum)
    assert not organisations_visible_to(user=AnonymousUser(), forum=forum).exists()


def test_accreditation_decisions_are_recorded_with_who_when_why(forum, vetting_officer):
    organisation = OrganisationFactory(forum=forum, accreditation=Accreditation.PENDING)
    organisation_decide_accreditation(
        organisation=organisation,
        reviewer=vetting_officer,
        decision=Accreditation.NEEDS_INFORMATION,
        reason="Please add your company registration number.",
    )
    organisation_decide_accreditation(
        organisation=organisation, reviewer=vetting_officer, decision=Accreditation.APPROVED
    )
    organisation.refresh_from_db()
    assert organisation.accreditation == Accreditation.APPROVED
    history = list(organisation.accreditation_history.all())
    assert [(h.previous, h.decision) for h in history] == [
        ("pending", "needs_information"),
        ("needs_information", "approved"),
    ]
    assert history[0].reason.startswith("Please add")
    assert all(h.reviewer == vetting_officer for h in history)


def test_rejection_needs_a_reason(forum, vetting_officer):
    organisation = OrganisationFactory(forum=forum, accreditation=Accreditation.PENDING)
    with pytest.raises(ValidationError):
        organisation_decide_accreditation(
            organisation=organisation, reviewer=vetting_officer, decision="rejected"
        )


def test_delegates_cannot_decide_accreditation(forum, make_delegate):
    delegate = make_delegate()
    organisation = OrganisationFactory(forum=forum, accreditation=Accreditation.PENDING)
    with pytest.raises(PermissionDenied):
        organisation_decide_accreditation(
            organisation=organisation, reviewer=delegate.user, decision="approved"
        )


def test_sign_in_by_email_uses_argon2(client):
    user = UserFactory(email="olena@example.org")
    assert user.password.startswith("argon2")
    response = client.post(
        "/accounts/sign-in/",
        {"username": "olena@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
