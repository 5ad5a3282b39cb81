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
# Delegate-only API routes (staff without a delegate seat 403); an object of the caller's
# own organisation, which any other organisation's delegate does not find.
API_DELEGATES = same(200, anonymous=401, vetting=403, organiser=403)
API_OWN_ONLY = expect(anonymous=401, other=404, unapproved=404, own=200, vetting=403, organiser=403)
# Pages of a delegate (core.access.delegate_required): anonymous to sign in, staff without
# a delegate seat 403. Delegates of a pending organisation get the awaiting-approval notice.
DELEGATE_PAGE = same(200, anonymous=302, vetting=403, organiser=403)
# Console pages: organisers only (console.access.organiser_required).
CONSOLE_PAGE = same(403, anonymous=302, organiser=200)
# Console pages a vetting officer may use too (console.access.vetting_required).
VETTING_PAGE = same(403, anonymous=302, vetting=200, organiser=200)
# A console write refused to everyone but organisers; organisers are redirected back.
CONSOLE_WRITE = same(403, anonymous=302, organiser=302)
# A write that only takes POST: a GET is refused before any access check.
POST_ONLY = same(405)


def own_org(w: World) -> dict:
    return {"pk": w.own_org.pk}


def pk_of(attribute: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"pk": getattr(w, attribute).pk}


def vetting_seat(w: World) -> dict:
    return {"pk": w.users["vetting"].committee_memberships.get().pk}


def first_session(w: World) -> dict:
    return {"pk": w.forum.days.first().sessions.first().pk}


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
    "operations:health-live": [Op("GET", PUBLIC)],
    # No worker runs in the tests: readiness fails the same way for every role.
    "operations:health-ready": [Op("GET", same(503))],
    "accounts:login": [Op("GET", PUBLIC)],
    "accounts:logout": [Op("POST", same(302), form=True)],
    "privacy:my-data": [Op("GET", SIGNED_IN_PAGE)],
    "accounts:api_tokens": [Op("GET", SIGNED_IN_PAGE)],
    "accounts:api_token_revoke": [
        Op("POST", same(404, anonymous=302, own=302), kwargs=pk_of("own_token"), form=True)
    ],
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
    # --- API: the caller's own tokens (personal, not organisation-owned) ---
    "api:token-list": [Op("GET", API_SIGNED_IN)],
    "api:token-detail": [
        Op("DELETE", same(404, anonymous=401, own=204), kwargs=pk_of("own_token")),
    ],
    # Signed in by session (as here), there is no token to revoke: a clean 400.
    "api:token-current": [Op("DELETE", same(400, anonymous=401))],
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
    # The world's forum does not book at acceptance: even the invited side finds no places.
    "api:meeting-request-places": [
        Op(
            "GET",
            expect(anonymous=401, other=404, unapproved=404, own=404, vetting=404, organiser=403),
            kwargs=lambda w: {"pk": w.request_in.pk},
        )
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
    # --- API: recommendations and dismissals (the caller's organisation's own) ---
    "api:recommendation-list": [Op("GET", API_DELEGATES)],
    "api:recommendation-detail": [
        Op("GET", API_OWN_ONLY, kwargs=pk_of("recommendation")),
    ],
    "api:recommendation-dismiss": [
        Op("POST", API_OWN_ONLY | {"own": 201}, kwargs=pk_of("recommendation")),
    ],
    "api:dismissal-list": [Op("GET", API_DELEGATES)],
    "api:dismissal-detail": [
        Op("GET", API_OWN_ONLY, kwargs=pk_of("dismissal")),
        Op("DELETE", API_OWN_ONLY | {"own": 204}, kwargs=pk_of("dismissal")),
    ],
    # --- API: who viewed my organisation ---
    "api:profile-view-list": [Op("GET", API_SIGNED_IN)],
    # --- accounts: public sign-up, confirmation, invitations ---
    "accounts:sign_up": [
        Op("GET", same(302, anonymous=200)),  # signed-in people go to their status page
        Op("POST", same(302, anonymous=200), form=True, label="empty form re-rendered"),
    ],
    "accounts:sign_up_done": [Op("GET", PUBLIC)],
    "accounts:confirm_resend": [
        Op("GET", PUBLIC),
        Op("POST", PUBLIC, form=True, label="empty form re-rendered"),
    ],
    "accounts:confirm": [
        Op("GET", same(400), kwargs=lambda w: {"uidb64": "x", "token": "forged"}, label="forged")
    ],
    "accounts:password_reset": [
        Op("GET", PUBLIC),
        Op("POST", PUBLIC, form=True, label="empty form re-rendered"),
    ],
    "accounts:password_reset_done": [Op("GET", PUBLIC)],
    "accounts:password_reset_confirm": [
        Op("GET", PUBLIC, kwargs=lambda w: {"uidb64": "x", "token": "forged"}, label="forged")
    ],
    "accounts:password_reset_complete": [Op("GET", PUBLIC)],
    "accounts:invitation": [
        Op("GET", PUBLIC, kwargs=lambda w: {"token": w.invitation.token}),
        Op("GET", same(404), kwargs=lambda w: {"token": "guessed"}, label="unknown token"),
    ],
    "core:language": [
        Op("GET", POST_ONLY),
        Op("POST", same(302), form=True),
    ],
    # --- agenda and calendar feed ---
    "agenda:agenda": [Op("GET", DELEGATE_PAGE)],
    "agenda:pdf": [Op("GET", DELEGATE_PAGE)],
    "badges:own": [Op("GET", DELEGATE_PAGE)],
    "agenda:calendar_regenerate": [
        Op("GET", POST_ONLY),
        Op("POST", same(302, vetting=403, organiser=403), form=True),
    ],
    "agenda:calendar_revoke": [
        Op("GET", POST_ONLY),
        Op("POST", same(302, vetting=403, organiser=403), form=True),
    ],
    "agenda:calendar_feed": [
        Op("GET", PUBLIC, kwargs=lambda w: {"token": w.calendar_token.token}),
        Op("GET", same(404), kwargs=lambda w: {"token": "guessed"}, label="unknown token"),
    ],
    # --- coalitions (own organisation and the pending one belong to the track) ---
    "community:tracks": [Op("GET", SIGNED_IN_PAGE)],
    "community:track": [Op("GET", SIGNED_IN_PAGE, kwargs=lambda w: {"slug": w.track.slug})],
    "community:thread_new": [
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=404, own=200, vetting=404, organiser=200),
            kwargs=lambda w: {"slug": w.track.slug},
        ),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=404, own=200, vetting=404, organiser=200),
            kwargs=lambda w: {"slug": w.track.slug},
            form=True,
            label="empty form re-rendered",
        ),
    ],
    "community:thread": [
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=404, own=200, vetting=404, organiser=200),
            kwargs=pk_of("thread"),
        )
    ],
    "community:thread_lock": [
        Op("GET", same(405, anonymous=302), kwargs=pk_of("thread")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=404, own=403, vetting=404, organiser=302),
            kwargs=pk_of("thread"),
            form=True,
        ),
    ],
    "community:post_hide": [
        Op("GET", same(405, anonymous=302), kwargs=pk_of("post")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=404, own=403, vetting=404, organiser=302),
            kwargs=pk_of("post"),
            form=True,
        ),
    ],
    "community:post_report": [
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=404, own=200, vetting=404, organiser=200),
            kwargs=pk_of("post"),
        ),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=404, own=200, vetting=404, organiser=200),
            kwargs=pk_of("post"),
            form=True,
            label="empty form re-rendered",
        ),
    ],
    "community:attachment": [
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=404, own=200, vetting=404, organiser=200),
            kwargs=pk_of("attachment"),
        )
    ],
    "community:reports": [Op("GET", CONSOLE_PAGE)],
    "community:report_resolve": [
        Op("GET", same(405, anonymous=302), kwargs=pk_of("report")),
        Op("POST", CONSOLE_WRITE, kwargs=pk_of("report"), form=True),
    ],
    "community:curate": [
        Op(
            "GET",
            same(403, anonymous=302, organiser=200),
            kwargs=lambda w: {"slug": w.track.slug},
        ),
        Op(
            "POST",
            same(403, anonymous=302, organiser=200),
            kwargs=lambda w: {"slug": w.track.slug},
            form=True,
            label="empty form re-rendered",
        ),
    ],
    "community:figures": [
        Op(
            "GET",
            same(403, anonymous=302, organiser=200),
            kwargs=lambda w: {"slug": w.track.slug},
        )
    ],
    # --- technical annexes (the other organisation's offer; the own one accepted its NDA) ---
    "annexes:offer": [
        Op(
            "GET",
            expect(anonymous=302, other=302, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=pk_of("other_offer"),
        ),
        Op(
            "POST",
            expect(anonymous=302, other=302, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=pk_of("other_offer"),
            form=True,
            label="empty form re-rendered",
        ),
    ],
    "annexes:download": [
        Op(
            "GET",
            expect(anonymous=302, other=200, unapproved=403, own=200, vetting=403, organiser=403),
            kwargs=pk_of("other_annex"),
        )
    ],
    "annexes:delete": [
        Op("GET", same(405), kwargs=pk_of("other_annex")),
        Op(
            "POST",
            expect(anonymous=302, other=302, unapproved=404, own=404, vetting=403, organiser=403),
            kwargs=pk_of("other_annex"),
            form=True,
        ),
    ],
    "annexes:mine": [
        Op("GET", DELEGATE_PAGE),
        Op("POST", DELEGATE_PAGE, form=True, label="empty form re-rendered"),
    ],
    "annexes:mine_offer": [
        Op(
            "GET",
            expect(anonymous=302, other=200, unapproved=404, own=404, vetting=403, organiser=403),
            kwargs=pk_of("other_offer"),
        ),
        Op(
            "POST",
            expect(anonymous=302, other=200, unapproved=404, own=404, vetting=403, organiser=403),
            kwargs=pk_of("other_offer"),
            form=True,
            label="empty form re-rendered",
        ),
    ],
    "annexes:revoke": [
        Op("GET", same(405), kwargs=pk_of("acceptance")),
        Op(
            "POST",
            expect(anonymous=302, other=302, unapproved=404, own=404, vetting=403, organiser=403),
            kwargs=pk_of("acceptance"),
            form=True,
        ),
    ],
    "annexes:allow_again": [
        Op("GET", same(405), kwargs=pk_of("acceptance")),
        Op(
            "POST",
            expect(anonymous=302, other=302, unapproved=404, own=404, vetting=403, organiser=403),
            kwargs=pk_of("acceptance"),
            form=True,
        ),
    ],
    # --- organiser console ---
    "console:home": [Op("GET", VETTING_PAGE)],
    "console:vetting": [
        Op("GET", VETTING_PAGE),
        Op("POST", VETTING_PAGE, form=True, label="nothing ticked re-rendered"),
    ],
    "console:vetting_detail": [
        Op("GET", VETTING_PAGE, kwargs=lambda w: {"pk": w.pending_org.pk}),
        Op(
            "POST",
            VETTING_PAGE,
            kwargs=lambda w: {"pk": w.pending_org.pk},
            form=True,
            label="empty form re-rendered",
        ),
    ],
    "console:vetting_move_team": [
        Op(
            "GET",
            same(403, anonymous=302, vetting=405, organiser=405),
            kwargs=lambda w: {"pk": w.pending_org.pk},
        ),
        Op(
            "POST",
            same(403, anonymous=302, vetting=302, organiser=302),
            kwargs=lambda w: {"pk": w.pending_org.pk},
            form=True,
            label="no reason: refused with a message",
        ),
    ],
    "console:vetting_accreditation_level": [
        Op(
            "GET",
            same(403, anonymous=302, vetting=405, organiser=405),
            kwargs=lambda w: {"pk": w.pending_org.pk},
        ),
        Op(
            "POST",
            same(403, anonymous=302, vetting=302, organiser=302),
            kwargs=lambda w: {"pk": w.pending_org.pk},
            form=True,
            label="no level: refused with a message",
        ),
    ],
    "console:classification_review": [
        Op(
            "GET",
            same(403, anonymous=302, vetting=405, organiser=405),
            kwargs=lambda w: {"pk": w.own_profile.pk},
        ),
        Op(
            "POST",
            same(403, anonymous=302, vetting=302, organiser=302),
            kwargs=lambda w: {"pk": w.own_profile.pk},
            form=True,
            label="no classification: refused with a message",
        ),
    ],
    "console:classification_rules": [
        Op("GET", CONSOLE_PAGE),
        Op("POST", CONSOLE_PAGE, form=True, label="empty form re-rendered"),
    ],
    "console:committee": [
        Op("GET", CONSOLE_PAGE),
        Op("POST", CONSOLE_PAGE, form=True, label="no action re-rendered"),
    ],
    "console:committee_member_remove": [
        Op(
            "GET",
            same(403, anonymous=302, vetting=405, organiser=405),
            kwargs=vetting_seat,
        ),
        Op("POST", same(403, anonymous=302, organiser=302), kwargs=vetting_seat, form=True),
    ],
    "console:setup": [Op("GET", CONSOLE_PAGE)],
    "console:sessions": [Op("GET", CONSOLE_PAGE)],
    "console:session_edit": [Op("GET", CONSOLE_PAGE, kwargs=first_session)],
    "console:session_remove": [
        Op("GET", same(403, anonymous=302, organiser=405), kwargs=first_session),
        Op("POST", CONSOLE_WRITE, kwargs=first_session, form=True),
    ],
    "console:tables": [Op("GET", CONSOLE_PAGE)],
    "console:runs": [Op("GET", CONSOLE_PAGE)],
    "console:run_compare": [Op("GET", CONSOLE_PAGE)],
    "console:run_detail": [Op("GET", CONSOLE_PAGE, kwargs=pk_of("run"))],
    "console:run_progress": [Op("GET", CONSOLE_PAGE, kwargs=pk_of("run"))],
    "console:run_cancel": [
        Op("GET", same(403, anonymous=302, organiser=405), kwargs=pk_of("run")),
        Op("POST", CONSOLE_WRITE, kwargs=pk_of("run"), form=True),
    ],
    "console:run_publish": [
        Op("GET", same(403, anonymous=302, organiser=405), kwargs=pk_of("run")),
        Op("POST", CONSOLE_WRITE, kwargs=pk_of("run"), form=True),
    ],
    "console:repair": [Op("GET", CONSOLE_PAGE)],
    "console:waiting_list": [
        Op("GET", CONSOLE_PAGE),
        Op("POST", same(403, anonymous=302, organiser=404), form=True, label="no meeting"),
    ],
    "console:meetings": [Op("GET", CONSOLE_PAGE)],
    "console:meeting_add": [Op("GET", CONSOLE_PAGE)],
    "console:delegate_search": [Op("GET", CONSOLE_PAGE)],
    "console:organisation_search": [Op("GET", VETTING_PAGE)],
    "console:meeting_action": [
        Op("GET", same(403, anonymous=302, organiser=405), kwargs=pk_of("meeting")),
        Op("POST", CONSOLE_WRITE, kwargs=pk_of("meeting"), form=True),
    ],
    "console:meeting_cancel": [Op("GET", CONSOLE_PAGE, kwargs=pk_of("meeting"))],
    "console:meeting_cancel_undo": [
        Op("GET", same(403, anonymous=302, organiser=405), kwargs=pk_of("meeting")),
        Op("POST", CONSOLE_WRITE, kwargs=pk_of("meeting"), form=True),
    ],
    "console:checkin": [Op("GET", CONSOLE_PAGE)],
    "console:checkin_toggle": [
        Op("GET", same(403, anonymous=302, organiser=405), kwargs=pk_of("own_delegate")),
        Op("POST", CONSOLE_WRITE, kwargs=pk_of("own_delegate"), form=True),
    ],
    "console:scan": [
        Op("GET", CONSOLE_PAGE),
        Op("POST", same(403, anonymous=302, organiser=400), form=True, label="no code read"),
    ],
    "console:badge_batch_start": [
        Op("GET", same(403, anonymous=302, organiser=405)),
        Op("POST", CONSOLE_WRITE, form=True),
    ],
    "console:badge_batch": [Op("GET", CONSOLE_PAGE, kwargs=pk_of("badge_batch"))],
    "console:badge_batch_pdf": [Op("GET", CONSOLE_PAGE, kwargs=pk_of("badge_batch"))],
    "console:badge_pdf": [Op("GET", CONSOLE_PAGE, kwargs=pk_of("own_delegate"))],
    "console:badge_renew": [
        Op("GET", same(403, anonymous=302, organiser=405), kwargs=pk_of("own_delegate")),
        Op(
            "POST",
            CONSOLE_PAGE,
            kwargs=pk_of("own_delegate"),
            form=True,
            label="the confirmation page, nothing renewed",
        ),
    ],
    "console:analytics": [Op("GET", CONSOLE_PAGE)],
    "console:periodic_jobs": [Op("GET", CONSOLE_PAGE)],
    "console:export": [
        Op("GET", CONSOLE_PAGE, kwargs=lambda w: {"name": "meetings", "fmt": "csv"}),
    ],
    "console:registration_import": [
        Op("GET", CONSOLE_PAGE),
        Op("POST", CONSOLE_PAGE, form=True, label="nothing uploaded re-rendered"),
    ],
    "console:registration_template": [
        Op("GET", CONSOLE_PAGE, kwargs=lambda w: {"fmt": "xlsx"}),
    ],
    "console:registration_import_job": [
        Op("GET", CONSOLE_PAGE, kwargs=pk_of("registration_import")),
    ],
    "console:registration_import_confirm": [
        Op("GET", same(403, anonymous=302, organiser=405), kwargs=pk_of("registration_import")),
        Op("POST", CONSOLE_WRITE, kwargs=pk_of("registration_import"), form=True),
    ],
    "console:print": [Op("GET", CONSOLE_PAGE)],
    "console:table_cards_pdf": [Op("GET", CONSOLE_PAGE)],
    "console:running_order_pdf": [Op("GET", CONSOLE_PAGE)],
    # --- marketplace ---
    "marketplace:search": [Op("GET", DELEGATE_PAGE)],
    "marketplace:organisation": [
        Op("GET", DELEGATE_PAGE, kwargs=own_org, label="approved listed"),
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=200, own=404, vetting=403, organiser=403),
            kwargs=lambda w: {"pk": w.hidden_org.pk},
            label="not approved",
        ),
    ],
    "marketplace:my_profiles": [Op("GET", DELEGATE_PAGE)],
    "marketplace:preview": [Op("GET", DELEGATE_PAGE)],
    "marketplace:profile_new": [Op("GET", DELEGATE_PAGE)],
    "marketplace:profile_edit": [
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=pk_of("own_profile"),
        )
    ],
    "marketplace:profile_delete": [
        Op("GET", POST_ONLY, kwargs=pk_of("own_profile")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=404, own=302, vetting=403, organiser=403),
            kwargs=pk_of("own_profile"),
            form=True,
        ),
    ],
    # --- meeting requests (pages) ---
    "meetings:inbox": [Op("GET", DELEGATE_PAGE)],
    "meetings:outbox": [Op("GET", DELEGATE_PAGE)],
    "meetings:send": [
        Op("GET", POST_ONLY, kwargs=lambda w: {"organisation_pk": w.target_org.pk}),
        Op(
            "POST",
            expect(anonymous=302, other=302, unapproved=200, own=302, vetting=403, organiser=403),
            kwargs=lambda w: {"organisation_pk": w.target_org.pk},
            form=True,
        ),
    ],
    "meetings:accept": [
        Op("GET", POST_ONLY, kwargs=pk_of("request_in")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=200, own=302, vetting=403, organiser=403),
            kwargs=pk_of("request_in"),
            form=True,
        ),
    ],
    # live booking is off in the world's forum, so its page is not found even by its side
    "meetings:book": [
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=200, own=404, vetting=403, organiser=403),
            kwargs=pk_of("request_in"),
        ),
    ],
    "meetings:decline": [
        Op("GET", POST_ONLY, kwargs=pk_of("request_in")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=200, own=302, vetting=403, organiser=403),
            kwargs=pk_of("request_in"),
            form=True,
        ),
    ],
    "meetings:withdraw": [
        Op("GET", POST_ONLY, kwargs=pk_of("request_out")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=200, own=302, vetting=403, organiser=403),
            kwargs=pk_of("request_out"),
            form=True,
        ),
    ],
    # --- a delegate's own meetings (the world's meeting is own's, at a table) ---
    "meetings:cancel": [
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=200, own=200, vetting=403, organiser=403),
            kwargs=pk_of("meeting"),
        ),
    ],
    "meetings:cancel_undo": [
        Op("GET", POST_ONLY, kwargs=pk_of("meeting")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=200, own=302, vetting=403, organiser=403),
            kwargs=pk_of("meeting"),
            form=True,
        ),
    ],
    "meetings:move": [
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=200, own=200, vetting=403, organiser=403),
            kwargs=pk_of("meeting"),
        ),
    ],
    "meetings:attendee_add": [
        Op("GET", POST_ONLY, kwargs=pk_of("meeting")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=200, own=404, vetting=403, organiser=403),
            kwargs=pk_of("meeting"),
            form=True,
        ),
    ],
    "meetings:attendee_remove": [
        Op("GET", POST_ONLY, kwargs=pk_of("meeting")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=200, own=404, vetting=403, organiser=403),
            kwargs=pk_of("meeting"),
            form=True,
        ),
    ],
    "meetings:move_accept": [Op("GET", POST_ONLY, kwargs=lambda w: {"pk": 1})],
    "meetings:move_decline": [Op("GET", POST_ONLY, kwargs=lambda w: {"pk": 1})],
    # an on-site meeting has no room, so even its attendee is not found
    "meetings:room": [
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=200, own=404, vetting=403, organiser=403),
            kwargs=pk_of("meeting"),
        ),
    ],
    # the world's forum has no video system
    "meetings:room_test": [Op("GET", same(404, anonymous=302, vetting=403, organiser=403))],
    # --- news ---
    "news:articles": [Op("GET", SIGNED_IN_PAGE)],
    "news:article": [
        Op("GET", SIGNED_IN_PAGE, kwargs=pk_of("article")),
        Op(
            "POST",
            expect(anonymous=302, other=200, unapproved=403, own=200, vetting=403, organiser=403),
            kwargs=pk_of("article"),
            form=True,
            label="empty comment re-rendered",
        ),
    ],
    "news:article_create": [Op("GET", CONSOLE_PAGE)],
    "news:article_edit": [Op("GET", CONSOLE_PAGE, kwargs=pk_of("article"))],
    "news:moderation": [Op("GET", CONSOLE_PAGE)],
    "news:comment_moderate": [
        Op("GET", same(405, anonymous=302), kwargs=pk_of("comment")),
        Op("POST", CONSOLE_WRITE, kwargs=pk_of("comment"), form=True),
    ],
    # --- notifications, own organisation ---
    "notifications:preferences": [Op("GET", DELEGATE_PAGE)],
    "notifications:centre": [Op("GET", SIGNED_IN_PAGE)],
    "notifications:mark_read": [
        Op("GET", same(405, anonymous=302), kwargs=pk_of("notification")),
        Op("POST", same(404, anonymous=302, own=302), kwargs=pk_of("notification"), form=True),
    ],
    "notifications:mark_all_read": [
        Op("GET", same(405, anonymous=302)),
        Op("POST", same(302), form=True),
    ],
    "organisations:status": [Op("GET", DELEGATE_PAGE)],
    "organisations:details": [Op("GET", DELEGATE_PAGE)],
    "organisations:delegates": [Op("GET", DELEGATE_PAGE)],
    "organisations:availability": [Op("GET", DELEGATE_PAGE)],
    "organisations:invitation_revoke": [
        Op("GET", POST_ONLY, kwargs=pk_of("invitation")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=404, own=302, vetting=403, organiser=403),
            kwargs=pk_of("invitation"),
            form=True,
        ),
    ],
    # --- outcomes ---
    "outcomes:list": [Op("GET", DELEGATE_PAGE)],
    "outcomes:record": [
        Op(
            "GET",
            expect(anonymous=302, other=404, unapproved=404, own=200, vetting=403, organiser=403),
            kwargs=pk_of("meeting"),
        )
    ],
    "outcomes:survey": [
        Op("GET", PUBLIC, kwargs=lambda w: {"token": w.survey.token}),
        Op("GET", same(404), kwargs=lambda w: {"token": "guessed"}, label="unknown token"),
    ],
    # --- recommendations ---
    "recommendations:list": [Op("GET", DELEGATE_PAGE)],
    "recommendations:dismiss": [
        Op("GET", POST_ONLY, kwargs=lambda w: {"organisation_pk": w.target_org.pk}),
        Op(
            "POST",
            expect(anonymous=302, other=302, unapproved=200, own=302, vetting=403, organiser=403),
            kwargs=lambda w: {"organisation_pk": w.target_org.pk},
            form=True,
        ),
    ],
    "recommendations:undismiss": [
        Op("GET", POST_ONLY, kwargs=lambda w: {"organisation_pk": w.target_org.pk}),
        Op(
            "POST",
            expect(anonymous=302, other=302, unapproved=200, own=302, vetting=403, organiser=403),
            kwargs=lambda w: {"organisation_pk": w.target_org.pk},
            form=True,
        ),
    ],
    # --- training ---
    "training:programmes": [Op("GET", SIGNED_IN_PAGE)],
    "training:programme": [
        Op(
            "GET",
            SIGNED_IN_PAGE | {"unapproved": 404},
            kwargs=pk_of("programme"),
        ),
        Op(
            "POST",
            expect(anonymous=302, other=200, unapproved=404, own=403, vetting=403, organiser=403),
            kwargs=pk_of("programme"),
            form=True,
            label="empty request re-rendered",
        ),
    ],
    "training:describe": [
        # Only the organisation offering a training profile describes its programme.
        Op(
            "GET",
            expect(anonymous=302, other=403, unapproved=403, own=200, vetting=403, organiser=403),
        )
    ],
    "training:request_decide": [
        Op("GET", same(405, anonymous=302), kwargs=pk_of("training_request")),
        Op(
            "POST",
            expect(anonymous=302, other=404, unapproved=404, own=302, vetting=404, organiser=404),
            kwargs=pk_of("training_request"),
            form=True,
        ),
    ],
}


def cases() -> list[tuple[str, Op, str]]:
    return [(name, op, role) for name, ops in MATRIX.items() for op in ops for role in ROLES]


def case_id(case: tuple[str, Op, str]) -> str:
    name, op, role = case
    return f"{name}:{op.method}{'[' + op.label + ']' if op.label else ''}:{role}"
