"""Irreversible console actions ask first, say what will happen, and refuse without the step."""

import re

import pytest
from django.urls import reverse

from matchforum.audit.models import AuditEntry
from matchforum.forums.selectors import forum_slots
from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.organisations.models import Accreditation, Organisation
from matchforum.schedules.models import RunKind, RunStatus, ScheduleVersion, SchedulingRun
from matchforum.schedules.results import result_summary
from tests.factories import meeting_build

pytestmark = pytest.mark.django_db


def _token(response) -> str:
    match = re.search(r'name="confirmation" value="([^"]+)"', response.content.decode())
    assert match, "the confirmation page carries a token"
    return match.group(1)


def confirmed_post(client, url: str, data: dict | None = None, **kwargs):
    """POST an irreversible action as the console does: ask, then confirm with the token."""
    asked = client.post(url, data or {})
    return client.post(url, {**(data or {}), "confirmation": _token(asked)}, **kwargs)


def _finished_run(forum, organiser, make_delegate, *, kind=RunKind.SOLVE, valid=True):
    """A finished run placing two meetings of three delegates (four told)."""
    a, b, c, d = (make_delegate() for _ in range(4))
    first, second = meeting_build(a, b), meeting_build(c, d)
    slot = forum_slots(forum=forum).first()
    tables = list(forum.tables.order_by("number")[:2])
    placements = [
        {"meeting": first.pk, "slot": slot.pk, "table": tables[0].pk, "online": False},
        {"meeting": second.pk, "slot": slot.pk, "table": tables[1].pk, "online": False},
    ]
    result = {
        "placements": placements,
        "meeting_ids": [first.pk, second.pk],
        "unscheduled": [],
        "valid": valid,
        "violations": [] if valid else ["meeting placed twice"],
        "scheduled": 2,
        "meetings": 2,
    }
    return SchedulingRun.objects.create(
        forum=forum,
        kind=kind,
        status=RunStatus.FINISHED,
        created_by=organiser,
        result=result,
        summary=result_summary(result),
    )


@pytest.mark.parametrize("kind", [RunKind.SOLVE, RunKind.REPAIR])
def test_publishing_asks_first_with_counts_and_publishes_only_with_the_token(
    client, forum, organiser, make_delegate, kind
):
    run = _finished_run(forum, organiser, make_delegate, kind=kind)
    client.force_login(organiser)
    url = reverse("console:run_publish", args=[run.pk])

    asked = client.post(url)
    assert asked.status_code == 200
    text = asked.content.decode()
    assert "2 meetings have a place in the published schedule." in text
    assert "2 meetings change place; 0 of them had a place and move." in text
    assert "4 delegates are told that the schedule is out" in text
    assert not ScheduleVersion.objects.exists()
    assert not Meeting.objects.filter(status=MeetingStatus.SCHEDULED).exists()

    done = client.post(url, {"confirmation": _token(asked)})
    assert done.status_code == 302
    version = ScheduleVersion.objects.get()
    assert Meeting.objects.filter(status=MeetingStatus.SCHEDULED).count() == 2
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SCHEDULE_PUBLISHED)
    assert (entry.actor, entry.target_id) == (organiser, str(version.pk))


def test_a_token_confirms_only_its_own_run_and_user(client, forum, organiser, make_delegate):
    run = _finished_run(forum, organiser, make_delegate)
    other = _finished_run(forum, organiser, make_delegate)
    client.force_login(organiser)
    token = _token(client.post(reverse("console:run_publish", args=[run.pk])))

    replayed = client.post(reverse("console:run_publish", args=[other.pk]), {"confirmation": token})
    assert replayed.status_code == 200  # asked again, nothing published
    forged = client.post(
        reverse("console:run_publish", args=[run.pk]), {"confirmation": token + "x"}
    )
    assert forged.status_code == 200
    assert not ScheduleVersion.objects.exists()


def test_a_run_the_validator_rejects_is_not_even_offered_for_confirmation(
    client, forum, organiser, make_delegate
):
    run = _finished_run(forum, organiser, make_delegate, valid=False)
    client.force_login(organiser)
    page = client.get(reverse("console:run_detail", args=[run.pk])).content.decode()
    assert "Publish this schedule" not in page
    response = client.post(reverse("console:run_publish", args=[run.pk]), follow=True)
    assert "cannot be published" in response.content.decode()
    assert 'name="confirmation"' not in response.content.decode()
    assert not ScheduleVersion.objects.exists()


def test_a_run_without_a_validator_verdict_cannot_be_published(
    client, forum, organiser, make_delegate
):
    run = _finished_run(forum, organiser, make_delegate)
    del run.result["valid"]
    run.save(update_fields=["result"])
    client.force_login(organiser)
    client.post(reverse("console:run_publish", args=[run.pk]))
    assert not ScheduleVersion.objects.exists()


def test_the_compare_page_shows_each_runs_validator_check(client, forum, organiser, make_delegate):
    good = _finished_run(forum, organiser, make_delegate)
    bad = _finished_run(forum, organiser, make_delegate, valid=False)
    client.force_login(organiser)
    page = client.get(reverse("console:run_compare"), {"runs": [good.pk, bad.pk]})
    checks = re.findall(r'data-validator="(\w+)"', page.content.decode())
    assert checks == ["passed", "failed"]
    assert "meeting placed twice" in page.content.decode()


def test_bulk_vetting_asks_first_and_decides_only_with_the_token(
    client, forum, organiser, make_delegate
):
    pending = [make_delegate(accreditation=Accreditation.PENDING) for _ in range(3)]
    ids = [d.organisation_id for d in pending]
    client.force_login(organiser)
    form = {"organisations": ids, "decision": Accreditation.APPROVED, "reason": ""}

    asked = client.post(reverse("console:vetting"), form)
    assert asked.status_code == 200
    text = asked.content.decode()
    assert "3 organisations get the decision" in text
    assert "3 delegates see the decision" in text
    assert set(Organisation.objects.values_list("accreditation", flat=True)) == {
        Accreditation.PENDING
    }

    # The token is for these three organisations and this decision only.
    token = _token(asked)
    client.post(
        reverse("console:vetting"), {**form, "organisations": ids[:2], "confirmation": token}
    )
    client.post(
        reverse("console:vetting"),
        {**form, "decision": Accreditation.REJECTED, "reason": "No.", "confirmation": token},
    )
    assert not Organisation.objects.exclude(accreditation=Accreditation.PENDING).exists()

    done = client.post(reverse("console:vetting"), {**form, "confirmation": token})
    assert done.status_code == 302
    assert set(Organisation.objects.values_list("accreditation", flat=True)) == {
        Accreditation.APPROVED
    }
    audited = AuditEntry.objects.filter(action=AuditEntry.Action.VETTING_DECISION)
    assert sorted(audited.values_list("organisation_id", flat=True)) == sorted(ids)


def test_a_rejection_without_reason_is_refused_before_the_confirmation(
    client, forum, organiser, make_delegate
):
    delegate = make_delegate(accreditation=Accreditation.PENDING)
    client.force_login(organiser)
    response = client.post(
        reverse("console:vetting"),
        {"organisations": [delegate.organisation_id], "decision": Accreditation.REJECTED},
    )
    assert 'name="confirmation"' not in response.content.decode()
    assert "Give the organisation a reason" in response.content.decode()
