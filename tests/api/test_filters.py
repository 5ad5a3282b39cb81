"""A filter parameter that is given must be valid: empty choices and out-of-range ids are 400."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import ApiTokenFactory, DelegateFactory, OrganisationFactory, forum_build


@pytest.fixture
def api(db):
    forum = forum_build()
    delegate = DelegateFactory(organisation=OrganisationFactory(forum=forum))
    token = ApiTokenFactory(user=delegate.user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.raw}")
    return client, delegate


@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/organisations/?kind=",
        "/api/v1/profiles/?side=",
        "/api/v1/profiles/?organisation=",
        "/api/v1/profiles/?organisation=3.402823466e%2B38",
        "/api/v1/profiles/?organisation=99999999999999999999",
        "/api/v1/profiles/?organisation=1.5",
        "/api/v1/meeting-requests/?status=",
        "/api/v1/meeting-requests/?box=",
        "/api/v1/meetings/?status=",
    ],
)
def test_invalid_filter_values_are_refused(api, query):
    client, _delegate = api
    assert client.get(query).status_code == 400


def test_valid_filters_still_filter(api):
    client, delegate = api
    response = client.get(f"/api/v1/profiles/?organisation={delegate.organisation_id}&side=offer")
    assert response.status_code == 200
    assert client.get("/api/v1/organisations/?kind=producer").status_code == 200
    assert client.get("/api/v1/meeting-requests/?box=sent").status_code == 200
