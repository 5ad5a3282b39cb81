"""The audit log records who did what, from where, and never a secret."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.organisations.services import organisation_decide_accreditation
from matchforum.schedules.models import ScheduleVersion
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


pytestmark = pytest.mark.usefixtures("no_throttles", "fast_hashing")


def _everything_logged() -> str:
    return json.dumps(list(AuditEntry.objects.values()), default=str)


def test_sign_in_and_failure_are_logged_with_address_and_no_password(client, db):
    user = UserFactory(email="who@example.org")
    client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": "Wrong-Secret-123"},
        REMOTE_ADDR="203.0.113.7",
    )
    client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.8",
    )
    failed = AuditEntry.objects.get(action=AuditEntry.Action.SIGN_IN_FAILED)
    assert failed.ip_address == "203.0.113.7"
    assert failed.data == {"username": "who@example.org"}
    signed_in = AuditEntry.objects.get(action=AuditEntry.Action.SIGN_IN)
    assert signed_in.actor == user and signed_in.ip_address == "203.0.113.8"
    logged = _everything_logged()
    assert "Wrong-Secret-123" not in logged
    assert PASSWORD not in logged


def test_tokens_never_reach_the_log(client, db):
    UserFactory(email="api@example.org")
    response = client.post(
        reverse("api:token"),
        {"email": "api@example.org", "password": PASSWORD},
        content_type="application/json",
    )
    raw = response.json()["token"]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.TOKEN_CREATED).exists()
    assert raw not in _everything_logged()
    assert raw[3:] not in _everything_logged()


def test_secrets_passed_by_a_caller_are_dropped(db):
    entry = audit_record(
        action=AuditEntry.Action.EXPORT,
        data={"password": "p", "api_token": "t", "note": "kept", "nested": {"secret": "s"}},
    )
    assert entry.data == {"note": "kept", "nested": {}}


def test_denied_access_and_hidden_objects_are_logged(world):
    client = Client()
    client.force_login(world.users["other"])
    client.get(f"/api/v1/meeting-requests/{world.request_in.pk}/")
    client.get("/api/v1/schedules/")
    not_found = AuditEntry.objects.get(action=AuditEntry.Action.NOT_FOUND)
    assert not_found.actor == world.users["other"]
    assert not_found.path == f"/api/v1/meeting-requests/{world.request_in.pk}/"
    denied = AuditEntry.objects.get(action=AuditEntry.Action.ACCESS_DENIED)
    assert denied.path == "/api/v1/schedules/"


def test_vetting_decisions_and_publication_are_logged(world):
    organisation_decide_accreditation(
        organisation=world.hidden_org, reviewer=world.users["vetting"], decision="approved"
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VETTING_DECISION)
    assert entry.organisation == world.hidden_org
    assert entry.actor == world.users["vetting"]
    assert entry.data == {
        "previous": "pending",
        "decision": "approved",
        "reason": "",
        "team": "Chair",
    }
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.SCHEDULE_PUBLISHED, target_id=str(world.version.pk)
    ).exists()
    ScheduleVersion.objects.filter(pk=world.version.pk).update(status="superseded")


def test_an_organisation_sees_who_viewed_its_profile_and_only_that(world):
    viewer = Client()
    viewer.force_login(world.users["other"])
    assert viewer.get(f"/api/v1/organisations/{world.own_org.pk}/").status_code == 200
    own = Client()
    own.force_login(world.users["own"])
    own.get(f"/api/v1/organisations/{world.own_org.pk}/")  # own views are not counted
    seen = own.get("/api/v1/profile-views/").json()["results"]
    assert [(e["action"], e["actor_organisation"]) for e in seen] == [
        ("organisation.viewed", "Other Org")
    ]
    # The viewer does not see views of the organisation it looked at.
    assert viewer.get("/api/v1/profile-views/").json()["results"] == []
    organiser = Client()
    organiser.force_login(world.users["organiser"])
    everything = organiser.get("/api/v1/profile-views/").json()
    assert everything["count"] > len(seen)


def test_the_visitors_page_shows_who_looked_and_hides_addresses_from_delegates(world):
    viewer = Client()
    viewer.force_login(world.users["other"])
    viewer.get(f"/api/v1/organisations/{world.own_org.pk}/", REMOTE_ADDR="198.51.100.9")
    own = Client()
    own.force_login(world.users["own"])
    page = own.get(reverse("audit:entries")).content.decode()
    assert "Other Org" in page
    assert "198.51.100.9" not in page
    organiser = Client()
    organiser.force_login(world.users["organiser"])
    full = organiser.get(reverse("audit:entries")).content.decode()
    assert "198.51.100.9" in full and "Audit log" in full


def test_a_web_profile_view_is_recorded_like_an_api_view(world):
    viewer = Client()
    viewer.force_login(world.users["other"])
    assert viewer.get(f"/marketplace/organisations/{world.own_org.pk}/").status_code == 200
    own = Client()
    own.force_login(world.users["own"])
    own.get(f"/marketplace/organisations/{world.own_org.pk}/")  # own views are not counted
    seen = own.get("/api/v1/profile-views/").json()["results"]
    assert [(e["action"], e["actor_organisation"]) for e in seen] == [
        ("organisation.viewed", "Other Org")
    ]
    assert "Other Org" in own.get(reverse("audit:entries")).content.decode()
