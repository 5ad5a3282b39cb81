"""Writes to protected fields are ignored; services hold the rules."""

from __future__ import annotations

from django.test import Client

from matchforum.organisations.models import Accreditation


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_delegate_cannot_approve_their_own_organisation(world):
    client = _client(world.users["unapproved"])
    response = client.patch(
        f"/api/v1/organisations/{world.pending_org.pk}/",
        {"accreditation": "approved", "name": "Renamed", "description": "Hello"},
        content_type="application/json",
    )
    assert response.status_code == 200
    world.pending_org.refresh_from_db()
    assert world.pending_org.accreditation == Accreditation.PENDING
    assert world.pending_org.name == "Pending Org"
    assert world.pending_org.description == "Hello"


def test_a_profile_cannot_be_moved_to_another_organisation(world):
    client = _client(world.users["own"])
    response = client.patch(
        f"/api/v1/profiles/{world.own_profile.pk}/",
        {"organisation": world.other_org.pk, "title": "Moved?"},
        content_type="application/json",
    )
    assert response.status_code == 200
    world.own_profile.refresh_from_db()
    assert world.own_profile.organisation_id == world.own_org.pk
    created = client.post(
        "/api/v1/profiles/",
        {
            "organisation": world.other_org.pk,
            "side": "offer",
            "kind": "product",
            "title": "Planted",
            "description": "x",
            "language": "en",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["organisation"] == world.own_org.pk


def test_a_request_status_cannot_be_written(world):
    client = _client(world.users["own"])
    response = client.patch(
        f"/api/v1/meeting-requests/{world.request_in.pk}/",
        {"status": "accepted"},
        content_type="application/json",
    )
    assert response.status_code == 405
    world.request_in.refresh_from_db()
    assert world.request_in.status == "pending"


def test_accepting_goes_through_the_service_rules(world):
    client = _client(world.users["own"])
    accepted = client.post(f"/api/v1/meeting-requests/{world.request_in.pk}/accept/")
    assert accepted.status_code == 200
    again = client.post(f"/api/v1/meeting-requests/{world.request_in.pk}/accept/")
    assert again.status_code == 400
    assert "no longer open" in again.json()["detail"][0]


def test_sending_twice_to_the_same_organisation_is_refused_with_a_message(world):
    client = _client(world.users["other"])
    body = {"recipient_organisation": world.target_org.pk, "message": "Hello"}
    assert client.post("/api/v1/meeting-requests/", body, "application/json").status_code == 201
    second = client.post("/api/v1/meeting-requests/", body, "application/json")
    assert second.status_code == 400
    assert "already open" in second.json()["detail"][0]


def test_filters_and_pagination(world):
    client = _client(world.users["own"])
    response = client.get("/api/v1/profiles/?side=offer&page_size=1")
    body = response.json()
    assert response.status_code == 200
    assert body["count"] >= 1 and len(body["results"]) == 1
    assert all(p["side"] == "offer" for p in body["results"])
    received = client.get("/api/v1/meeting-requests/?box=received").json()["results"]
    assert [r["id"] for r in received] == [world.request_in.pk]
    bad = client.get("/api/v1/profiles/?side=nonsense")
    assert bad.status_code == 400


def test_nul_characters_are_refused_as_bad_input_not_a_server_error(world):
    client = _client(world.users["own"])
    body = {
        "side": "offer",
        "kind": "product",
        "title": "x",
        "description": "y",
        "language": "en",
        "tracks": ["drones\x00"],
    }
    assert client.post("/api/v1/profiles/", body, "application/json").status_code == 400
    assert client.get("/api/v1/profiles/?search=dr%00one").status_code == 400
    assert client.get("/api/v1/organisations/?country=U%00").status_code == 400
