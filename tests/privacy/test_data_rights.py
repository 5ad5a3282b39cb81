"""Issue 17, item 9: the export holds every kind of the person's data; deletion leaves none.

The world's own delegate has written a thread with an attachment, reported a post,
commented on news, answered a follow-up survey; here they also ask to join a training
programme, record an outcome and receive a notification with an e-mail body.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from matchforum.community.models import Attachment, Post, PostReport, Thread
from matchforum.meetings.models import MeetingStatus
from matchforum.news.models import Comment
from matchforum.notifications.models import Notification, NotificationPreference
from matchforum.operations.schedule import JOBS
from matchforum.organisations.models import Delegate
from matchforum.outcomes.models import FollowUpSurvey, MeetingOutcome
from matchforum.privacy.inventory import PERSONAL_RELATIONS
from matchforum.privacy.services import user_delete_account, user_export_data
from matchforum.training.models import TrainingRequest
from tests.factories import (
    CooperationProfileFactory,
    NotificationFactory,
    TrainingProgrammeFactory,
)

pytestmark = pytest.mark.usefixtures("fast_hashing")

SECRET_BODY = "Your meeting with Partner Org is at 10:00 in Hall A."


@pytest.fixture
def person(world):
    """The own delegate with one of each kind of data."""
    own = world.own_delegate
    world.meeting.status = MeetingStatus.HELD
    world.meeting.save(update_fields=["status"])
    world.request_in.recipient = own
    world.request_in.save(update_fields=["recipient"])
    programme = TrainingProgrammeFactory(
        profile=CooperationProfileFactory(organisation=world.other_org, kind="training")
    )
    TrainingRequest.objects.create(
        programme=programme,
        delegate=own,
        organisation=world.own_org,
        message="Two of our engineers would come.",
    )
    MeetingOutcome.objects.create(
        meeting=world.meeting,
        organisation=world.own_org,
        recorded_by=own,
        outcome="nda",
        rating=4,
        note="They will send the NDA.",
        recorded_at=world.meeting.created_at,
    )
    world.survey.outcome, world.survey.note = "contract", "Signed in March."
    world.survey.answered_at = world.survey.sent_at
    world.survey.save()
    NotificationFactory(user=own.user, subject="Meeting confirmed", body=SECRET_BODY)
    NotificationPreference.objects.create(user=own.user, delivery="digest")
    return own


def test_the_export_holds_every_kind_of_the_persons_data(world, person):
    data = user_export_data(user=person.user)
    text = json.dumps(data)
    assert [t["title"] for t in data["community"]["threads"]] == ["Mine clearance"]
    [post] = data["community"]["posts"]
    assert post["body"] == "Who has field experience?"
    assert post["attachments"] == ["notes.txt"]
    assert [r["reason"] for r in data["community"]["reports"]] == ["Off topic."]
    assert [c["body"] for c in data["news_comments"]] == ["Thanks!"]
    [notification] = [n for n in data["notifications"] if n["subject"] == "Meeting confirmed"]
    assert notification["body"] == SECRET_BODY
    assert data["notification_preference"] == "digest"
    assert [t["name"] for t in data["api_tokens"]] == ["laptop"]
    [delegation] = data["delegations"]
    assert [t["message"] for t in delegation["training_requests"]] == [
        "Two of our engineers would come."
    ]
    assert [o["note"] for o in delegation["outcomes_recorded"]] == ["They will send the NDA."]
    assert [f["note"] for f in delegation["follow_up_surveys"]] == ["Signed in March."]
    assert [d["counterpart"] for d in delegation["dismissals"]]
    assert delegation["calendar_feed"] is True
    assert [i["email"] for i in delegation["invitations_sent"]] == [world.invitation.email]
    assert [r["from"] for r in delegation["requests_received"]]
    assert "security-calendar-token" not in text and "security-survey-token" not in text


def test_the_download_is_the_same_export(world, person):
    client = Client()
    client.force_login(person.user)
    data = json.loads(client.post(reverse("privacy:export")).content)
    assert data["notifications"][0]["body"] == SECRET_BODY
    assert data["news_comments"][0]["body"] == "Thanks!"


def test_after_deletion_none_of_the_persons_writing_remains(world, person):
    user = person.user
    attachment = Attachment.objects.get(pk=world.attachment.pk)
    stored_file = attachment.file.path
    user_delete_account(user=user)
    assert not Post.objects.filter(author=user).exists()
    assert not Thread.objects.filter(author=user).exists()  # nobody else had replied
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not Path(stored_file).exists()
    assert not PostReport.objects.filter(reporter=user).exists()
    assert not Comment.objects.filter(author=user).exists()
    assert not Notification.objects.filter(user=user).exists()
    assert not NotificationPreference.objects.filter(user=user).exists()
    assert set(
        TrainingRequest.objects.filter(delegate=person).values_list("message", flat=True)
    ) == {""}
    outcome = MeetingOutcome.objects.get(recorded_by=person)
    assert outcome.note == "" and outcome.rating == 4  # the figures stay
    survey = FollowUpSurvey.objects.get(pk=world.survey.pk)
    assert survey.note == "" and survey.outcome == "contract"
    assert not Delegate.objects.get(pk=person.pk).unavailable_slots.exists()
    data = user_export_data(user=user)
    assert data["notifications"] == [] and data["community"]["posts"] == []
    assert data["news_comments"] == []


def test_a_thread_others_replied_to_keeps_their_replies(world, person):
    from matchforum.community.services import thread_reply

    reply = thread_reply(
        user=world.users["organiser"], thread=world.thread, body="We do.", files=[]
    )
    user_delete_account(user=person.user)
    assert Thread.objects.filter(pk=world.thread.pk).exists()
    assert list(Post.objects.filter(thread=world.thread)) == [reply]


def test_the_retention_purge_runs_daily_and_erases_the_same(world, person, settings):
    [job] = [j for j in JOBS if j.name == "purge_past_forums"]
    assert job.every == dt.timedelta(days=1)
    world.forum.starts_on = dt.date(2020, 1, 1)
    world.forum.ends_on = dt.date(2020, 1, 2)
    world.forum.save(update_fields=["starts_on", "ends_on"])
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    assert "Purged 1 forum(s)" in job.run()
    assert not Notification.objects.filter(user=person.user).exists()
    assert not Comment.objects.filter(author=person.user).exists()
    assert MeetingOutcome.objects.get(recorded_by=person).note == ""


def _relations_to_a_person():
    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and field.concrete
                and field.related_model in (user_model, Delegate)
            ):
                yield f"{model._meta.label}.{field.name}"


def test_every_relation_to_a_person_is_exported_and_handled_on_deletion():
    """A new table pointing at an account or a seat fails here until privacy/inventory.py
    says where the export puts it and what deletion does with it."""
    found = set(_relations_to_a_person())
    missing = found - set(PERSONAL_RELATIONS)
    assert not missing, f"add to privacy/inventory.py: {sorted(missing)}"
    assert not set(PERSONAL_RELATIONS) - found, "privacy/inventory.py lists relations gone"


def test_every_export_key_of_the_inventory_is_in_the_export(world, person):
    data = user_export_data(user=person.user)
    for relation, handling in PERSONAL_RELATIONS.items():
        where: object = data
        for part in handling.export.split("."):
            where = where[0] if isinstance(where, list) else where
            assert part in where, f"{relation}: no {handling.export!r} in the export"
            where = where[part]
