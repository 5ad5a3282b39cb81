"""The organiser's badges: print any, renew a lost one, check in by scan (twice is harmless)."""

import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from matchforum.badges.services import badge_token
from matchforum.forums.models import Slot
from matchforum.meetings.services import meeting_place
from matchforum.organisations.models import Accreditation
from tests.factories import forum_running_today_build, meeting_build, schedule_publish_live

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(db):
    """The desk scans on a forum day."""
    return forum_running_today_build()


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _all_badges(client, capture) -> str:
    """Start the batch (the worker runs it at once here), follow it, download its PDF."""
    with capture(execute=True):
        started = client.post(reverse("console:badge_batch_start"))
    batch = client.get(started.url).context["batch"]
    assert batch.state == "done"
    return _pdf_text(client.get(reverse("console:badge_batch_pdf", args=[batch.pk])))


def test_organisers_print_any_badge_and_all_badges(
    client, forum, make_delegate, organiser, immediate_tasks, django_capture_on_commit_callbacks
):
    one = make_delegate(name="Riga Sensors")
    make_delegate(name="Vilnius Drones")
    make_delegate(name="Pending Works", accreditation=Accreditation.PENDING)
    client.force_login(organiser)
    single = client.get(reverse("console:badge_pdf", args=[one.pk]))
    assert single.status_code == 200
    assert "Riga Sensors" in _pdf_text(single)
    everyone = _all_badges(client, django_capture_on_commit_callbacks)
    assert "Riga Sensors" in everyone and "Vilnius Drones" in everyone
    assert "Pending Works" not in everyone  # printed once their organisation is approved


def test_a_scan_checks_in_and_a_second_scan_says_when(client, forum, make_delegate, organiser):
    delegate = make_delegate(name="Riga Sensors")
    token = badge_token(delegate=delegate)
    client.force_login(organiser)
    first = client.post(reverse("console:scan"), {"token": token}, headers={"HX-Request": "true"})
    body = first.content.decode()
    assert 'data-scan="checked-in"' in body
    assert str(delegate.user) in body and "Riga Sensors" in body and "Ukraine" in body
    delegate.refresh_from_db()
    arrived = delegate.checked_in_at
    assert arrived is not None
    second = client.post(reverse("console:scan"), {"token": token}, headers={"HX-Request": "true"})
    local = arrived.astimezone(ZoneInfo(forum.time_zone))
    assert 'data-scan="already"' in second.content.decode()
    assert f"Already checked in at {local:%H:%M}" in second.content.decode()
    delegate.refresh_from_db()
    assert delegate.checked_in_at == arrived


def test_a_forged_code_gets_a_clear_refusal(client, forum, make_delegate, organiser):
    delegate = make_delegate()
    client.force_login(organiser)
    forged = badge_token(delegate=delegate)[:-2] + "zz"
    response = client.post(reverse("console:scan"), {"token": forged})
    assert response.status_code == 400
    assert "forged or damaged" in response.content.decode()
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None


def test_the_card_lists_today_s_meetings(client, forum, make_delegate, organiser):
    me, other = make_delegate(), make_delegate(name="Tartu Robotics")
    zone = ZoneInfo(forum.time_zone)
    today = timezone.now().astimezone(zone).date()
    slots = Slot.objects.filter(session__day__forum=forum).order_by("starts_at")
    slot = next(s for s in slots if s.starts_at.astimezone(zone).date() == today)
    tomorrow = next(s for s in slots if s.starts_at.astimezone(zone).date() > today)
    meeting_place(meeting=meeting_build(me, other), slot=slot, table=forum.tables.get(number=2))
    meeting_place(
        meeting=meeting_build(me, make_delegate(name="Later Day Ltd")),
        slot=tomorrow,
        table=forum.tables.get(number=1),
    )
    schedule_publish_live(forum=forum)
    client.force_login(organiser)
    body = client.post(reverse("console:scan"), {"token": badge_token(delegate=me)}).content
    body = body.decode()
    local = slot.starts_at.astimezone(zone)
    assert "Tartu Robotics" in body and f"{local:%H:%M}" in body and "Table 2" in body
    assert "Later Day Ltd" not in body


def test_a_new_badge_asks_first_and_is_recorded_in_the_audit_log(
    client, forum, make_delegate, organiser
):
    from matchforum.audit.models import AuditEntry
    from matchforum.badges.models import BadgeKey

    delegate = make_delegate(name="Tallinn Optics")
    badge_token(delegate=delegate)
    secret = BadgeKey.objects.get(delegate=delegate).secret
    client.force_login(organiser)
    url = reverse("console:badge_renew", args=[delegate.pk])
    asked = client.post(url, {"q": "tallinn"})
    assert asked.status_code == 200
    assert "stops working" in asked.content.decode()
    assert BadgeKey.objects.get(delegate=delegate).secret == secret  # nothing changed yet
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.BADGE_RENEWED).exists()
    done = client.post(url, {"q": "tallinn", "confirmation": asked.context["token"]})
    assert done.url == reverse("console:checkin") + "?q=tallinn"
    assert BadgeKey.objects.get(delegate=delegate).secret != secret
    entry = AuditEntry.objects.get(action=AuditEntry.Action.BADGE_RENEWED)
    assert (entry.actor, entry.target_id, entry.organisation) == (
        organiser,
        str(delegate.pk),
        delegate.organisation,
    )
    # The token confirms this delegate's badge only.
    other = make_delegate()
    client.post(
        reverse("console:badge_renew", args=[other.pk]),
        {"confirmation": asked.context["token"]},
    )
    assert AuditEntry.objects.filter(action=AuditEntry.Action.BADGE_RENEWED).count() == 1


def test_the_badge_batch_shows_its_progress_and_keeps_its_pdf_to_its_forum(
    client, forum, make_delegate, organiser
):
    from matchforum.badges.models import BadgeBatch
    from matchforum.badges.services import badge_batch_run

    for _ in range(3):
        make_delegate()
    client.force_login(organiser)
    started = client.post(reverse("console:badge_batch_start"))
    batch = BadgeBatch.objects.get()
    # Queued: the page polls and offers no download yet.
    live = client.get(started.url, {"live": "1"})
    assert 'hx-trigger="every 2s"' in live.content.decode()
    assert client.get(reverse("console:badge_batch_pdf", args=[batch.pk])).status_code == 404
    badge_batch_run(batch=batch)  # what the worker does
    live = client.get(started.url, {"live": "1"})
    assert live["HX-Refresh"] == "true"
    assert "3 of 3 badges" in live.content.decode()
    download = client.get(reverse("console:badge_batch_pdf", args=[batch.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(download.content)).pages) == 1
    # A new batch replaces the old one (and its PDF of every badge token).
    client.post(reverse("console:badge_batch_start"))
    assert not BadgeBatch.objects.filter(pk=batch.pk).exists()
    assert BadgeBatch.objects.count() == 1
