"""The joint organising committee in the console: each team's own queue, decisions that
record who, which team and why, moves between teams, and the chair's committee page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from matchforum.audit.models import AuditEntry
from matchforum.forums.models import CommitteeMembership, CommitteeRole, CommitteeTeam
from matchforum.organisations.models import AccreditationDecision
from tests.factories import OrganisationFactory, UserFactory, committee_seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(forum):
    forum.participating_countries = ["LT", "LV"]
    forum.save()
    return {
        country: CommitteeTeam.objects.get_or_create(forum=forum, country=country)[0]
        for country in ("", "LT", "LV")
    }


@pytest.fixture
def lithuanian_officer(teams, forum):
    user = UserFactory(email="vetting.lt@example.org")
    committee_seat(user, role=CommitteeRole.VETTING_OFFICER, country="LT", forum=forum)
    return user


@pytest.fixture
def organisations(forum):
    return {
        "LT": OrganisationFactory(
            forum=forum, name="Baltic Sapper UAB", country="LT", accreditation="pending"
        ),
        "LV": OrganisationFactory(
            forum=forum, name="Ozolavots SIA", country="LV", accreditation="pending"
        ),
        "DE": OrganisationFactory(
            forum=forum, name="Rheinwerk GmbH", country="DE", accreditation="pending"
        ),
    }


def test_a_lithuanian_officer_posting_a_decision_on_a_latvian_organisation_gets_403(
    client, lithuanian_officer, organisations
):
    client.force_login(lithuanian_officer)
    latvian = organisations["LV"]
    response = client.post(
        reverse("console:vetting_detail", args=[latvian.pk]), {"decision": "approved"}
    )
    assert response.status_code == 403
    latvian.refresh_from_db()
    assert latvian.accreditation == "pending"
    assert not AccreditationDecision.objects.filter(organisation=latvian).exists()
    assert client.get(reverse("console:vetting_detail", args=[latvian.pk])).status_code == 403


def test_the_queue_shows_the_team_its_own_organisations_and_the_forum_in_counts(
    client, lithuanian_officer, organisations
):
    client.force_login(lithuanian_officer)
    page = client.get(reverse("console:vetting")).content.decode()
    assert "Baltic Sapper UAB" in page
    assert "Ozolavots SIA" not in page
    assert "Rheinwerk GmbH" not in page  # no German team: the chair's
    state = page[page.index('id="forum-state"') :]
    # One pending organisation for each of chair (DE), LT and LV.
    assert state.count("<td>1</td>") == 6


def test_the_console_home_counts_the_teams_queue_and_the_forum_apart(
    client, lithuanian_officer, organiser, organisations
):
    client.force_login(lithuanian_officer)
    response = client.get(reverse("console:home"))
    assert response.context["pending"] == 1  # Baltic Sapper UAB only
    assert response.context["pending_forum"] == 3
    assert "3 awaiting review in the whole forum" in response.content.decode()
    client.force_login(organiser)  # the chair's queue is the whole forum
    response = client.get(reverse("console:home"))
    assert response.context["pending"] == response.context["pending_forum"] == 3
    assert "awaiting review in the whole forum" not in response.content.decode()


def test_the_vetting_page_keeps_the_level_and_decision_forms_apart(
    client, lithuanian_officer, organisations
):
    client.force_login(lithuanian_officer)
    lithuanian = organisations["LT"]
    url = reverse("console:vetting_detail", args=[lithuanian.pk])
    page = client.get(url).content.decode()
    assert page.count('id="id_reason"') == 1  # the decision's; the level's is prefixed
    assert 'id="id_level-reason"' in page
    client.post(
        reverse("console:vetting_accreditation_level", args=[lithuanian.pk]),
        {"level-level": "basic", "level-reason": "Checked the licence"},
    )
    lithuanian.refresh_from_db()
    assert lithuanian.accreditation_level == "basic"


def test_ticking_an_organisation_of_another_team_refuses_the_whole_bulk_decision(
    client, lithuanian_officer, organisations
):
    client.force_login(lithuanian_officer)
    response = client.post(
        reverse("console:vetting"),
        {
            "organisations": [organisations["LT"].pk, organisations["LV"].pk],
            "decision": "approved",
            "reason": "",
        },
    )
    assert response.status_code == 403
    assert not AccreditationDecision.objects.exists()


def test_a_decision_records_who_which_team_and_why(client, lithuanian_officer, organisations):
    client.force_login(lithuanian_officer)
    url = reverse("console:vetting_detail", args=[organisations["LT"].pk])
    refused = client.post(url, {"decision": "rejected", "reason": " "})
    assert refused.status_code == 200
    assert not AccreditationDecision.objects.exists()
    client.post(url, {"decision": "rejected", "reason": "No export licence."})
    decision = AccreditationDecision.objects.get()
    assert (decision.reviewer, decision.team.country.code, decision.reason) == (
        lithuanian_officer,
        "LT",
        "No export licence.",
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VETTING_DECISION)
    assert entry.data["team"] == "Lithuania team"
    assert entry.data["reason"] == "No export licence."


def test_the_chair_moves_an_organisation_with_a_reason_on_record(
    client, organiser, teams, lithuanian_officer, organisations
):
    latvian = organisations["LV"]
    client.force_login(organiser)
    url = reverse("console:vetting_move_team", args=[latvian.pk])
    client.post(url, {"team": teams["LT"].pk, "reason": ""})
    latvian.refresh_from_db()
    assert latvian.committee_team is None
    client.post(url, {"team": teams["LT"].pk, "reason": "Its plant is in Kaunas."})
    latvian.refresh_from_db()
    assert latvian.committee_team == teams["LT"]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.TEAM_MOVED)
    assert entry.data == {
        "from": "Latvia team",
        "to": "Lithuania team",
        "reason": "Its plant is in Kaunas.",
    }
    # Now it is the Lithuanian team's to vet, and no longer the Latvian team's.
    client.force_login(lithuanian_officer)
    detail = reverse("console:vetting_detail", args=[latvian.pk])
    assert client.post(detail, {"decision": "approved"}).status_code == 302
    latvian_officer = UserFactory()
    committee_seat(latvian_officer, country="LV", forum=latvian.forum)
    client.force_login(latvian_officer)
    assert client.get(detail).status_code == 403


def test_a_country_team_cannot_move_an_organisation(client, lithuanian_officer, organisations):
    client.force_login(lithuanian_officer)
    url = reverse("console:vetting_move_team", args=[organisations["LT"].pk])
    assert client.post(url, {"team": "", "reason": "Mine."}).status_code == 403


def test_the_chair_manages_members_and_countries(client, organiser, forum, teams):
    person = UserFactory(email="kadri@example.org")
    client.force_login(organiser)
    url = reverse("console:committee")
    page = client.post(url, {"action": "countries", "countries": "LT, LV, XX"})
    assert "Unknown country code: XX." in page.content.decode()
    assert 'value="LT, LV, XX"' in page.content.decode()
    client.post(url, {"action": "countries", "countries": "LT, LV, EE"})
    forum.refresh_from_db()
    assert forum.participating_countries == ["LT", "LV", "EE"]
    estonian = CommitteeTeam.objects.get(forum=forum, country="EE")
    client.post(
        url,
        {
            "action": "add",
            "email": "KADRI@example.org",
            "team": estonian.pk,
            "role": "vetting_officer",
        },
    )
    membership = CommitteeMembership.objects.get(user=person)
    assert (membership.team, membership.role) == (estonian, "vetting_officer")
    refused = client.post(url, {"action": "countries", "countries": "LT, LV"})
    assert "remove them first: EE" in refused.content.decode()
    client.post(reverse("console:committee_member_remove", args=[membership.pk]))
    assert not CommitteeMembership.objects.filter(user=person).exists()
    client.post(url, {"action": "countries", "countries": "LT, LV"})
    assert not CommitteeTeam.objects.filter(forum=forum, country="EE").exists()


def test_the_chair_keeps_an_organiser(client, organiser):
    seat = CommitteeMembership.objects.get(user=organiser)
    client.force_login(organiser)
    response = client.post(reverse("console:committee_member_remove", args=[seat.pk]), follow=True)
    assert "The chair needs at least one organiser." in response.content.decode()
    assert CommitteeMembership.objects.filter(pk=seat.pk).exists()


def test_only_the_chairs_organisers_open_the_committee_page(
    client, forum, teams, lithuanian_officer, vetting_officer
):
    country_organiser = UserFactory()
    committee_seat(country_organiser, role=CommitteeRole.ORGANISER, country="LT", forum=forum)
    for user in (lithuanian_officer, vetting_officer, country_organiser):
        client.force_login(user)
        assert client.get(reverse("console:committee")).status_code == 403


def test_the_organisation_picker_finds_only_what_the_officers_team_vets(
    client, lithuanian_officer, organisations, organiser, make_delegate
):
    url = reverse("console:organisation_search")
    query = {"field": "organisation", "organisation_search": "i"}  # in every name
    client.force_login(lithuanian_officer)
    html = client.get(url, query).content.decode()
    assert f'value="{organisations["LT"].pk}"' in html
    assert "Ozolavots SIA" not in html and "Rheinwerk GmbH" not in html
    assert html.count('type="radio" name="organisation"') == 1
    # The queue's finder opens an organisation of the team's and refuses another's id.
    finder = reverse("console:vetting")
    opened = client.get(finder, {"organisation": organisations["LT"].pk})
    assert opened.url == reverse("console:vetting_detail", args=[organisations["LT"].pk])
    refused = client.get(finder, {"organisation": organisations["LV"].pk})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    client.force_login(organiser)  # the chair's organiser: every organisation of the forum
    html = client.get(url, query).content.decode()
    assert all(f'value="{o.pk}"' in html for o in organisations.values())
    client.force_login(make_delegate().user)
    assert client.get(url, query).status_code == 403
    client.logout()
    assert client.get(url, query).status_code == 302
