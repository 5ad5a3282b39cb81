"""One limit per text field (issue 17, item 5): the model's, enforced alike everywhere.

Each user-editable text has its limit once, on the model field; the model (`full_clean`),
every form and every API serializer read it from there. A text one character over is
refused with an error naming the limit and nothing is stored; the limit itself is accepted.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.test import Client
from django.urls import reverse

from matchforum.accounts.forms import InvitationAcceptForm, SignUpForm
from matchforum.accounts.models import User
from matchforum.api.models import ApiToken
from matchforum.api.serializers import (
    DeclineSerializer,
    MeetingRequestCreateSerializer,
    OrganisationSerializer,
    ProfileSerializer,
    TokenRequestSerializer,
)
from matchforum.community.forms import ReplyForm, ReportForm, ThreadForm
from matchforum.community.models import Post, PostReport, Thread
from matchforum.community.services import post_report, thread_reply
from matchforum.console.forms import DecisionForm, TablesForm
from matchforum.core.text_limits import BoundedTextField, text_limit
from matchforum.forums.models import Table
from matchforum.marketplace.forms import ProfileForm
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.forms import DeclineForm, MeetingRequestForm
from matchforum.meetings.models import MeetingRequest, MeetingStatus
from matchforum.news.forms import ArticleForm, CommentForm
from matchforum.news.models import Article, Comment
from matchforum.news.services import comment_post
from matchforum.organisations.forms import InvitationForm, OrganisationForm
from matchforum.organisations.models import Delegate, Invitation, Organisation
from matchforum.organisations.services import organisation_decide_accreditation
from matchforum.outcomes.forms import OutcomeForm, SurveyForm
from matchforum.outcomes.models import FollowUpSurvey, MeetingOutcome
from matchforum.outcomes.services import follow_up_survey_answer, meeting_outcome_record
from matchforum.training.forms import JoinRequestForm, ProgrammeForm
from matchforum.training.models import TrainingProgramme, TrainingRequest
from matchforum.training.services import training_request_send

ONE_MB = "x" * (1024 * 1024)

# (form, its field, the model and field whose limit it enforces)
FORM_FIELDS = [
    (OrganisationForm, "description", Organisation, "description"),
    (OrganisationForm, "website", Organisation, "website"),
    (OrganisationForm, "name", Organisation, "name"),
    (SignUpForm, "description", Organisation, "description"),
    (SignUpForm, "organisation_name", Organisation, "name"),
    (SignUpForm, "website", Organisation, "website"),
    (SignUpForm, "full_name", User, "full_name"),
    (SignUpForm, "role", Delegate, "role"),
    (InvitationAcceptForm, "full_name", User, "full_name"),
    (InvitationAcceptForm, "role", Delegate, "role"),
    (InvitationForm, "role", Invitation, "role"),
    (ProfileForm, "title", CooperationProfile, "title"),
    (ProfileForm, "description", CooperationProfile, "description"),
    (MeetingRequestForm, "message", MeetingRequest, "message"),
    (DeclineForm, "reason", MeetingRequest, "decline_reason"),
    (ReplyForm, "body", Post, "body"),
    (ThreadForm, "title", Thread, "title"),
    (ReportForm, "reason", PostReport, "reason"),
    (ArticleForm, "title", Article, "title"),
    (ArticleForm, "body", Article, "body"),
    (CommentForm, "body", Comment, "body"),
    (ProgrammeForm, "location", TrainingProgramme, "location"),
    (ProgrammeForm, "eligibility", TrainingProgramme, "eligibility"),
    (JoinRequestForm, "message", TrainingRequest, "message"),
    (OutcomeForm, "note", MeetingOutcome, "note"),
    (SurveyForm, "note", FollowUpSurvey, "note"),
    (DecisionForm, "reason", Organisation, "accreditation_reason"),
    (TablesForm, "area", Table, "area"),
]

# (serializer, its field, the model and field)
SERIALIZER_FIELDS = [
    (OrganisationSerializer, "description", Organisation, "description"),
    (OrganisationSerializer, "website", Organisation, "website"),
    (ProfileSerializer, "title", CooperationProfile, "title"),
    (ProfileSerializer, "description", CooperationProfile, "description"),
    (MeetingRequestCreateSerializer, "message", MeetingRequest, "message"),
    (DeclineSerializer, "reason", MeetingRequest, "decline_reason"),
    (TokenRequestSerializer, "name", ApiToken, "name"),
]


def _form(form_class):
    return form_class(profiles=None) if form_class is ProgrammeForm else form_class()


@pytest.mark.parametrize(
    ("form_class", "name", "model", "field"),
    FORM_FIELDS,
    ids=[f"{f.__name__}.{n}" for f, n, _m, _f in FORM_FIELDS],
)
def test_each_form_field_enforces_the_models_limit(db, form_class, name, model, field):
    limit = text_limit(model, field)
    form_field = _form(form_class).fields[name]
    assert form_field.max_length == limit
    with pytest.raises(ValidationError) as refused:
        form_field.clean("a" * (limit + 1))
    assert str(limit) in " ".join(refused.value.messages)


@pytest.mark.parametrize(
    ("serializer_class", "name", "model", "field"),
    SERIALIZER_FIELDS,
    ids=[f"{s.__name__}.{n}" for s, n, _m, _f in SERIALIZER_FIELDS],
)
def test_each_api_field_enforces_the_models_limit(db, serializer_class, name, model, field):
    limit = text_limit(model, field)
    assert serializer_class().fields[name].max_length == limit


def _user_text_fields():
    for label in (
        "organisations",
        "marketplace",
        "meetings",
        "community",
        "news",
        "training",
        "outcomes",
    ):
        yield from apps.get_app_config(label).get_models()


# Written by the system, never typed by a person.
SYSTEM_TEXTS = {("RegistrationImport", "error")}


@pytest.mark.parametrize("model", list(_user_text_fields()), ids=lambda m: m.__name__)
def test_every_text_field_of_user_content_has_a_limit_the_model_enforces(model):
    """A TextField without a limit (or with one only the widget knows) fails here."""
    for field in model._meta.get_fields():
        if (
            isinstance(field, models.TextField)
            and field.editable
            and (model.__name__, field.name) not in SYSTEM_TEXTS
        ):
            assert isinstance(field, BoundedTextField), f"{model.__name__}.{field.name}"
            assert any(
                isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length
                for v in field.validators
            ), f"{model.__name__}.{field.name}"


def _api(world) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {world.own_token.raw}")


def _web(world) -> Client:
    client = Client()
    client.force_login(world.users["own"])
    return client


def _organisation_post(organisation: Organisation, **changes: str) -> dict:
    return {
        "name": organisation.name,
        "country": str(organisation.country),
        "kind": organisation.kind,
        "website": organisation.website,
        "description": organisation.description,
        "size": organisation.size,
        "visibility": organisation.visibility,
        **changes,
    }


LIMIT = text_limit(Organisation, "description")


@pytest.mark.parametrize("text", ["a" * (LIMIT + 1), ONE_MB], ids=["limit+1", "1MB"])
def test_the_web_form_refuses_an_organisation_description_over_the_limit(world, text):
    before = Organisation.objects.get(pk=world.own_org.pk).description
    response = _web(world).post(
        reverse("organisations:details"), _organisation_post(world.own_org, description=text)
    )
    assert response.status_code == 200
    assert str(LIMIT) in " ".join(response.context["form"].errors["description"])
    assert Organisation.objects.get(pk=world.own_org.pk).description == before


@pytest.mark.parametrize("text", ["a" * (LIMIT + 1), ONE_MB], ids=["limit+1", "1MB"])
def test_the_api_refuses_an_organisation_description_over_the_limit(world, no_throttles, text):
    before = Organisation.objects.get(pk=world.own_org.pk).description
    response = _api(world).patch(
        f"/api/v1/organisations/{world.own_org.pk}/",
        {"description": text},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert str(LIMIT) in " ".join(response.json()["description"])
    assert Organisation.objects.get(pk=world.own_org.pk).description == before


def test_an_organisation_description_at_the_limit_is_stored_whole(world, no_throttles):
    text = "a" * LIMIT
    response = _web(world).post(
        reverse("organisations:details"), _organisation_post(world.own_org, description=text)
    )
    assert response.status_code == 302
    assert Organisation.objects.get(pk=world.own_org.pk).description == text
    response = _api(world).patch(
        f"/api/v1/organisations/{world.own_org.pk}/",
        {"description": "b" * LIMIT},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert Organisation.objects.get(pk=world.own_org.pk).description == "b" * LIMIT


PROFILE = {"side": "offer", "kind": "product", "language": "en", "classification": "public"}
PROFILE_LIMITS = {
    "title": text_limit(CooperationProfile, "title"),
    "description": text_limit(CooperationProfile, "description"),
}


def _profile(**texts: str) -> dict:
    return {**PROFILE, "title": "Sensor", "description": "x", **texts}


@pytest.mark.parametrize("field", PROFILE_LIMITS)
@pytest.mark.parametrize("over", ["limit+1", "1MB"])
def test_both_channels_refuse_a_profile_text_over_the_limit(world, no_throttles, field, over):
    limit = PROFILE_LIMITS[field]
    text = "a" * (limit + 1) if over == "limit+1" else ONE_MB
    count = CooperationProfile.objects.count()
    response = _web(world).post(reverse("marketplace:profile_new"), _profile(**{field: text}))
    assert response.status_code == 200
    assert str(limit) in " ".join(response.context["form"].errors[field])
    response = _api(world).post(
        "/api/v1/profiles/", _profile(**{field: text}), content_type="application/json"
    )
    assert response.status_code == 400
    assert str(limit) in " ".join(response.json()[field])
    assert CooperationProfile.objects.count() == count


@pytest.mark.parametrize("field", PROFILE_LIMITS)
def test_both_channels_store_a_profile_text_at_the_limit_whole(world, no_throttles, field):
    limit = PROFILE_LIMITS[field]
    web_text, api_text = "w" * limit, "p" * limit
    response = _web(world).post(reverse("marketplace:profile_new"), _profile(**{field: web_text}))
    assert response.status_code == 302
    response = _api(world).post(
        "/api/v1/profiles/", _profile(**{field: api_text}), content_type="application/json"
    )
    assert response.status_code == 201
    stored = set(CooperationProfile.objects.values_list(field, flat=True))
    assert {web_text, api_text} <= stored


def test_the_api_refuses_a_meeting_request_message_over_the_limit(world, no_throttles):
    limit = text_limit(MeetingRequest, "message")
    count = MeetingRequest.objects.count()
    response = _api(world).post(
        "/api/v1/meeting-requests/",
        {"recipient_organisation": world.target_org.pk, "message": "a" * (limit + 1)},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert str(limit) in " ".join(response.json()["message"])
    assert MeetingRequest.objects.count() == count


def test_the_api_refuses_a_token_name_over_the_limit(world, no_throttles):
    limit = text_limit(ApiToken, "name")
    user = world.users["own"]
    user.set_password("a long enough password")
    user.save()
    count = ApiToken.objects.count()
    response = Client().post(
        "/api/v1/auth/token/",
        {"email": user.email, "password": "a long enough password", "name": "n" * (limit + 1)},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "name" in response.json()
    assert ApiToken.objects.count() == count


def test_the_services_refuse_texts_over_the_limit_and_store_nothing(world):
    """Every channel goes through these: a text over the limit never reaches a row."""
    own = world.users["own"]
    cases = [
        (
            lambda: thread_reply(
                user=own,
                thread=world.thread,
                body="a" * (text_limit(Post, "body") + 1),
                files=[],
            ),
            "body",
        ),
        (
            lambda: post_report(
                user=own, post=world.post, reason="a" * (text_limit(PostReport, "reason") + 1)
            ),
            "reason",
        ),
        (
            lambda: comment_post(
                user=own, article=world.article, body="a" * (text_limit(Comment, "body") + 1)
            ),
            "body",
        ),
        (
            lambda: training_request_send(
                user=world.users["other"],
                programme=world.programme,
                message="a" * (text_limit(TrainingRequest, "message") + 1),
            ),
            "message",
        ),
        (
            lambda: follow_up_survey_answer(
                survey=world.survey,
                outcome="follow_up",
                note="a" * (text_limit(FollowUpSurvey, "note") + 1),
            ),
            "note",
        ),
        (
            lambda: meeting_outcome_record(
                meeting=world.meeting,
                delegate=world.own_delegate,
                outcome="follow_up",
                rating=4,
                note="a" * (text_limit(MeetingOutcome, "note") + 1),
            ),
            "note",
        ),
        (
            lambda: organisation_decide_accreditation(
                organisation=world.pending_org,
                reviewer=world.users["organiser"],
                decision="rejected",
                reason="a" * (text_limit(Organisation, "accreditation_reason") + 1),
            ),
            "reason",
        ),
    ]
    world.training_request.delete()  # the other delegate may ask again
    world.meeting.status = MeetingStatus.HELD
    world.meeting.save(update_fields=["status"])
    counts = (Post.objects.count(), PostReport.objects.count(), Comment.objects.count())
    for call, field in cases:
        with pytest.raises(ValidationError) as refused:
            call()
        assert field in refused.value.message_dict
    assert (Post.objects.count(), PostReport.objects.count(), Comment.objects.count()) == counts
    assert not MeetingOutcome.objects.filter(meeting=world.meeting).exists()
    assert not TrainingRequest.objects.filter(programme=world.programme).exists()
    world.survey.refresh_from_db()
    assert world.survey.answered_at is None
    world.pending_org.refresh_from_db()
    assert world.pending_org.accreditation == "pending"


def test_the_user_models_full_name_limit_is_enforced_at_sign_up_service(db):
    from matchforum.organisations.services import invitation_accept
    from tests.factories import InvitationFactory

    invitation = InvitationFactory()
    limit = text_limit(User, "full_name")
    with pytest.raises(ValidationError) as refused:
        invitation_accept(invitation=invitation, full_name="a" * (limit + 1), password="pw12!Xyz")
    assert "full_name" in refused.value.message_dict
    assert not User.objects.filter(email__iexact=invitation.email).exists()
