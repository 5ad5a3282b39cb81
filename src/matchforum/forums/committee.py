"""Who on the joint organising committee may do what with an organisation: the one place.

A forum has a chair team and one co-organiser team per participating country; each team
has organisers and vetting officers (`CommitteeMembership`). An organisation belongs to
its *responsible team*: the team it was moved to (a recorded decision), else the team of
its country, else the chair (which settles organisations whose country has no team).

The rules, per action on one organisation:

* view its private details (delegates, contacts, vetting history, drafts): any member of
  the chair or of its responsible team;
* vet it (approve, reject, ask for information): any member of the chair or of its team;
* edit its details on the committee's side: the same;
* move it to another team: a member of the chair;
* export it (its row in the console's exports): an organiser of the chair or of its team.

And per coalition (a capability track with a lead country): its lead country's team
(any role) and the chair's organisers moderate its threads, curate its page and see its
meeting figures (`can_lead_coalition`).

A superuser counts as a chair member with both roles. Console views, the API, the admin
and the exports ask these functions (or the matching querysets below), and the services
check them again, so every channel gives the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from matchforum.accounts.models import User
from matchforum.organisations.models import Organisation

from .models import CapabilityTrack, CommitteeMembership, CommitteeRole, CommitteeTeam, Forum


@dataclass(frozen=True)
class Seat:
    """One membership, as the rules need it."""

    team_id: int
    country: str
    role: str

    @property
    def is_chair(self) -> bool:
        return not self.country


def seats(user: User, forum_id: int) -> list[Seat]:
    """The user's memberships in the forum's committee (none for anonymous users)."""
    if not user.is_authenticated:
        return []
    rows = CommitteeMembership.objects.filter(user=user, team__forum_id=forum_id).values_list(
        "team_id", "team__country", "role"
    )
    return [Seat(team_id, str(country), role) for team_id, country, role in rows]


def _is_chair(user: User, own: list[Seat]) -> bool:
    return user.is_superuser or any(seat.is_chair for seat in own)


def _is_chair_organiser(user: User, own: list[Seat]) -> bool:
    return user.is_superuser or any(
        seat.is_chair and seat.role == CommitteeRole.ORGANISER for seat in own
    )


def responsible_team(organisation: Organisation) -> CommitteeTeam | None:
    """The team that vets and looks after the organisation (None: the forum has no chair
    team yet, which only a forum without a committee has)."""
    if organisation.committee_team_id is not None:
        return organisation.committee_team
    teams = CommitteeTeam.objects.filter(forum_id=organisation.forum_id)
    return teams.filter(country=organisation.country).first() or teams.filter(country="").first()


def _in_team(own: list[Seat], organisation: Organisation, *, roles: set[str]) -> bool:
    team = responsible_team(organisation)
    return team is not None and any(seat.team_id == team.pk and seat.role in roles for seat in own)


ANY_ROLE = {CommitteeRole.ORGANISER, CommitteeRole.VETTING_OFFICER}


def can_view_private(user: User, organisation: Organisation) -> bool:
    return private_organisations(user, organisation.forum).filter(pk=organisation.pk).exists()


def can_vet(user: User, organisation: Organisation) -> bool:
    own = seats(user, organisation.forum_id)
    return _is_chair(user, own) or _in_team(own, organisation, roles=ANY_ROLE)


def can_edit(user: User, organisation: Organisation) -> bool:
    own = seats(user, organisation.forum_id)
    return _is_chair(user, own) or _in_team(own, organisation, roles=ANY_ROLE)


def can_move_team(user: User, organisation: Organisation) -> bool:
    return _is_chair(user, seats(user, organisation.forum_id))


def can_export(user: User, organisation: Organisation) -> bool:
    return exportable_organisations(user, organisation.forum).filter(pk=organisation.pk).exists()


def can_lead_coalition(user: User, forum: Forum, track: CapabilityTrack) -> bool:
    """Moderate, curate and see the figures of a coalition: a member of its lead country's
    team, or an organiser of the chair (who can do everything)."""
    own = seats(user, forum.pk)
    if _is_chair_organiser(user, own):
        return True
    lead = str(track.lead_country or "")
    return bool(lead) and any(not seat.is_chair and seat.country == lead for seat in own)


def can_manage_committee(user: User, forum: Forum) -> bool:
    """Teams, members, roles and the participating countries: the chair's organisers."""
    return _is_chair_organiser(user, seats(user, forum.pk))


def _team_scope(own: list[Seat], *, roles: set[str]) -> Q:
    """Organisations whose responsible team is one of the user's teams (with a role in
    `roles`), in SQL: moved to it, or not moved and of its country."""
    team_ids = [seat.team_id for seat in own if seat.role in roles and not seat.is_chair]
    countries = [seat.country for seat in own if seat.role in roles and not seat.is_chair]
    return Q(committee_team_id__in=team_ids) | Q(committee_team__isnull=True, country__in=countries)


def private_organisations(user: User, forum: Forum) -> QuerySet[Organisation]:
    """The organisations whose private details the user sees: also their vetting queue
    (`can_vet` and `can_edit` follow the same rule, one organisation at a time)."""
    base = Organisation.objects.filter(forum=forum)
    own = seats(user, forum.pk)
    if _is_chair(user, own):
        return base
    if not own:
        return base.none()
    return base.filter(_team_scope(own, roles=ANY_ROLE))


def private_organisations_anywhere(user: User) -> QuerySet[Organisation]:
    """`private_organisations` over every forum (the admin lists all forums)."""
    scope = Q(pk__in=[])
    for forum in Forum.objects.all():
        scope |= Q(pk__in=private_organisations(user, forum).values("pk"))
    return Organisation.objects.filter(scope)


def exportable_organisations(user: User, forum: Forum) -> QuerySet[Organisation]:
    """The organisations the user's exports include."""
    base = Organisation.objects.filter(forum=forum)
    own = seats(user, forum.pk)
    if _is_chair_organiser(user, own):
        return base
    return base.filter(_team_scope(own, roles={CommitteeRole.ORGANISER}))


def user_team(user: User, organisation: Organisation) -> CommitteeTeam | None:
    """The team a committee member acts for on this organisation: the chair when they sit
    on it, else the organisation's team (the one `can_vet` let them act through)."""
    own = seats(user, organisation.forum_id)
    chair = next((seat for seat in own if seat.is_chair), None)
    if chair is not None:
        return CommitteeTeam.objects.get(pk=chair.team_id)
    team = responsible_team(organisation)
    if team is not None and any(seat.team_id == team.pk for seat in own):
        return team
    if user.is_superuser:
        return CommitteeTeam.objects.filter(forum_id=organisation.forum_id, country="").first()
    return None
