"""Every console list as rows, and its CSV or XLSX rendering.

Each list is built from the organisations the caller may export (forums/committee.py):
the chair's organisers get the whole forum, a country team's organisers their team's.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.http import HttpResponse
from openpyxl import Workbook

from matchforum.core.spreadsheet import safe_row
from matchforum.forums.models import Forum
from matchforum.meetings.models import MeetingRequest
from matchforum.organisations.models import Delegate, Organisation
from matchforum.outcomes.models import MeetingOutcome

from .selectors import forum_meetings

Rows = tuple[list[str], Iterable[list[object]]]
Organisations = QuerySet[Organisation]


def _local(forum: Forum, value) -> str:
    if value is None:
        return ""
    return value.astimezone(ZoneInfo(forum.time_zone)).strftime("%Y-%m-%d %H:%M")


def organisations_rows(forum: Forum, organisations: Organisations) -> Rows:
    qs = organisations.filter(forum=forum).order_by("name")
    header = ["id", "name", "country", "kind", "accreditation", "website", "delegates"]
    rows = (
        [o.pk, o.name, str(o.country), o.kind, o.accreditation, o.website, o.delegates.count()]
        for o in qs
    )
    return header, rows


def delegates_rows(forum: Forum, organisations: Organisations) -> Rows:
    qs = (
        Delegate.objects.filter(organisation__forum=forum, organisation__in=organisations)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__email")
    )
    header = ["id", "name", "email", "organisation", "role", "attendance", "checked_in"]
    rows = (
        [
            d.pk,
            d.user.full_name,
            d.user.email,
            d.organisation.name,
            d.role,
            d.attendance,
            _local(forum, d.checked_in_at),
        ]
        for d in qs
    )
    return header, rows


def _either_side(organisations: Organisations, a: str, b: str) -> Q:
    ids = organisations.values("pk")
    return Q(**{f"{a}__in": ids}) | Q(**{f"{b}__in": ids})


def meetings_rows(forum: Forum, organisations: Organisations) -> Rows:
    header = [
        "id",
        "organisation_a",
        "delegate_a",
        "organisation_b",
        "delegate_b",
        "status",
        "slot",
        "table",
        "mode",
        "priority",
        "walk_in",
    ]
    rows = (
        [
            m.pk,
            m.organisation_a.name,
            m.delegate_a.user.email,
            m.organisation_b.name,
            m.delegate_b.user.email,
            m.status,
            _local(forum, m.slot.starts_at) if m.slot else "",
            m.table.number if m.table else "",
            m.mode,
            m.priority,
            "yes" if m.is_walk_in else "",
        ]
        for m in forum_meetings(forum=forum)
        .filter(_either_side(organisations, "organisation_a", "organisation_b"))
        .order_by("slot__starts_at", "pk")
    )
    return header, rows


def requests_rows(forum: Forum, organisations: Organisations) -> Rows:
    qs = (
        MeetingRequest.objects.filter(forum=forum)
        .filter(_either_side(organisations, "sender_organisation", "recipient_organisation"))
        .select_related("sender_organisation", "recipient_organisation")
        .order_by("created_at", "pk")
    )
    header = ["id", "from", "to", "status", "priority", "session_wish", "sent", "answered"]
    rows = (
        [
            r.pk,
            r.sender_organisation.name,
            r.recipient_organisation.name,
            r.status,
            r.priority,
            r.session_wish,
            _local(forum, r.created_at),
            _local(forum, r.responded_at),
        ]
        for r in qs
    )
    return header, rows


def outcomes_rows(forum: Forum, organisations: Organisations) -> Rows:
    qs = (
        MeetingOutcome.objects.filter(meeting__forum=forum, organisation__in=organisations)
        .select_related("organisation", "meeting")
        .order_by("meeting_id", "organisation__name")
    )
    header = ["meeting", "organisation", "outcome", "rating", "recorded"]
    rows = (
        [o.meeting_id, o.organisation.name, o.outcome, o.rating, _local(forum, o.recorded_at)]
        for o in qs
    )
    return header, rows


def vetting_rows(forum: Forum, organisations: Organisations) -> Rows:
    from matchforum.organisations.models import AccreditationDecision

    qs = (
        AccreditationDecision.objects.filter(
            organisation__forum=forum, organisation__in=organisations
        )
        .select_related("organisation", "reviewer", "team")
        .order_by("decided_at", "pk")
    )
    header = ["organisation", "previous", "decision", "reason", "reviewer", "team", "decided"]
    rows = (
        [
            d.organisation.name,
            d.previous,
            d.decision,
            d.reason,
            d.reviewer.email if d.reviewer else "",
            str(d.team) if d.team else "",
            _local(forum, d.decided_at),
        ]
        for d in qs
    )
    return header, rows


def profiles_rows(forum: Forum, organisations: Organisations) -> Rows:
    """Offers and needs of the exported organisations, drafts included: the exporter may
    view those organisations' private details, which the classification rules always let
    see their items (marketplace/visibility.py)."""
    from matchforum.marketplace.models import CooperationProfile

    qs = (
        CooperationProfile.objects.filter(organisation__forum=forum, organisation__in=organisations)
        .select_related("organisation")
        .order_by("organisation__name", "side", "title", "pk")
    )
    header = ["id", "organisation", "side", "kind", "title", "classification", "published"]
    rows = (
        [p.pk, p.organisation.name, p.side, p.kind, p.title, p.classification, p.is_active]
        for p in qs
    )
    return header, rows


EXPORTS: dict[str, Callable[[Forum, Organisations], Rows]] = {
    "organisations": organisations_rows,
    "delegates": delegates_rows,
    "meetings": meetings_rows,
    "requests": requests_rows,
    "outcomes": outcomes_rows,
    "vetting": vetting_rows,
    "profiles": profiles_rows,
}

# The lists of one organisation at a time, which a country team's organisers export too.
TEAM_EXPORTS = {"organisations", "delegates", "vetting", "profiles"}


def export_response(
    *, name: str, forum: Forum, fmt: str, organisations: Organisations
) -> HttpResponse:
    """`organisations`: what the caller may export (`committee.exportable_organisations`)."""
    header, rows = EXPORTS[name](forum, organisations)
    filename = f"{forum.slug}-{name}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(safe_row(row) for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = name[:31]
        sheet.append(header)
        for row in rows:
            sheet.append(safe_row(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
        out = io.BytesIO()
        workbook.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
