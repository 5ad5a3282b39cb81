"""Plain functions that write the hottest read answers: the recommendations and agenda
lists, and an organisation's page.

They give exactly the JSON of `RecommendationSerializer`, `MeetingSerializer` and
`OrganisationSerializer` (the serializers stay: they describe the schema, validate the
writes and serve the other routes); tests compare the bytes on a seeded forum. DRF's
serializers build their field objects from the model on every instance (for each nested
counterpart of a page, too); these write the dicts directly, the agenda from `values()`
rows without model instances.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.request import Request

from matchforum.core.shortcuts import request_forum
from matchforum.organisations.models import Organisation
from matchforum.recommendations.models import Recommendation
from matchforum.recommendations.selectors import (
    explanation_prose,
    explanation_reasons,
    explanation_shown,
    explanations_prepare,
    track_names_shown,
)

from .fields import CountryCodeField
from .serializers import RecommendationSerializer

# Stateless fields, used for their representation only (the time zone and the format are
# read at each call, as the serializers' own do).
_DATETIME = serializers.DateTimeField(read_only=True)
_COUNTRY = CountryCodeField(read_only=True)
_pair = RecommendationSerializer._pair


def organisation_data(organisation: Organisation) -> dict[str, Any]:
    """`OrganisationSerializer(organisation).data` (its tracks prefetched or read here)."""
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "country": _COUNTRY.to_representation(organisation.country),
        "kind": organisation.kind,
        "website": organisation.website,
        "description": organisation.description,
        "size": organisation.size,
        "tracks": [track.slug for track in organisation.tracks.all()],
        "visibility": organisation.visibility,
        "accreditation": organisation.accreditation,
    }


def recommendations_data(rows: list[Recommendation], *, request: Request) -> list[dict[str, Any]]:
    """`RecommendationSerializer(rows, many=True).data` for rows of `recommendations_for`
    (their counterpart and its tracks fetched with them)."""
    forum = request_forum(request)
    if forum is not None:
        explanations_prepare(rows, forum=forum)
    data = []
    for rec in rows:
        counterpart = rec.counterpart
        explanation = explanation_shown(rec)
        data.append(
            {
                "id": rec.pk,
                "rank": int(rec.rank),
                "score": float(rec.score),
                "score_ab": float(rec.score_ab),
                "score_ba": float(rec.score_ba),
                "counterpart": {
                    "id": counterpart.pk,
                    "name": counterpart.name,
                    "country": _COUNTRY.to_representation(counterpart.country),
                    "kind": counterpart.kind,
                    "tracks": [track.slug for track in counterpart.tracks.all()],
                },
                "they_answer_you": _pair(explanation, "they_answer_you"),
                "you_answer_them": _pair(explanation, "you_answer_them"),
                "shared_tracks": track_names_shown(rec.explanation.get("shared_tracks") or []),
                "reasons": explanation_reasons(
                    explanation=explanation, own=rec.organisation, other=counterpart
                ),
                "text": explanation_prose(explanation=explanation),
                "computed_at": _DATETIME.to_representation(rec.computed_at),
            }
        )
    return data


_MEETING_COLUMNS = (
    "id",
    "organisation_a",
    "organisation_b",
    "status",
    "mode",
    "priority",
    "slot",
    "slot__starts_at",
    "slot__ends_at",
    "table__number",
    "is_walk_in",
)


def meeting_rows(meetings: QuerySet) -> QuerySet:
    """The meetings as the tuples `meetings_data` writes (paginate these)."""
    return meetings.values_list(*_MEETING_COLUMNS)


def meetings_data(rows: Iterable[tuple]) -> list[dict[str, Any]]:
    """`MeetingSerializer(meetings, many=True).data`, from `meeting_rows(meetings)`."""
    data = []
    for row in rows:
        (pk, org_a, org_b, status, mode, priority, slot, starts, ends, table, walk_in) = row
        data.append(
            {
                "id": pk,
                "organisation_a": org_a,
                "organisation_b": org_b,
                "status": status,
                "mode": mode,
                "priority": priority,
                "slot": slot,
                "slot_starts_at": starts.isoformat() if slot is not None else None,
                "slot_ends_at": ends.isoformat() if slot is not None else None,
                "table_number": table,
                "is_walk_in": walk_in,
            }
        )
    return data
