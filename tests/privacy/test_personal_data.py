"""Export, account deletion and the retention command."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from matchforum.accounts.models import User
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.organisations.models import Delegate
from tests.factories import DelegateFactory, OrganisationFactory, forum_build

PASSWORD = "correct horse battery staple"


pytestmark = pytest.mark.usefixtures("fast_hashing")


def test_a_delegate_downloads_their_data_as_json(world):
    client = Client()
    client.force_login(world.users["own"])
    assert client.get(reverse("privacy:export")).status_code == 405  # POST only
    response = client.post(reverse("privacy:export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "own@example.org"
    [delegation] = data["delegations"]
    assert delegation["organisation"] == "Own Org"
    assert [m["with"] for m in delegation["meetings"]] == ["Partner Org"]
    assert [r["to"] for r in delegation["requests_sent"]] == ["Fourth Org"]
    assert "password" not in response.content.decode().lower()


def test_deleting_the_account_erases_the_person_and_keeps_the_meetings(world):
    user = world.users["own"]
    world.request_out.message = "Call me on +380 12 345"
    world.request_out.save()
    cancelled = Meeting.objects.filter(delegate_a__user=user).first() or Meeting.objects.first()
    Meeting.objects.filter(pk=cancelled.pk).update(cancel_reason="Call me on +380 12 345")
    Meeting.objects.filter(pk=cancelled.pk).update(cancelled_by=user)
    client = Client()
    client.force_login(user)
    wrong = client.post(reverse("privacy:my-data"), {"password": "not mine"})
    assert wrong.status_code == 200
    assert "That is not your password." in wrong.content.decode()
    meetings_before = Meeting.objects.count()
    response = client.post(reverse("privacy:my-data"), {"password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email.endswith("@deleted.invalid") and user.full_name == ""
    assert not user.is_active and not user.has_usable_password()
    assert Meeting.objects.count() == meetings_before
    assert MeetingRequest.objects.get(pk=world.request_out.pk).message == ""
    assert Meeting.objects.get(pk=cancelled.pk).cancel_reason == ""  # what they wrote
    assert Delegate.objects.get(pk=world.own_delegate.pk).role == ""
    assert "_auth_user_id" not in client.session
    fresh = Client()
    assert not fresh.login(username="own@example.org", password=PASSWORD)


def test_purge_past_forums_erases_old_forums_only(db):
    old = forum_build(slug="old", days=[dt.date(2020, 5, 1)])
    new = forum_build(slug="new", days=[dt.date(2099, 5, 1)])
    old_delegate = DelegateFactory(organisation=OrganisationFactory(forum=old))
    new_delegate = DelegateFactory(organisation=OrganisationFactory(forum=new))
    both = DelegateFactory(organisation=OrganisationFactory(forum=old))
    DelegateFactory(user=both.user, organisation=OrganisationFactory(forum=new))
    call_command("purge_past_forums", "--older-than-days", "365")
    old_user = User.objects.get(pk=old_delegate.user_id)
    assert old_user.email.endswith("@deleted.invalid") and not old_user.is_active
    assert User.objects.get(pk=new_delegate.user_id).is_active
    kept = User.objects.get(pk=both.user_id)
    assert kept.is_active and not kept.email.endswith("@deleted.invalid")
    assert Delegate.objects.get(pk=old_delegate.pk).role == ""
    assert Delegate.objects.get(pk=new_delegate.pk).role == "Business development"
    # Organisations (the forum's figures) stay.
    assert old.organisations.count() == 2


def test_purge_keeps_forums_within_the_retention_period(db):
    recent = forum_build(slug="recent", days=[dt.date.today() - dt.timedelta(days=10)])
    delegate = DelegateFactory(organisation=OrganisationFactory(forum=recent))
    call_command("purge_past_forums", "--older-than-days", "30")
    assert User.objects.get(pk=delegate.user_id).is_active


def test_purge_deletes_the_registration_lists_imported_into_old_forums(db):
    from matchforum.organisations.models import RegistrationImport

    old = forum_build(slug="old", days=[dt.date(2020, 5, 1)])
    new = forum_build(slug="new", days=[dt.date(2099, 5, 1)])
    for forum in (old, new):
        RegistrationImport.objects.create(
            forum=forum, filename="list.csv", dry_run=False, table=[["a@example.org"]]
        )
    call_command("purge_past_forums", "--older-than-days", "365")
    assert list(RegistrationImport.objects.values_list("forum", flat=True)) == [new.pk]
