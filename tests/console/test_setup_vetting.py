"""Forum setup regenerates slots; vetting decisions, alone or in bulk, are recorded."""

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from matchforum.forums.models import Session, Slot
from matchforum.organisations.models import Accreditation, AccreditationDecision
from tests.console.test_confirmation import confirmed_post

pytestmark = pytest.mark.django_db


def test_session_change_regenerates_its_slots(client, forum, organiser):
    session = Session.objects.filter(day__forum=forum).order_by("day__date", "start_time")[0]
    client.force_login(organiser)
    response = client.post(
        reverse("console:session_edit", args=[session.pk]),
        {
            "date": "2027-03-16",
            "part": "morning",
            "name": "",
            "start_time": "09:00",
            "end_time": "11:00",
            "slot_minutes": "20",
            "pause_minutes": "5",
        },
    )
    assert response.status_code == 302
    kyiv = ZoneInfo(forum.time_zone)
    starts = [
        s.starts_at.astimezone(kyiv).strftime("%H:%M")
        for s in Slot.objects.filter(session=session).order_by("starts_at")
    ]
    assert starts == ["09:00", "09:25", "09:50", "10:15", "10:40"]


def test_bad_session_keeps_input_and_shows_field_error(client, forum, organiser):
    client.force_login(organiser)
    response = client.post(
        reverse("console:sessions"),
        {
            "date": "2027-03-16",
            "part": "evening",
            "start_time": "19:00",
            "end_time": "18:00",
            "slot_minutes": "30",
            "pause_minutes": "0",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "A session ends after it starts." in html
    assert 'value="19:00"' in html
    assert not Session.objects.filter(part="evening").exists()


def test_forum_settings_saved(client, forum, organiser):
    client.force_login(organiser)
    response = client.post(
        reverse("console:setup"),
        {
            "name": "Baltic–Ukrainian Defence Forum",
            "starts_on": "2027-03-16",
            "ends_on": "2027-03-17",
            "time_zone": "Europe/Vilnius",
            "languages": ["en", "uk", "lt"],
            "max_requests_per_delegate": "25",
            "max_meetings_per_delegate": "12",
            "request_expiry_hours": "48",
            "online_capacity_per_slot": "4",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    forum.refresh_from_db()
    assert (forum.max_meetings_per_delegate, forum.languages, forum.time_zone) == (
        12,
        ["en", "uk", "lt"],
        "Europe/Vilnius",
    )


def test_bulk_approval_records_each_decision(client, forum, make_delegate, vetting_officer):
    pending = [make_delegate(accreditation=Accreditation.PENDING) for _ in range(3)]
    client.force_login(vetting_officer)
    response = confirmed_post(
        client,
        reverse("console:vetting"),
        {"organisations": [d.organisation_id for d in pending[:2]], "decision": "approved"},
    )
    assert response.status_code == 302
    states = [
        d.organisation.__class__.objects.get(pk=d.organisation_id).accreditation for d in pending
    ]
    assert states == ["approved", "approved", "pending"]
    assert AccreditationDecision.objects.filter(reviewer=vetting_officer).count() == 2
    page = client.get(response.url).content.decode()
    assert "2 organisations decided." in page


def test_one_bulk_decision_is_reported_in_the_singular(
    client, forum, make_delegate, vetting_officer
):
    pending = make_delegate(accreditation=Accreditation.PENDING)
    client.force_login(vetting_officer)
    response = confirmed_post(
        client,
        reverse("console:vetting"),
        {"organisations": [pending.organisation_id], "decision": "approved"},
        follow=True,
    )
    assert "1 organisation decided." in response.content.decode()


def test_asking_for_information_needs_a_reason_the_organisation_sees(
    client, forum, make_delegate, vetting_officer
):
    delegate = make_delegate(accreditation=Accreditation.PENDING)
    url = reverse("console:vetting_detail", args=[delegate.organisation_id])
    client.force_login(vetting_officer)
    response = client.post(url, {"decision": "needs_information", "reason": ""})
    assert "Give the organisation a reason." in response.content.decode()
    client.post(url, {"decision": "needs_information", "reason": "Send your export licence."})
    organisation = delegate.organisation.__class__.objects.get(pk=delegate.organisation_id)
    assert organisation.accreditation == "needs_information"
    assert organisation.accreditation_reason == "Send your export licence."
    history = client.get(url).content.decode()
    assert "Send your export licence." in history


def test_a_ticked_value_that_is_no_id_ticks_nothing(client, forum, make_delegate, vetting_officer):
    pending = make_delegate(accreditation=Accreditation.PENDING)
    client.force_login(vetting_officer)
    response = confirmed_post(
        client,
        reverse("console:vetting"),
        {
            "organisations": ["x\x00", "99999999999999999999", "²", pending.organisation_id],
            "decision": "approved",
        },
    )
    assert response.status_code == 302
    pending.organisation.refresh_from_db()
    assert pending.organisation.accreditation == Accreditation.APPROVED
    response = client.post(
        reverse("console:vetting"), {"organisations": ["one"], "decision": "approved"}
    )
    assert response.status_code == 200
    assert "Tick at least one organisation." in response.content.decode()


def test_a_name_ending_in_a_full_stop_gets_no_second_one(
    client, forum, make_delegate, vetting_officer
):
    delegate = make_delegate(accreditation=Accreditation.PENDING, name="Piasatek Works sp. z o.o.")
    url = reverse("console:vetting_detail", args=[delegate.organisation_id])
    client.force_login(vetting_officer)
    page = client.post(url, {"decision": "approved"}, follow=True).content.decode()
    assert "Decision recorded: Piasatek Works sp. z o.o." in page
    assert "o.o.." not in page


def test_all_tables_are_edited_in_one_form(client, forum, organiser):
    one, two, three = forum.tables.order_by("number")
    client.force_login(organiser)
    page = client.get(reverse("console:tables")).content.decode()
    assert page.count("Save all tables") == 1 and ">Save<" not in page
    response = client.post(
        reverse("console:tables"),
        {
            "action": "bulk",
            f"area_{one.pk}": "Hall B",
            f"active_{one.pk}": "on",
            f"area_{two.pk}": two.area,
            f"area_{three.pk}": three.area,
            f"active_{three.pk}": "on",
            "add": "2",
            "add_area": "Annex",
            "range_first": "4",
            "range_last": "5",
            "range_area": "Terrace",
            "range_active": "",
        },
        follow=True,
    )
    assert "Tables saved: 2 changed, 2 added, 2 in the range." in response.content.decode()
    assert list(forum.tables.order_by("number").values_list("area", "is_active")) == [
        ("Hall B", True),
        (two.area, False),
        (three.area, True),
        ("Terrace", True),
        ("Terrace", True),
    ]


def test_a_bad_range_is_shown_and_nothing_changes(client, forum, organiser):
    one = forum.tables.order_by("number").first()
    client.force_login(organiser)
    data = {"action": "bulk", f"area_{one.pk}": "Changed", "add": "0", "range_first": "2"}
    response = client.post(reverse("console:tables"), data)
    assert response.status_code == 200
    assert "Give the first and the last table number" in response.content.decode()
    one.refresh_from_db()
    assert one.area != "Changed"


def test_the_tables_form_edits_a_page_of_tables_in_the_same_queries_for_any_number(
    client, forum, organiser
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from matchforum.console.views.setup import TABLES_PAGE_SIZE
    from matchforum.forums.services import tables_bulk_update

    client.force_login(organiser)
    url = reverse("console:tables")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    tables_bulk_update(forum=forum, user=organiser, add=TABLES_PAGE_SIZE + 7, add_area="Annex")
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        first = client.get(url)
    assert len(many) == len(few)
    assert len(first.context["bulk"].rows()) == TABLES_PAGE_SIZE
    last = client.get(url, {"page": 2})
    rows = last.context["bulk"].rows()
    assert [t.number for t, _a, _b in rows] == list(
        range(TABLES_PAGE_SIZE + 1, TABLES_PAGE_SIZE + 11)
    )
    # Saving page 2 sends and changes only its tables; the first page's stay as they were.
    data = {"action": "bulk", "add": "0"}
    for table, _area, _active in rows:
        data[f"area_{table.pk}"] = "Terrace"
    response = client.post(url + "?page=2", data)
    assert response.status_code == 302 and response.url == url + "?page=2"
    areas = dict(forum.tables.values_list("number", "area"))
    assert {areas[n] for n in range(TABLES_PAGE_SIZE + 1, TABLES_PAGE_SIZE + 11)} == {"Terrace"}
    assert "Terrace" not in {areas[n] for n in range(1, TABLES_PAGE_SIZE + 1)}
    assert not forum.tables.filter(number__gt=TABLES_PAGE_SIZE, is_active=True).exists()


def test_the_vetting_queue_shows_a_page_in_the_same_queries_for_any_number(
    client, forum, make_delegate, vetting_officer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from matchforum.console.views.vetting import VETTING_PAGE_SIZE

    client.force_login(vetting_officer)
    url = reverse("console:vetting")
    pending = [make_delegate(accreditation=Accreditation.PENDING) for _ in range(3)]
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    pending += [
        make_delegate(accreditation=Accreditation.PENDING) for _ in range(VETTING_PAGE_SIZE)
    ]
    client.get(url)  # the caches of the session and the forum filled again, as before `few`
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert len(response.context["organisations"]) == VETTING_PAGE_SIZE
    second = client.get(url, {"page": 2})
    shown = [o.pk for o in second.context["organisations"]]
    assert shown == [d.organisation_id for d in pending[VETTING_PAGE_SIZE:]]
    assert pending[-1].user.full_name in second.content.decode()  # its delegates, prefetched
