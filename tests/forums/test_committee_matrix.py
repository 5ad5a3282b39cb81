"""The joint committee's permission matrix: role × own or other country × action.

Every cell comes from `MATRIX` and is asserted through the channel that does the action
(the console page, the decision and move POSTs, the admin's change form, the CSV export),
so a change to any one rule of forums/committee.py fails at least one cell.

The country teams are Lithuania's; "own" is a Lithuanian organisation, "other" a Latvian
one (Latvia has a team too, so the chair is not its team). The chair's members see and
do everything; the delegate is a delegate of another Lithuanian organisation.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from matchforum.forums.models import CommitteeRole, CommitteeTeam
from matchforum.organisations.models import Accreditation, AccreditationDecision
from tests.factories import DelegateFactory, OrganisationFactory, UserFactory, committee_seat

pytestmark = pytest.mark.django_db

ROLES = [
    "chair organiser",
    "chair vetting officer",
    "country organiser",
    "country vetting officer",
    "delegate",
]
ACTIONS = ["view private details", "vet", "edit", "move team", "export"]

# (role, whose organisation) -> what the role may do with it, in ACTIONS order.
Y, N = True, False
MATRIX: dict[tuple[str, str], tuple[bool, bool, bool, bool, bool]] = {
    ("chair organiser", "own"): (Y, Y, Y, Y, Y),
    ("chair organiser", "other"): (Y, Y, Y, Y, Y),
    ("chair vetting officer", "own"): (Y, Y, Y, Y, N),
    ("chair vetting officer", "other"): (Y, Y, Y, Y, N),
    ("country organiser", "own"): (Y, Y, Y, N, Y),
    ("country organiser", "other"): (N, N, N, N, N),
    ("country vetting officer", "own"): (Y, Y, Y, N, N),
    ("country vetting officer", "other"): (N, N, N, N, N),
    ("delegate", "own"): (N, N, N, N, N),
    ("delegate", "other"): (N, N, N, N, N),
}


@pytest.fixture
def committee_world(forum):
    forum.participating_countries = ["LT", "LV"]
    forum.save()
    for country in ("", "LT", "LV"):
        CommitteeTeam.objects.get_or_create(forum=forum, country=country)
    organisations = {
        "own": OrganisationFactory(
            forum=forum, name="Baltic Sapper UAB", country="LT", accreditation="pending"
        ),
        "other": OrganisationFactory(
            forum=forum, name="Ozolavots SIA", country="LV", accreditation="pending"
        ),
    }
    # Someone for the export's delegate rows and the private details page.
    for organisation in organisations.values():
        DelegateFactory(organisation=organisation)
    seats = {
        "chair organiser": ("", CommitteeRole.ORGANISER),
        "chair vetting officer": ("", CommitteeRole.VETTING_OFFICER),
        "country organiser": ("LT", CommitteeRole.ORGANISER),
        "country vetting officer": ("LT", CommitteeRole.VETTING_OFFICER),
    }
    users = {}
    for role, (country, seat_role) in seats.items():
        # Staff, so the admin lets them in and only the committee's rules decide.
        user = UserFactory(is_staff=True)
        committee_seat(user, role=seat_role, country=country, forum=forum)
        users[role] = user
    delegate_of = OrganisationFactory(forum=forum, name="Vilnius Optics UAB", country="LT")
    users["delegate"] = DelegateFactory(organisation=delegate_of).user
    return forum, organisations, users


def _may(action: str, client: Client, forum, organisation) -> bool:
    """Whether the action on `organisation` succeeds, through its real channel."""
    if action == "view private details":
        response = client.get(reverse("console:vetting_detail", args=[organisation.pk]))
        return response.status_code == 200 and organisation.name in response.content.decode()
    if action == "vet":
        response = client.post(
            reverse("console:vetting_detail", args=[organisation.pk]),
            {"decision": Accreditation.NEEDS_INFORMATION, "reason": "Send the export licence."},
        )
        recorded = AccreditationDecision.objects.filter(organisation=organisation).exists()
        assert recorded == (response.status_code == 302)
        return recorded
    if action == "edit":
        response = client.get(
            reverse("admin:organisations_organisation_change", args=[organisation.pk])
        )
        return response.status_code == 200 and 'name="_save"' in response.content.decode()
    if action == "move team":
        chair = CommitteeTeam.objects.get(forum=forum, country="")
        response = client.post(
            reverse("console:vetting_move_team", args=[organisation.pk]),
            {"team": chair.pk, "reason": "Its licences are issued in another country."},
        )
        organisation.refresh_from_db()
        moved = organisation.committee_team_id == chair.pk
        assert moved == (response.status_code == 302)
        return moved
    if action == "export":
        response = client.get(reverse("console:export", args=["organisations", "csv"]))
        return response.status_code == 200 and organisation.name in response.content.decode()
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "side"), list(MATRIX))
def test_committee_permission_matrix(committee_world, role, side):
    """One row of the table, every action of it (in ACTIONS order: the move comes last,
    as it changes the organisation's team)."""
    forum, organisations, users = committee_world
    client = Client()
    client.force_login(users[role])
    done = {action: _may(action, client, forum, organisations[side]) for action in ACTIONS}
    assert done == dict(zip(ACTIONS, MATRIX[(role, side)], strict=True))
