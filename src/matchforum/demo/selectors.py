"""Reads of the demo forum: a content digest that proves determinism."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from matchforum.forums.models import CommitteeMembership, Forum, Session, Table
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.organisations.models import AccreditationDecision, Delegate, Organisation

from . import generator as g


def demo_forum_get() -> Forum | None:
    return Forum.objects.filter(slug=g.FORUM_SLUG).first()


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _rows(rows) -> list[str]:
    return sorted(json.dumps(_plain(list(row)), ensure_ascii=False) for row in rows)


def demo_forum_digest(*, forum: Forum) -> str:
    """SHA-256 over the forum's content, free of primary keys, passwords and auto timestamps.

    Rows are identified by what they say (names, e-mails, titles), so two forums
    seeded alike have the same digest whatever ids the database handed out.
    """
    sections: dict[str, list[str]] = {}
    sections["forum"] = _rows(
        [
            (
                forum.name,
                forum.slug,
                forum.starts_on,
                forum.ends_on,
                forum.time_zone,
                forum.languages,
                forum.venue,
                forum.description,
                forum.registration_deadline,
                forum.request_deadline,
                forum.schedule_publication_at,
                forum.max_requests_per_delegate,
                forum.max_meetings_per_delegate,
                forum.request_expiry_hours,
                forum.online_capacity_per_slot,
                forum.online_meeting_url_template,
            )
        ]
    )
    sessions = Session.objects.filter(day__forum=forum)
    sections["sessions"] = _rows(
        (
            s.day.date,
            s.part,
            s.start_time,
            s.end_time,
            s.slot_minutes,
            s.pause_minutes,
            [(x.index, x.starts_at, x.ends_at) for x in s.slots.order_by("index")],
        )
        for s in sessions.select_related("day").prefetch_related("slots")
    )
    sections["tables"] = _rows(
        Table.objects.filter(forum=forum).values_list("number", "area", "is_active")
    )
    organisations = Organisation.objects.filter(forum=forum)
    org_tracks: dict[str, list[str]] = {}
    for name, slug in organisations.values_list("name", "tracks__slug"):
        if slug:
            org_tracks.setdefault(name, []).append(slug)
    sections["organisations"] = _rows(
        (*row, sorted(org_tracks.get(row[0], [])))
        for row in organisations.values_list(
            "name",
            "country",
            "kind",
            "website",
            "description",
            "size",
            "visibility",
            "accreditation",
            "accreditation_reason",
            "reviewed_by__email",
            "reviewed_at",
            "matching_opt_out",
        )
    )
    sections["decisions"] = _rows(
        AccreditationDecision.objects.filter(organisation__forum=forum).values_list(
            "organisation__name", "previous", "decision", "reason", "reviewer__email", "decided_at"
        )
    )
    sections["committee"] = _rows(
        CommitteeMembership.objects.filter(team__forum=forum).values_list(
            "team__country", "user__email", "role"
        )
    )
    delegates = Delegate.objects.filter(organisation__forum=forum)
    unavailable: dict[tuple[str, str], list[str]] = {}
    for email, org, start in delegates.values_list(
        "user__email", "organisation__name", "unavailable_slots__starts_at"
    ):
        if start is not None:
            unavailable.setdefault((email, org), []).append(_plain(start))
    sections["delegates"] = _rows(
        (*row, sorted(unavailable.get((row[0], row[1]), [])))
        for row in delegates.values_list(
            "user__email",
            "organisation__name",
            "user__full_name",
            "user__first_name",
            "user__last_name",
            "user__preferred_language",
            "user__time_zone",
            "role",
            "languages",
            "attendance",
            "is_contact",
        )
    )
    profiles = CooperationProfile.objects.filter(organisation__forum=forum)
    profile_tracks: dict[int, list[str]] = {}
    for pk, slug in profiles.values_list("pk", "tracks__slug"):
        if slug:
            profile_tracks.setdefault(pk, []).append(slug)
    sections["profiles"] = _rows(
        (*row[1:], sorted(profile_tracks.get(row[0], [])))
        for row in profiles.values_list(
            "pk",
            "organisation__name",
            "side",
            "kind",
            "title",
            "description",
            "language",
            "trl",
            "ticket_min_eur",
            "ticket_max_eur",
            "stage",
            "countries_of_interest",
            "is_active",
        )
    )
    sections["requests"] = _rows(
        MeetingRequest.objects.filter(forum=forum).values_list(
            "sender__user__email",
            "sender_organisation__name",
            "recipient_organisation__name",
            "recipient__user__email",
            "message",
            "session_wish",
            "priority",
            "status",
            "decline_reason",
            "responded_by__user__email",
            "created_at",
            "responded_at",
            "expires_at",
        )
    )
    sections["meetings"] = _rows(
        Meeting.objects.filter(forum=forum).values_list(
            "organisation_a__name",
            "organisation_b__name",
            "delegate_a__user__email",
            "delegate_b__user__email",
            "request__created_at",
            "session_wish",
            "priority",
            "mode",
            "status",
            "slot__starts_at",
            "table__number",
            "is_walk_in",
            "created_at",
        )
    )
    digest = hashlib.sha256()
    for name, rows in sections.items():
        digest.update(f"[{name}] {len(rows)}\n".encode())
        for row in rows:
            digest.update(row.encode())
            digest.update(b"\n")
    return digest.hexdigest()
