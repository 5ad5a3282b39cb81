"""An organiser runs the forum from the console, in Debian's chromium.

Set up the forum, approve organisations, solve (a real `db_worker` subprocess runs the
task) and watch the progress to the end, publish, cancel two meetings and add one, preview
the repair (only the new meeting moves), publish it, check a delegate in, book a walk-in,
and look at the analytics charts.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.organisations.models import Accreditation, Organisation
from matchforum.schedules.models import ScheduleVersion
from tests.factories import (
    DelegateFactory,
    OrganisationFactory,
    UserFactory,
    forum_build,
    meeting_build,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
COUNTRIES = ["UA", "LT", "LV", "EE", "PL", "DE"]


def _forum_with_requests():
    """A forum whose delegates have agreed 14 meetings; three organisations await vetting."""
    forum = forum_build(tables=4, online_capacity_per_slot=0)
    delegates = []
    for n in range(10):
        organisation = OrganisationFactory(
            forum=forum,
            name=f"Org {n:02d} {['Drones', 'Demining', 'Optics', 'Radars', 'Training'][n % 5]}",
            country=COUNTRIES[n % len(COUNTRIES)],
            kind=["producer", "investor", "buyer", "research"][n % 4],
        )
        delegates.append(
            DelegateFactory(
                organisation=organisation,
                user=UserFactory(full_name=f"Delegate {n:02d}", password=None),
            )
        )
    pairs = [
        (0, 1),
        (0, 2),
        (1, 3),
        (2, 4),
        (3, 5),
        (4, 6),
        (5, 7),
        (6, 8),
        (7, 9),
        (8, 0),
        (9, 1),
        (2, 7),
        (3, 8),
        (4, 9),
    ]
    for i, j in pairs:
        meeting_build(delegates[i], delegates[j])
    for n in range(3):
        DelegateFactory(
            organisation=OrganisationFactory(
                forum=forum,
                name=f"Pending {n} Systems",
                accreditation=Accreditation.PENDING,
                country="LT",
            ),
            user__password=None,
        )
    return forum, delegates


def _wait_finished(page):
    expect(page.locator('[data-status="finished"]')).to_be_visible(timeout=90_000)


def test_organiser_runs_the_forum(live_server, task_worker, new_context, screenshot):
    forum, delegates = _forum_with_requests()
    UserFactory(email="organiser@example.org", is_organiser=True, password=PASSWORD)
    page = new_context().new_page()
    url = live_server.url

    page.goto(f"{url}/accounts/sign-in/?next=/console/")
    page.fill("#id_username", "organiser@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Organiser console")
    screenshot(page, "console-home")

    # Forum setup: limits, an evening session with its slots, and the tables.
    page.goto(f"{url}/console/setup/")
    page.fill("#id_max_meetings_per_delegate", "10")
    page.click("text=Save settings")
    expect(page.locator(".messages")).to_contain_text("saved")
    screenshot(page, "console-setup")
    page.goto(f"{url}/console/setup/sessions/")
    page.fill("#id_date", "2027-03-16")
    page.select_option("#id_part", "evening")
    page.fill("#id_start_time", "17:00")
    page.fill("#id_end_time", "18:00")
    page.fill("#id_slot_minutes", "30")
    page.fill("#id_pause_minutes", "0")
    page.click("text=Add session and generate slots")
    expect(page.locator(".messages")).to_contain_text("slots are generated")
    screenshot(page, "console-sessions")
    page.goto(f"{url}/console/setup/tables/")
    page.fill("#id_count", "5")
    page.click("text=Set tables")
    expect(page.locator(".messages")).to_contain_text("Tables updated")
    assert forum.tables.filter(is_active=True).count() == 5

    # Vetting: approve the three pending organisations in one go.
    page.goto(f"{url}/console/vetting/")
    for organisation in Organisation.objects.filter(accreditation=Accreditation.PENDING):
        page.check(f"#org-{organisation.pk}")
    page.select_option("#id_decision", "approved")
    screenshot(page, "console-vetting")
    page.click("text=Record decision")
    expect(page.locator(".messages")).to_contain_text("3 organisations decided")
    assert not Organisation.objects.filter(accreditation=Accreditation.PENDING).exists()

    # A scheduling run, solved by the worker; the page follows its progress to the end.
    page.goto(f"{url}/console/runs/")
    page.fill("#id_time_limit", "5")
    page.fill("#id_fairness", "2")
    page.click("text=Start run")
    expect(page).to_have_url(re.compile(r"/console/runs/\d+/$"))
    _wait_finished(page)
    expect(page.locator("text=Publish this schedule")).to_be_visible()
    screenshot(page, "console-run-finished")
    page.click("text=Publish this schedule")
    expect(page.locator(".messages")).to_contain_text("version 1 is published")
    screenshot(page, "console-runs")
    scheduled = list(
        Meeting.objects.filter(forum=forum, status=MeetingStatus.SCHEDULED).order_by("pk")
    )
    assert len(scheduled) == 14

    # Late changes: two meetings cancelled, one added for the scheduler.
    for meeting in scheduled[:2]:
        page.goto(f"{url}/console/meetings/")
        page.locator(f"#meeting-{meeting.pk} button[value=cancel]").click()
        expect(page.locator(".messages")).to_contain_text(f"Meeting {meeting.pk} cancelled")
    screenshot(page, "console-meetings")
    a, b = delegates[1], delegates[6]
    page.goto(f"{url}/console/meetings/add/")
    page.select_option("#id_delegate_a", str(a.pk))
    page.select_option("#id_delegate_b", str(b.pk))
    page.click("text=Find free places")
    page.select_option("#id_place", "")
    page.click("text=Book meeting")
    expect(page.locator(".messages")).to_contain_text("the scheduler will place it")
    added = Meeting.objects.get(delegate_a=a, delegate_b=b)

    # Repair: the preview shows exactly one change, the new meeting; then publish it.
    page.goto(f"{url}/console/repair/")
    page.fill("#id_time_limit", "5")
    page.click("text=Start repair")
    _wait_finished(page)
    rows = page.locator("table.moves tbody tr[data-meeting]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-meeting", str(added.pk))
    screenshot(page, "console-repair-preview")
    page.click("text=Publish this schedule")
    expect(page.locator(".messages")).to_contain_text("version 2 is published; 1 meetings changed")
    assert ScheduleVersion.objects.get(status="published").number == 2
    added.refresh_from_db()
    assert added.status == MeetingStatus.SCHEDULED

    # On site: check a delegate in with one click.
    page.goto(f"{url}/console/onsite/check-in/?q=Delegate 03")
    row = page.locator(f"#delegate-{delegates[3].pk}")
    row.locator("text=Check in").click()
    expect(page.locator(f"#delegate-{delegates[3].pk} .badge.ok")).to_be_visible()
    screenshot(page, "console-checkin")
    delegates[3].refresh_from_db()
    assert delegates[3].checked_in_at is not None

    # A walk-in between two delegates who have not met, into a free slot and table.
    c, d = delegates[0], delegates[5]
    page.goto(f"{url}/console/meetings/add/")
    page.select_option("#id_delegate_a", str(c.pk))
    page.select_option("#id_delegate_b", str(d.pk))
    page.click("text=Find free places")
    first_place = page.locator("#id_place option").nth(1).get_attribute("value")
    page.select_option("#id_place", first_place)
    screenshot(page, "console-walk-in")
    page.click("text=Book meeting")
    expect(page.locator(".messages")).to_contain_text("Walk-in meeting booked")
    walk_in = Meeting.objects.get(delegate_a=c, delegate_b=d)
    assert walk_in.is_walk_in and walk_in.status == MeetingStatus.SCHEDULED
    assert f"{walk_in.slot_id}:{walk_in.table_id}" == first_place

    # Analytics: charts drawn as inline SVG.
    page.goto(f"{url}/console/analytics/")
    expect(page.locator("svg.chart")).to_have_count(6)
    assert page.locator("svg.chart rect.cell").count() > 0
    assert page.locator("svg.chart rect.bar").count() > 0
    screenshot(page, "console-analytics")
