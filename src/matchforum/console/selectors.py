"""Reads of the organiser console: analytics numbers and the lists it exports."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from matchforum.forums.models import CommitteeTeam, Forum, Slot, Table
from matchforum.meetings.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from matchforum.organisations.models import (
    Accreditation,
    Delegate,
    Organisation,
    OrganisationKind,
)
from matchforum.outcomes.models import MeetingOutcome

#: Meetings that count as agreed (not cancelled).
AGREED = [
    MeetingStatus.ACCEPTED,
    MeetingStatus.SCHEDULED,
    MeetingStatus.HELD,
    MeetingStatus.NO_SHOW,
]
PLACED = [MeetingStatus.SCHEDULED, MeetingStatus.HELD, MeetingStatus.NO_SHOW]


def forum_meetings(*, forum: Forum) -> QuerySet[Meeting]:
    return Meeting.objects.filter(forum=forum).select_related(
        "organisation_a",
        "organisation_b",
        "delegate_a__user",
        "delegate_b__user",
        "slot",
        "table",
    )


def meetings_by_country_pair(*, forum: Forum) -> dict[str, Any]:
    """A symmetric matrix of agreed meetings between countries (rows/cols sorted by volume)."""
    pairs: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for a, b in Meeting.objects.filter(forum=forum, status__in=AGREED).values_list(
        "organisation_a__country", "organisation_b__country"
    ):
        a, b = str(a), str(b)
        pairs[(a, b)] += 1
        if a != b:
            pairs[(b, a)] += 1
        totals[a] += 1
        totals[b] += 1
    countries = [c for c, _n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
    matrix = [[pairs[(r, c)] for c in countries] for r in countries]
    return {"countries": countries, "matrix": matrix}


def meetings_by_track(*, forum: Forum) -> list[dict[str, Any]]:
    """Agreed meetings touching each track (a meeting counts once per track of either side)."""
    meetings = list(
        Meeting.objects.filter(forum=forum, status__in=AGREED).values_list(
            "pk", "organisation_a_id", "organisation_b_id"
        )
    )
    tracks_of: dict[int, set[tuple[str, bool]]] = defaultdict(set)
    through = Organisation.tracks.through
    for org_id, name, coalition in through.objects.filter(organisation__forum=forum).values_list(
        "organisation_id", "capabilitytrack__name", "capabilitytrack__is_coalition"
    ):
        tracks_of[org_id].add((name, coalition))
    counts: Counter[tuple[str, bool]] = Counter()
    for _pk, a, b in meetings:
        for track in tracks_of[a] | tracks_of[b]:
            counts[track] += 1
    return [
        {"label": name, "value": n, "coalition": coalition}
        for (name, coalition), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    ]


def request_funnel_steps(
    *, forum: Forum, now: dt.datetime | None = None
) -> list[tuple[str, QuerySet[Any]]]:
    """The request funnel as querysets, each filtering the one before, so every step is a
    subset of the previous one by construction.

    Steps after "accepted" count meetings *of those requests*: a walk-in or a meeting an
    organiser added has no request and is not in the funnel (see `meetings_without_request`).
    "held" counts only meetings whose slot is over.
    """
    now = now or timezone.now()
    sent = MeetingRequest.objects.filter(forum=forum)
    accepted = sent.filter(status=RequestStatus.ACCEPTED)
    scheduled = Meeting.objects.filter(forum=forum, request__in=accepted, status__in=PLACED)
    held = scheduled.filter(status=MeetingStatus.HELD, slot__ends_at__lte=now)
    with_outcome = held.filter(pk__in=MeetingOutcome.objects.values("meeting"))
    return [
        ("sent", sent),
        ("accepted", accepted),
        ("scheduled", scheduled),
        ("held", held),
        ("outcome", with_outcome),
    ]


def request_funnel(*, forum: Forum, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    return [
        {"label": label, "value": qs.count()}
        for label, qs in request_funnel_steps(forum=forum, now=now)
    ]


def meetings_without_request(*, forum: Forum) -> int:
    """Placed meetings booked without a request (walk-ins, added by organisers)."""
    return Meeting.objects.filter(forum=forum, request__isnull=True, status__in=PLACED).count()


def acceptance_by_kind(*, forum: Forum) -> list[dict[str, Any]]:
    """Share of answered requests the receiving organisations of each kind accepted."""
    rows = (
        MeetingRequest.objects.filter(
            forum=forum, status__in=[RequestStatus.ACCEPTED, RequestStatus.DECLINED]
        )
        .values("recipient_organisation__kind")
        .annotate(
            answered=Count("pk"), accepted=Count("pk", filter=Q(status=RequestStatus.ACCEPTED))
        )
    )
    labels = dict(OrganisationKind.choices)
    result = []
    for row in sorted(rows, key=lambda r: r["recipient_organisation__kind"]):
        kind = row["recipient_organisation__kind"]
        result.append(
            {
                "label": str(labels.get(kind, kind)),
                "answered": row["answered"],
                "accepted": row["accepted"],
                "value": round(100 * row["accepted"] / row["answered"]) if row["answered"] else 0,
            }
        )
    return result


def table_use_per_slot(*, forum: Forum) -> list[dict[str, Any]]:
    tables = Table.objects.filter(forum=forum, is_active=True).count()
    used = Counter(
        Meeting.objects.filter(forum=forum, status__in=PLACED, table__isnull=False).values_list(
            "slot_id", flat=True
        )
    )
    return [
        {"slot": slot, "used": used[slot.pk], "tables": tables}
        for slot in Slot.objects.filter(session__day__forum=forum).order_by("starts_at")
    ]


def no_show_rate(*, forum: Forum, now: dt.datetime | None = None) -> dict[str, int]:
    """Held and missed meetings, and the no-show share, of meetings whose slot is over."""
    past = Meeting.objects.filter(forum=forum, slot__ends_at__lte=now or timezone.now())
    held = past.filter(status=MeetingStatus.HELD).count()
    missed = past.filter(status=MeetingStatus.NO_SHOW).count()
    total = held + missed
    return {
        "held": held,
        "no_show": missed,
        "percent": round(100 * missed / total) if total else 0,
    }


def first_matches(qs: QuerySet[Any], limit: int) -> tuple[list[Any], bool]:
    """The first `limit` rows and whether there are more (so a page can say so)."""
    rows = list(qs[: limit + 1])
    return rows[:limit], len(rows) > limit


def delegates_search(
    *, forum: Forum, query: str, approved_only: bool = False
) -> QuerySet[Delegate]:
    """Delegates whose name, e-mail or organisation contains `query` (all when empty)."""
    qs = Delegate.objects.filter(organisation__forum=forum).select_related("user", "organisation")
    if approved_only:
        qs = qs.filter(organisation__accreditation=Accreditation.APPROVED)
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(user__full_name__icontains=query)
            | Q(user__email__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    return qs.order_by("organisation__name", "user__full_name")


def forum_vetting_state(*, forum: Forum) -> list[dict[str, Any]]:
    """Per committee team, how many of its organisations are in each accreditation state:
    the forum-wide picture every team sees (counts only, no organisation's details)."""
    teams = list(CommitteeTeam.objects.filter(forum=forum))
    by_id = {team.pk: team for team in teams}
    by_country = {team.country.code: team for team in teams}
    chair = by_country.get("")
    counts: dict[int, Counter[str]] = {team.pk: Counter() for team in teams}
    rows = Organisation.objects.filter(forum=forum).values_list(
        "committee_team_id", "country", "accreditation"
    )
    for team_id, country, accreditation in rows:
        team = by_id.get(team_id) or by_country.get(country) or chair
        if team is not None:
            counts[team.pk][accreditation] += 1
    return [
        {
            "team": team,
            "counts": [counts[team.pk][state] for state in Accreditation.values],
            "total": sum(counts[team.pk].values()),
        }
        for team in teams
    ]


def organisations_search(
    *, organisations: QuerySet[Organisation], query: str
) -> QuerySet[Organisation]:
    """The organisations of `organisations` (the caller's scope) whose name contains
    `query` (all when empty), by name."""
    query = query.strip()
    if query:
        organisations = organisations.filter(name__icontains=query)
    return organisations.order_by("name", "pk")
