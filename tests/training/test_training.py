"""Training programmes: described by the provider, joined on request, capacity enforced."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from matchforum.organisations.models import Accreditation
from matchforum.training.models import EnrolmentStatus, TrainingProgramme, TrainingRequest
from matchforum.training.services import training_request_decide, training_request_send
from tests.factories import CooperationProfileFactory, DelegateFactory, TrainingProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(make_delegate):
    return make_delegate(name="Lithuanian EOD School", country="LT")


@pytest.fixture
def programme(provider):
    return TrainingProgrammeFactory(
        profile=CooperationProfileFactory(
            organisation=provider.organisation, kind="training", title="EOD course", language="lt"
        ),
        capacity=3,
    )


def test_the_provider_describes_a_programme_for_its_training_offer(client, provider):
    offer = CooperationProfileFactory(organisation=provider.organisation, kind="training")
    client.force_login(provider.user)
    response = client.post(
        "/training/describe/",
        {
            "profile": offer.pk,
            "starts_on": "2027-05-03",
            "ends_on": "2027-05-01",
            "location": "Rukla",
            "capacity": 12,
            "language": "uk",
        },
    )
    assert response.status_code == 200  # the last day is before the first
    assert "Rukla" in response.content.decode()
    response = client.post(
        "/training/describe/",
        {
            "profile": offer.pk,
            "starts_on": "2027-05-03",
            "ends_on": "2027-05-14",
            "location": "Rukla",
            "capacity": 12,
            "language": "uk",
            "eligibility": "Ukrainian sappers",
        },
    )
    programme = TrainingProgramme.objects.get(profile=offer)
    assert response.status_code == 302
    assert programme.capacity == 12 and programme.language == "uk"


def test_others_cannot_describe_a_programme_for_someone_elses_offer(
    client, provider, make_delegate
):
    offer = CooperationProfileFactory(organisation=provider.organisation, kind="training")
    other = make_delegate()
    CooperationProfileFactory(organisation=other.organisation, kind="training")
    client.force_login(other.user)
    response = client.post(
        "/training/describe/",
        {
            "profile": offer.pk,
            "starts_on": "2027-05-03",
            "ends_on": "2027-05-14",
            "location": "x",
            "capacity": 1,
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert not TrainingProgramme.objects.filter(profile=offer).exists()


def test_a_delegate_asks_to_join_and_the_provider_accepts_within_capacity(
    client, programme, provider, make_delegate, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    trainee = make_delegate(name="Kharkiv Deminers")
    trainee.user.preferred_language = "uk"
    trainee.user.save()
    client.force_login(trainee.user)
    page = client.get(f"/training/{programme.pk}/").content.decode()
    assert "EOD course" in page and ">Lietuviškai</span>" in page
    client.post(f"/training/{programme.pk}/", {"participants": 2, "message": "Two sappers"})
    request = TrainingRequest.objects.get()
    assert request.status == EnrolmentStatus.PENDING
    assert (
        client.post(f"/training/requests/{request.pk}/decide/", {"decision": "accept"}).status_code
        == 404
    )

    client.force_login(provider.user)
    assert "Kharkiv Deminers" in client.get(f"/training/{programme.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/training/requests/{request.pk}/decide/", {"decision": "accept"})
    request.refresh_from_db()
    assert request.status == EnrolmentStatus.ACCEPTED
    assert mail.outbox[0].to == [trainee.user.email]
    assert mail.outbox[0].subject == "Вас прийнято: EOD course"


def test_capacity_is_enforced_on_request_and_on_acceptance(programme, provider, make_delegate):
    first, second = make_delegate(), make_delegate()
    big = training_request_send(user=first.user, programme=programme, participants=2)
    small = training_request_send(user=second.user, programme=programme, participants=2)
    with pytest.raises(ValidationError):
        training_request_send(user=make_delegate().user, programme=programme, participants=4)
    training_request_decide(user=provider.user, training_request=big, accept=True)
    with pytest.raises(ValidationError):
        training_request_decide(user=provider.user, training_request=small, accept=True)
    small.refresh_from_db()
    assert small.status == EnrolmentStatus.PENDING
    training_request_decide(user=provider.user, training_request=small, accept=False)
    small.refresh_from_db()
    assert small.status == EnrolmentStatus.DECLINED


def test_only_approved_organisations_ask_and_only_the_provider_decides(
    client, programme, provider, make_delegate
):
    pending = make_delegate(accreditation=Accreditation.PENDING)
    with pytest.raises(PermissionDenied):
        training_request_send(user=pending.user, programme=programme)
    client.force_login(pending.user)
    assert client.get(f"/training/{programme.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        training_request_send(user=provider.user, programme=programme)
    colleague = DelegateFactory(organisation=provider.organisation)
    trainee = make_delegate()
    request = training_request_send(user=trainee.user, programme=programme)
    with pytest.raises(PermissionDenied):
        training_request_decide(user=trainee.user, training_request=request, accept=True)
    training_request_decide(user=colleague.user, training_request=request, accept=True)
    with pytest.raises(ValidationError):
        training_request_send(user=trainee.user, programme=programme)


def test_a_programme_of_a_pending_provider_is_hidden(client, make_delegate):
    hidden_provider = make_delegate(accreditation=Accreditation.PENDING)
    programme = TrainingProgrammeFactory(
        profile=CooperationProfileFactory(
            organisation=hidden_provider.organisation, kind="training"
        )
    )
    client.force_login(make_delegate().user)
    assert client.get(f"/training/{programme.pk}/").status_code == 404
    assert programme.profile.title not in client.get("/training/").content.decode()
    client.force_login(hidden_provider.user)
    assert client.get(f"/training/{programme.pk}/").status_code == 200


def test_the_provider_edits_a_programme_with_its_values_filled_in(client, programme, provider):
    client.force_login(provider.user)
    page = client.get(f"/training/describe/?profile={programme.profile_id}").content.decode()
    assert 'value="Vilnius"' in page
    assert 'value="3"' in page


def test_the_provider_is_told_of_a_new_request_in_its_language(
    programme, provider, make_delegate, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    provider.is_contact = True
    provider.save()
    provider.user.preferred_language = "lt"
    provider.user.save()
    DelegateFactory(organisation=provider.organisation)  # not the contact: not e-mailed
    trainee = make_delegate(name="Kharkiv Deminers")
    with django_capture_on_commit_callbacks(execute=True):
        training_request_send(user=trainee.user, programme=programme, participants=2)
    assert [m.to for m in mail.outbox] == [[provider.user.email]]
    assert mail.outbox[0].subject == "Naujas prašymas dalyvauti „EOD course“"
    assert "Kharkiv Deminers" in mail.outbox[0].body and "2 žmonės" in mail.outbox[0].body


def test_a_decision_without_an_answer_decides_nothing(client, programme, provider, make_delegate):
    trainee = make_delegate(name="Odesa Sappers")
    request = training_request_send(
        user=trainee.user, programme=programme, participants=1, message=""
    )
    client.force_login(provider.user)
    for body in ({}, {"decision": "maybe"}):
        response = client.post(f"/training/requests/{request.pk}/decide/", body, follow=True)
        assert "Choose whether to accept or decline" in response.content.decode()
        request.refresh_from_db()
        assert request.status == EnrolmentStatus.PENDING
    client.post(f"/training/requests/{request.pk}/decide/", {"decision": "decline"})
    request.refresh_from_db()
    assert request.status == EnrolmentStatus.DECLINED
