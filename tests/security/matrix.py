"""The permission matrix: every named route × every role → the expected status.

To add a route, add an entry to MATRIX under its namespaced URL name, e.g.

    "marketplace:list": [Op("GET", expect=SIGNED_IN_PAGE)],
    "marketplace:detail": [
        Op("GET", kwargs=lambda w: {"pk": w.own_org.pk}, expect=expect(
            anonymous=302, other=200, unapproved=404, own=200, vetting=200, organiser=200)),
    ],

`kwargs` builds the URL arguments from the World (tests/security/world.py), `body` the
JSON (or form) body. test_route_coverage.py fails for any route missing here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.security.world import ROLES, World


def expect(**statuses: int) -> dict[str, int]:
    missing = set(ROLES) - set(statuses)
    assert not missing, f"roles without an expected status: {missing}"
    return statuses


def same(status: int, **overrides: int) -> dict[str, int]:
    return expect(**({role: status for role in ROLES} | overrides))


@dataclass(frozen=True)
class Op:
    method: str
    expect: dict[str, int]
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    body: Callable[[World], dict[str, Any]] | None = None
    form: bool = False  # a browser form post instead of JSON
    label: str = ""


PUBLIC = same(200)
SIGNED_IN_PAGE = same(200, anonymous=302)
API_SIGNED_IN = same(200, anonymous=401)
API_ORGANISERS = same(403, anonymous=401, organiser=200)
API_DELEGATE_WRITE = same(403, anonymous=401)


def own_org(w: World) -> dict:
    return {"pk": w.own_org.pk}


def profile_body(w: World) -> dict:
    return {
        "side": "need",
        "kind": "service",
        "title": "Counter-drone training",
        "description": "Looking for a partner.",
        "language": "en",
    }


MATRIX: dict[str, list[Op]] = {
    # --- pages ---
    "core:home": [Op("GET", PUBLIC)],
    "core:health": [Op("GET", PUBLIC)],
    "accounts:login": [Op("GET", PUBLIC)],
    "accounts:logout": [Op("POST", same(302), form=True)],
    "privacy:my-data": [Op("GET", SIGNED_IN_PAGE)],
    "privacy:export": [Op("POST", SIGNED_IN_PAGE, form=True)],
    "audit:entries": [Op("GET", SIGNED_IN_PAGE)],
    "twofactor:enrol": [
        Op(
            "GET",
            expect(anonymous=302, other=403, unapproved=403, own=403, vetting=200, organiser=200),
        )
    ],
    "twofactor:verify": [Op("GET", same(302))],  # nothing to verify: back to where one was
    # --- API: documents ---
    "api:schema": [Op("GET", PUBLIC)],
    "api:docs": [Op("GET", PUBLIC)],
    "api:token": [
        Op(
            "POST",
            same(201),
            body=lambda w: {"email": "own@example.org", "password": "correct horse battery staple"},
        ),
        Op(
            "POST",
            same(403),
            body=lambda w: {"email": "own@example.org", "password": "wrong password!"},
            label="wrong password",
        ),
    ],
    # --- API: organisations ---
    "api:organisation-list": [Op("GET", API_SIGNED_IN)],
    "api:organisation-detail": [
        Op("GET", API_SIGNED_IN | {"unapproved": 404}, kwargs=own_org, label="approved listed"),
        Op(
            "GET",
            expect(anonymous=401, other=404, unapproved=404, own=404, vetting=200, organiser=200),
            kwargs=lambda w: {"pk": w.hidden_org.pk},
            label="not approved",
        ),
        Op(
            "GET",
            expect(anonymous=401, other=404, unapproved=404, own=404, vetting=200, organiser=200),
            kwargs=lambda w: {"pk": w.unlisted_org.pk},
            label="unlisted",
        ),
        Op(
            "PATCH",
            expect(anonymous=401, other=404, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=own_org,
            body=lambda w: {"description": "We make things."},
        ),
        Op(
            "PUT",
            expect(anonymous=401, other=404, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=own_org,
            body=lambda w: {"website": "", "description": "x", "size": "", "visibility": "listed"},
        ),
    ],
    # --- API: offers and needs ---
    "api:profile-list": [
        Op("GET", API_SIGNED_IN),
        Op("POST", same(201, anonymous=401, vetting=403, organiser=403), body=profile_body),
    ],
    "api:profile-detail": [
        Op(
            "GET",
            API_SIGNED_IN | {"unapproved": 404},
            kwargs=lambda w: {"pk": w.own_profile.pk},
            label="published",
        ),
        Op(
            "GET",
            expect(anonymous=401, other=404, unapproved=404, own=200, vetting=200, organiser=200),
            kwargs=lambda w: {"pk": w.own_hidden_profile.pk},
            label="draft",
        ),
        Op(
            "PATCH",
            expect(anonymous=401, other=404, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=lambda w: {"pk": w.own_profile.pk},
            body=lambda w: {"title": "Renamed"},
        ),
        Op(
            "PUT",
            expect(anonymous=401, other=404, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=lambda w: {"pk": w.own_profile.pk},
            body=profile_body,
        ),
        Op(
            "DELETE",
            expect(anonymous=401, other=404, unapproved=404, own=204, vetting=403, organiser=403),
            kwargs=lambda w: {"pk": w.own_profile.pk},
        ),
    ],
    # --- API: meeting requests ---
    "api:meeting-request-list": [
        Op("GET", API_SIGNED_IN),
        Op(
            "POST",
            expect(anonymous=401, other=201, unapproved=404, own=201, vetting=403, organiser=403),
            body=lambda w: {"recipient_organisation": w.target_org.pk},
        ),
    ],
    "api:meeting-request-detail": [
        Op(
            "GET",
            expect(anonymous=401, other=404, unapproved=404, own=200, vetting=404, organiser=200),
            kwargs=lambda w: {"pk": w.request_in.pk},
        )
    ],
    "api:meeting-request-accept": [
        Op(
            "POST",
            expect(anonymous=401, other=404, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=lambda w: {"pk": w.request_in.pk},
            label="received",
        ),
        Op(
            "POST",
            expect(anonymous=401, other=404, unapproved=404, own=403, vetting=403, organiser=403),
            kwargs=lambda w: {"pk": w.request_out.pk},
            label="own request",
        ),
    ],
    "api:meeting-request-decline": [
        Op(
            "POST",
            expect(anonymous=401, other=404, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=lambda w: {"pk": w.request_in.pk},
            body=lambda w: {"reason": "No capacity."},
        )
    ],
    "api:meeting-request-withdraw": [
        Op(
            "POST",
            expect(anonymous=401, other=404, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=lambda w: {"pk": w.request_out.pk},
            label="sent",
        ),
        Op(
            "POST",
            expect(anonymous=401, other=404, unapproved=404, own=403, vetting=403, organiser=403),
            kwargs=lambda w: {"pk": w.request_in.pk},
            label="received",
        ),
    ],
    # --- API: meetings, agenda ---
    "api:meeting-list": [Op("GET", API_SIGNED_IN)],
    "api:meeting-detail": [
        Op(
            "GET",
            expect(anonymous=401, other=404, unapproved=404, own=200, vetting=404, organiser=200),
            kwargs=lambda w: {"pk": w.meeting.pk},
        )
    ],
    "api:agenda-list": [Op("GET", same(200, anonymous=401, vetting=403, organiser=403))],
    # --- API: schedules and runs (organisers) ---
    "api:schedule-list": [Op("GET", API_ORGANISERS)],
    "api:schedule-detail": [Op("GET", API_ORGANISERS, kwargs=lambda w: {"pk": w.version.pk})],
    "api:scheduling-run-list": [Op("GET", API_ORGANISERS)],
    "api:scheduling-run-detail": [Op("GET", API_ORGANISERS, kwargs=lambda w: {"pk": w.run.pk})],
    # --- API: who viewed my organisation ---
    "api:profile-view-list": [Op("GET", API_SIGNED_IN)],
}


def cases() -> list[tuple[str, Op, str]]:
    return [(name, op, role) for name, ops in MATRIX.items() for op in ops for role in ROLES]


def case_id(case: tuple[str, Op, str]) -> str:
    name, op, role = case
    return f"{name}:{op.method}{'[' + op.label + ']' if op.label else ''}:{role}"
