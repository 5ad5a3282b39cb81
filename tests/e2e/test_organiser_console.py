"""An organiser runs the forum from the console, in Debian's chromium.

Set up the forum, approve organisations, solve (a real `db_worker` subprocess runs the
task) and watch the progress to the end, publish, cancel two meetings and add one, preview
the repair (only the new meeting moves), publish it, check a delegate in, book a walk-in,
and look at the analytics charts.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from matchforum.forums.selectors import forum_current
from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.organisations.models import Accreditation, Delegate, Organisation
from matchforum.schedules.models import ScheduleVersion
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def _demo_forum():
    """The small demo forum (300 organisations, about 1,500 agreed meetings), an organiser."""
    call_command("seed_demo", size="small", seed=1)
    organiser = UserFactory(
        email="console-organiser@example.org", is_organiser=True, password=PASSWORD
    )
    return forum_current(), organiser


def _strangers(forum, *, exclude=()):
    """Two delegates of approved organisations that have no meeting with each other."""
    delegates = list(
        Delegate.objects.filter(
            organisation__forum=forum, organisation__accreditation=Accreditation.APPROVED
        )
        .exclude(pk__in=exclude)
        .select_related("organisation")
        .order_by("pk")[:60]
    )
    for a in delegates:
        for b in delegates:
            if a.organisation_id >= b.organisation_id:
                continue
            low, high = a.organisation_id, b.organisation_id
            if not Meeting.objects.filter(forum=forum, pair_low=low, pair_high=high).exists():
                return a, b
    raise AssertionError("the demo forum has no two strangers")


def _wait_for_background_tasks(timeout: float = 300) -> None:
    """Let the worker drain the queue (approvals start long recommendation recomputes that
    hold SQLite's one write lock); not a timing assertion, only a wait before going on."""
    import time

    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
        assert time.monotonic() < deadline, "the task worker did not drain its queue"
        time.sleep(0.5)


def _pick(page, field: str, delegate) -> None:
    """Choose a delegate in the walk-in form's type-ahead picker, by e-mail."""
    _pick_row(page, field, text=delegate.user.email, pk=delegate.pk)


def _pick_row(page, field: str, *, text: str, pk: int) -> None:
    """Type `text` into a type-ahead picker and tick the row `pk` among its matches."""
    page.fill(f"#id_{field}", text)
    choice = page.locator(f'#id_{field}-results input[value="{pk}"]')
    expect(choice).to_have_count(1)
    choice.check()


def _wait_finished(page):
    """Follow the live progress until the run is over; it must have finished."""
    over = page.locator(
        '[data-status="finished"], [data-status="failed"], [data-status="cancelled"]'
    )
    expect(over).to_be_visible(timeout=120_000)
    status = over.get_attribute("data-status")
    assert status == "finished", page.locator("#run-progress").inner_text()


def test_organiser_runs_the_forum(live_server, task_worker, new_context, screenshot):
    forum, organiser = _demo_forum()
    page = new_context().new_page()
    url = live_server.url

    page.goto(f"{url}/accounts/sign-in/?next=/console/")
    page.fill("#id_username", organiser.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Organiser console")
    screenshot(page, "console-home")

    # Forum setup: limits, an evening session with its slots, and the tables.
    page.goto(f"{url}/console/setup/")
    page.fill("#id_max_meetings_per_delegate", "20")
    page.click("text=Save settings")
    expect(page.locator(".messages")).to_contain_text("saved")
    screenshot(page, "console-setup")
    page.goto(f"{url}/console/setup/sessions/")
    page.fill("#id_date", forum.starts_on.isoformat())
    page.select_option("#id_part", "evening")
    page.fill("#id_start_time", "17:00")
    page.fill("#id_end_time", "18:00")
    page.fill("#id_slot_minutes", "30")
    page.fill("#id_pause_minutes", "0")
    page.click("text=Add session and generate slots")
    expect(page.locator(".messages")).to_contain_text("slots are generated")
    screenshot(page, "console-sessions")
    page.goto(f"{url}/console/setup/tables/")
    page.fill("#id_count", "52")
    page.click("text=Set tables")
    expect(page.locator(".messages")).to_contain_text("Tables updated")
    assert forum.tables.filter(is_active=True).count() == 52

    # Vetting: approve three of the demo's pending organisations in one go.
    page.goto(f"{url}/console/vetting/")
    pending = list(  # the queue's first page, in its order
        Organisation.objects.filter(forum=forum, accreditation=Accreditation.PENDING).order_by(
            "created_at", "pk"
        )[:3]
    )
    assert len(pending) == 3
    for organisation in pending:
        page.check(f"#org-{organisation.pk}")
    page.select_option("#id_decision", "approved")
    screenshot(page, "console-vetting")
    page.click("text=Record decision")
    expect(page.locator("#confirmation")).to_contain_text("3 organisations get the decision")
    page.click("#confirmation button[type=submit]")
    expect(page.locator(".messages")).to_contain_text(f"{len(pending)} organisations decided")
    assert all(
        o.accreditation == Accreditation.APPROVED
        for o in Organisation.objects.filter(pk__in=[o.pk for o in pending])
    )
    _wait_for_background_tasks()

    # A scheduling run, solved by the worker; the page follows its progress to the end.
    page.goto(f"{url}/console/runs/")
    page.fill("#id_time_limit", "10")
    page.click("text=Start run")
    expect(page).to_have_url(re.compile(r"/console/runs/\d+/$"))
    _wait_finished(page)
    expect(page.locator("text=Publish this schedule")).to_be_visible()
    screenshot(page, "console-run-finished")
    page.click("text=Publish this schedule")
    expect(page.locator("#confirmation")).to_contain_text("delegates are told")
    screenshot(page, "console-publish-confirmation")
    page.click("#confirmation button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("version 1 is published")
    screenshot(page, "console-runs")
    _wait_for_background_tasks()  # the publication notices go out first
    scheduled = list(
        Meeting.objects.filter(forum=forum, status=MeetingStatus.SCHEDULED).order_by("pk")
    )
    assert len(scheduled) > 1000

    # Late changes: two meetings cancelled, one added for the scheduler.
    for meeting in scheduled[:2]:
        page.goto(f"{url}/console/meetings/")
        organisation = meeting.organisation_a
        _pick_row(page, "organisation", text=organisation.name, pk=organisation.pk)
        page.locator("#meeting-filters button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"organisation={organisation.pk}"))
        page.locator(f"#meeting-{meeting.pk}").get_by_role("link", name="Cancel meeting").click()
        page.locator("textarea[name=reason], input[name=reason]").fill("The hall is needed.")
        page.locator("#confirm-cancel").click()
        expect(page.locator(".messages")).to_contain_text(f"Meeting {meeting.pk} cancelled")
    screenshot(page, "console-meetings")
    a, b = _strangers(forum)
    page.goto(f"{url}/console/meetings/add/")
    _pick(page, "delegate_a", a)
    _pick(page, "delegate_b", b)
    page.click("text=Find free places")
    page.select_option("#id_place", "")
    page.click("text=Book meeting")
    expect(page.locator(".messages")).to_contain_text("the scheduler will place it")
    added = Meeting.objects.get(delegate_a=a, delegate_b=b)

    # Repair: the preview shows exactly one change, the new meeting; then publish it.
    page.goto(f"{url}/console/repair/")
    page.fill("#id_time_limit", "20")
    page.click("text=Start repair")
    _wait_finished(page)
    # No published meeting moves; the new meeting gets a place (and meetings that waited
    # may take the room the cancellations freed).
    expect(page.locator(f'table.moves tr[data-meeting="{added.pk}"]')).to_have_count(1)
    expect(page.locator('table.moves tr[data-moved="yes"]')).to_have_count(0)
    placed_before = set(
        Meeting.objects.filter(forum=forum, status=MeetingStatus.SCHEDULED).values_list(
            "pk", "slot_id", "table_id"
        )
    )
    screenshot(page, "console-repair-preview")
    page.click("text=Publish this schedule")
    expect(page.locator("#confirmation")).to_contain_text("0 of them had a place and move")
    # each cancellation recorded a version of its own (the slot freed, nothing moved)
    versions_before = ScheduleVersion.objects.filter(forum=forum).count()
    page.click("#confirmation button[type=submit]")
    expected = versions_before + 1
    expect(page.locator(".messages")).to_contain_text(f"version {expected} is published")
    assert ScheduleVersion.objects.get(status="published").number == expected
    placed_after = set(
        Meeting.objects.filter(forum=forum, status=MeetingStatus.SCHEDULED).values_list(
            "pk", "slot_id", "table_id"
        )
    )
    assert placed_before <= placed_after  # every published placement stayed where it was
    added.refresh_from_db()
    assert added.status == MeetingStatus.SCHEDULED

    # On site: check a delegate in with one click, found by organisation name.
    arriving = (
        Delegate.objects.filter(organisation__forum=forum).select_related("organisation").first()
    )
    page.goto(f"{url}/console/onsite/check-in/?q={arriving.organisation.name}")
    # The demo forum is in March 2027: before its days, a check-in needs a reason.
    expect(page.locator("#off-days")).to_be_visible()
    row = page.locator(f"#delegate-{arriving.pk}")
    row.locator("text=Check in").click()
    expect(row.locator("[role=alert]")).to_contain_text("only on the forum's days")
    row.locator("input[name=override_reason]").fill("Rehearsal of the desk")
    row.locator("text=Check in").click()
    expect(page.locator(f"#delegate-{arriving.pk} .badge.ok")).to_be_visible()
    screenshot(page, "console-checkin")
    arriving.refresh_from_db()
    assert arriving.checked_in_at is not None

    # A walk-in between two delegates who have not met, into a free slot and table.
    c, d = _strangers(forum, exclude=[a.pk, b.pk])
    page.goto(f"{url}/console/meetings/add/")
    _pick(page, "delegate_a", c)
    _pick(page, "delegate_b", d)
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
