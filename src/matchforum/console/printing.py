"""Printed material for the venue staff: table cards and per-table running orders (PDF)."""

from __future__ import annotations

from collections import defaultdict
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from fpdf import FPDF

from matchforum.core.pdf import a4_document
from matchforum.forums.models import Forum, Table
from matchforum.meetings.models import Meeting, MeetingStatus


def _pdf(orientation: str = "P") -> FPDF:
    pdf = a4_document(orientation)
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf


def table_cards(*, forum: Forum) -> bytes:
    """One landscape card per table in use, its number large enough to read across a hall."""
    pdf = _pdf("L")
    for table in Table.objects.filter(forum=forum, is_active=True).order_by("number"):
        pdf.add_page()
        pdf.set_font("DejaVu", "", 20)
        pdf.cell(0, 20, forum.name, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 180)
        pdf.cell(0, 110, str(table.number), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 24)
        label = _("Table %(n)s") % {"n": table.number}
        pdf.cell(0, 16, f"{label}{' · ' + table.area if table.area else ''}", align="C")
    return bytes(pdf.output())


def running_order(*, forum: Forum) -> bytes:
    """Per table: which pair sits there in which slot."""
    tz = ZoneInfo(forum.time_zone)
    by_table: dict[int, list[Meeting]] = defaultdict(list)
    meetings = (
        Meeting.objects.filter(forum=forum, table__isnull=False)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related(
            "slot",
            "table",
            "organisation_a",
            "organisation_b",
            "delegate_a__user",
            "delegate_b__user",
        )
        .order_by("table__number", "slot__starts_at")
    )
    for meeting in meetings:
        by_table[meeting.table.number].append(meeting)
    pdf = _pdf()
    for number in sorted(by_table):
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 18)
        pdf.cell(
            0, 12, _("Table %(n)s — running order") % {"n": number}, new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("DejaVu", "", 10)
        pdf.cell(0, 6, forum.name, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        with pdf.table(col_widths=(30, 80, 80), text_align="LEFT") as grid:
            header = grid.row()
            for title in (_("Time"), _("Side A"), _("Side B")):
                header.cell(title)
            for meeting in by_table[number]:
                row = grid.row()
                row.cell(meeting.slot.starts_at.astimezone(tz).strftime("%a %d %b %H:%M"))
                row.cell(f"{meeting.organisation_a.name}\n{meeting.delegate_a.user}")
                row.cell(f"{meeting.organisation_b.name}\n{meeting.delegate_b.user}")
    if not by_table:
        pdf.add_page()
        pdf.set_font("DejaVu", "", 14)
        pdf.cell(0, 12, _("No meetings are placed at tables yet."))
    return bytes(pdf.output())
