"""Load scenario: delegates browse, search, look at recommendations, request, accept, agenda.

Each simulated user is one delegate with an API token (from LOAD_CREDENTIALS, a JSON
file written by run_load.py). A clean refusal by the rules (HTTP 400, e.g. a request
quota reached or a request already answered by a colleague) is a correct answer and
is not counted as an error; anything else that is not 2xx is.

The users are `FastHttpUser`s (geventhttpclient): the same requests as with the
`requests`-based `HttpUser`, at a fraction of the client's CPU, so the load generator,
which shares the machine with the server, does not starve it.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import FastHttpUser, between, task

CREDENTIALS = json.loads(open(os.environ["LOAD_CREDENTIALS"]).read())  # noqa: SIM115
_next = itertools.count()
SEARCH_WORDS = ["drone", "demining", "radar", "training", "armour", "sensor", "logistics"]


class Delegate(FastHttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        me = CREDENTIALS["delegates"][next(_next) % len(CREDENTIALS["delegates"])]
        self.client.auth_header = f"Token {me['token']}"  # sent with every request
        self.organisation_ids: list[int] = CREDENTIALS["organisations"]
        self.has_recommendations = CREDENTIALS.get("recommendations_url")

    def _ok(self, response, allowed=(200, 201)) -> None:
        if response.status_code in allowed or response.status_code == 400:
            response.success()
        else:
            response.failure(f"HTTP {response.status_code}")

    @task(3)
    def browse(self) -> None:
        self.client.get("/", name="page: home")
        page = random.randint(1, 5)
        with self.client.get(
            f"/api/v1/organisations/?page={page}&page_size=20",
            name="api: organisations",
            catch_response=True,
        ) as response:
            self._ok(response)
        organisation = random.choice(self.organisation_ids)
        with self.client.get(
            f"/api/v1/organisations/{organisation}/",
            name="api: organisation detail",
            catch_response=True,
        ) as response:
            # Unlisted or not-yet-approved organisations answer 404 by design.
            if response.status_code == 404:
                response.success()
            else:
                self._ok(response)

    @task(3)
    def search(self) -> None:
        word = random.choice(SEARCH_WORDS)
        with self.client.get(
            f"/api/v1/profiles/?search={word}&page_size=20",
            name="api: search profiles",
            catch_response=True,
        ) as response:
            self._ok(response)

    @task(1)
    def recommendations(self) -> None:
        if not self.has_recommendations:
            return
        with self.client.get(
            self.has_recommendations, name="api: recommendations", catch_response=True
        ) as response:
            self._ok(response)

    @task(1)
    def request_meeting(self) -> None:
        with self.client.post(
            "/api/v1/meeting-requests/",
            json={
                "recipient_organisation": random.choice(self.organisation_ids),
                "message": "Shall we meet at the forum?",
            },
            name="api: send request",
            catch_response=True,
        ) as response:
            if response.status_code in (403, 404):  # not approved / hidden: rules, not errors
                response.success()
            else:
                self._ok(response)

    @task(1)
    def accept(self) -> None:
        with self.client.get(
            "/api/v1/meeting-requests/?box=received&status=pending&page_size=5",
            name="api: received requests",
            catch_response=True,
        ) as response:
            self._ok(response)
            pending = response.json().get("results", []) if response.status_code == 200 else []
        if pending:
            with self.client.post(
                f"/api/v1/meeting-requests/{pending[0]['id']}/accept/",
                name="api: accept request",
                catch_response=True,
            ) as response:
                self._ok(response)

    @task(2)
    def agenda(self) -> None:
        with self.client.get("/api/v1/agenda/", name="api: agenda", catch_response=True) as r:
            self._ok(r)
