"""GET /api/v1/recommendations/ and the "not interested" write, through the API."""

from __future__ import annotations

from django.test import Client

from matchforum.recommendations.models import Dismissal, Recommendation
from tests.factories import OrganisationFactory, RecommendationFactory


def _client(user, **headers) -> Client:
    client = Client(**headers)
    client.force_login(user)
    return client


def test_the_list_is_ranked_and_explained(world):
    second = RecommendationFactory(
        organisation=world.own_org, counterpart=world.target_org, rank=2, score=0.4
    )
    response = _client(world.users["own"]).get("/api/v1/recommendations/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [world.recommendation.pk, second.pk]
    first = results[0]
    assert first["counterpart"]["id"] == world.partner_org.pk
    assert first["counterpart"]["name"] == "Partner Org"
    they = {"offer_title": "Radar", "need_title": "Sensors", "score": 0.8}
    assert {k: first["they_answer_you"][k] for k in they} == they
    assert first["you_answer_them"] is None
    assert first["shared_tracks"] == ["Demining"]
    assert "Their offer “Radar” answers your need “Sensors”." in first["reasons"]
    assert first["text"] == "Partner Org offers Radar."


def test_reasons_follow_the_request_language(world):
    client = _client(world.users["own"], HTTP_ACCEPT_LANGUAGE="uk")
    first = client.get("/api/v1/recommendations/").json()["results"][0]
    assert first["text"] == ""  # the matcher's English sentence is for English readers
    assert first["reasons"]
    assert not any("Their offer" in reason for reason in first["reasons"])


def test_dismissed_and_hidden_counterparts_are_left_out(world):
    RecommendationFactory(organisation=world.own_org, counterpart=world.unlisted_org, rank=2)
    RecommendationFactory(organisation=world.own_org, counterpart=world.hidden_org, rank=3)
    dismissed = OrganisationFactory(forum=world.forum)
    RecommendationFactory(organisation=world.own_org, counterpart=dismissed, rank=4)
    Dismissal.objects.create(organisation=world.own_org, counterpart=dismissed)
    results = _client(world.users["own"]).get("/api/v1/recommendations/").json()["results"]
    assert [r["counterpart"]["id"] for r in results] == [world.partner_org.pk]


def test_another_organisations_recommendation_is_not_found(world):
    others = RecommendationFactory(organisation=world.other_org, counterpart=world.partner_org)
    client = _client(world.users["own"])
    assert client.get(f"/api/v1/recommendations/{others.pk}/").status_code == 404
    assert client.post(f"/api/v1/recommendations/{others.pk}/dismiss/").status_code == 404
    assert Recommendation.objects.filter(pk=others.pk).exists()
    listed = client.get("/api/v1/recommendations/").json()["results"]
    assert others.pk not in {r["id"] for r in listed}


def test_a_pending_organisations_delegate_gets_an_empty_list(world):
    RecommendationFactory(organisation=world.pending_org, counterpart=world.partner_org)
    response = _client(world.users["unapproved"]).get("/api/v1/recommendations/")
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_dismiss_then_undo(world):
    client = _client(world.users["own"])
    response = client.post(f"/api/v1/recommendations/{world.recommendation.pk}/dismiss/")
    assert response.status_code == 201
    dismissal = Dismissal.objects.get(organisation=world.own_org, counterpart=world.partner_org)
    assert response.json()["id"] == dismissal.pk
    assert response.json()["counterpart"]["id"] == world.partner_org.pk
    assert dismissal.dismissed_by == world.own_delegate
    assert not Recommendation.objects.filter(pk=world.recommendation.pk).exists()
    assert client.get("/api/v1/recommendations/").json()["results"] == []
    listed = client.get("/api/v1/dismissals/").json()["results"]
    assert dismissal.pk in {d["id"] for d in listed}

    assert client.delete(f"/api/v1/dismissals/{dismissal.pk}/").status_code == 204
    assert not Dismissal.objects.filter(pk=dismissal.pk).exists()


def test_another_organisations_dismissal_cannot_be_undone(world):
    client = _client(world.users["other"])
    assert client.delete(f"/api/v1/dismissals/{world.dismissal.pk}/").status_code == 404
    assert Dismissal.objects.filter(pk=world.dismissal.pk).exists()
    assert client.get("/api/v1/dismissals/").json()["results"] == []
