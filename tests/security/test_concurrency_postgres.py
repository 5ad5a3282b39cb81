"""Exactly one winner under real concurrency (PostgreSQL), for the races of issue 17.

Each case starts its attempts in threads released together (one database connection
each) and asserts the database state afterwards. Each has a control that shows the race
is real: the same attempts with the service's row lock bypassed go wrong, and in the
guarded run the first transaction to get through waits, before it commits, until another
attempt is seen waiting for its lock (`FirstCallerHolds`), so the attempts did overlap.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection

from matchforum.meetings import notices
from matchforum.meetings import services as meeting_services
from matchforum.meetings.models import Meeting, MeetingRequest, RequestStatus
from matchforum.meetings.services import meeting_request_accept, meeting_request_send
from matchforum.schedules import services as schedule_services
from matchforum.schedules.models import (
    RunStatus,
    ScheduleVersion,
    SchedulingRun,
    VersionStatus,
)
from matchforum.schedules.services import schedule_publish
from tests.factories import (
    DelegateFactory,
    MeetingRequestFactory,
    OrganisationFactory,
    UserFactory,
    forum_build,
)
from tests.security.races import AllCallersMeet, FirstCallerHolds, race

ACCEPTS = 20
SENDS = 10
REQUEST_LIMIT = 3

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            "needs PostgreSQL: SQLite serialises every writer, so no race can happen there; "
            "this runs on the PostgreSQL leg of `make test`"
        ),
    ),
]


@pytest.fixture
def forum(transactional_db, fast_hashing):
    return forum_build()


def delegate_of_new_organisation(forum):
    return DelegateFactory(organisation=OrganisationFactory(forum=forum))


# ------------------------------------------------------------ accepts of one request


@pytest.fixture
def open_request(forum):
    recipient = delegate_of_new_organisation(forum)
    request = MeetingRequestFactory(
        sender=delegate_of_new_organisation(forum),
        recipient_organisation=recipient.organisation,
    )
    return request, recipient


def accepts(request, recipient) -> list:
    return [
        (lambda: meeting_request_accept(meeting_request=request, responder=recipient))
        for _ in range(ACCEPTS)
    ]


def test_twenty_accepts_of_one_request_make_one_meeting(open_request, monkeypatch):
    request, recipient = open_request
    holder = FirstCallerHolds(notices.request_answered_notify)
    monkeypatch.setattr(notices, "request_answered_notify", holder)
    outcomes = race(accepts(request, recipient))
    assert outcomes == Counter({"success": 1, "refused": ACCEPTS - 1}), outcomes
    assert holder.blocked >= 1, "the accepts did not overlap"
    assert Meeting.objects.filter(request=request).count() == 1
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED


def test_control_without_the_row_lock_every_accept_sees_the_request_open(open_request, monkeypatch):
    request, recipient = open_request
    passed: list[int] = []

    def read_without_lock(meeting_request):
        fresh = MeetingRequest.objects.get(pk=meeting_request.pk)
        if fresh.status != RequestStatus.PENDING:
            raise ValidationError("no longer open")
        passed.append(fresh.pk)
        return fresh

    monkeypatch.setattr(meeting_services, "_lock_pending", read_without_lock)
    monkeypatch.setattr(
        notices, "request_answered_notify", FirstCallerHolds(notices.request_answered_notify)
    )
    outcomes = race(accepts(request, recipient))
    # More than one accept got past the "still open?" check: the race is real. Only the
    # one-meeting-per-pair constraint then keeps a second meeting out.
    assert len(passed) > 1, outcomes
    assert Meeting.objects.filter(request=request).count() == 1


# ------------------------------------------------------------ sends past the limit


@pytest.fixture
def sender_near_the_limit(forum):
    forum.max_requests_per_delegate = REQUEST_LIMIT
    forum.save(update_fields=["max_requests_per_delegate"])
    sender = delegate_of_new_organisation(forum)
    for _ in range(REQUEST_LIMIT - 1):
        MeetingRequestFactory(
            sender=sender,
            recipient_organisation=delegate_of_new_organisation(forum).organisation,
        )
    recipients = [delegate_of_new_organisation(forum).organisation for _ in range(SENDS)]
    return sender, recipients


def sends(sender, recipients) -> list:
    return [
        (lambda r=r: meeting_request_send(sender=sender, recipient_organisation=r))
        for r in recipients
    ]


def sent_by(sender) -> int:
    return MeetingRequest.objects.filter(sender=sender).count()


def test_simultaneous_sends_stop_at_the_request_limit(sender_near_the_limit, monkeypatch):
    sender, recipients = sender_near_the_limit
    holder = FirstCallerHolds(notices.request_received_notify)
    monkeypatch.setattr(notices, "request_received_notify", holder)
    outcomes = race(sends(sender, recipients))
    assert outcomes == Counter({"success": 1, "refused": SENDS - 1}), outcomes
    assert holder.blocked >= 1, "the sends did not overlap"
    assert sent_by(sender) == REQUEST_LIMIT


def test_control_without_the_sender_lock_the_limit_is_overrun(sender_near_the_limit, monkeypatch):
    sender, recipients = sender_near_the_limit
    monkeypatch.setattr(meeting_services, "_sender_lock", lambda sender: None)
    # Nobody commits before everyone has counted: each sees the limit not yet reached.
    monkeypatch.setattr(
        notices, "request_received_notify", AllCallersMeet(notices.request_received_notify, SENDS)
    )
    outcomes = race(sends(sender, recipients))
    assert outcomes == Counter({"success": SENDS}), outcomes
    assert sent_by(sender) == REQUEST_LIMIT - 1 + SENDS


# ------------------------------------------------------------ the same request twice


@pytest.fixture
def pair(forum):
    return delegate_of_new_organisation(forum), delegate_of_new_organisation(forum).organisation


def duplicates(sender, recipient_organisation, refusals_by_constraint: list) -> list:
    def send():
        try:
            meeting_request_send(sender=sender, recipient_organisation=recipient_organisation)
        except ValidationError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                refusals_by_constraint.append(exc)
            raise

    return [send for _ in range(ACCEPTS)]


def test_duplicate_sends_of_one_request_make_one(pair, monkeypatch):
    sender, organisation = pair
    holder = FirstCallerHolds(notices.request_received_notify)
    monkeypatch.setattr(notices, "request_received_notify", holder)
    by_constraint: list = []
    outcomes = race(duplicates(sender, organisation, by_constraint))
    assert outcomes == Counter({"success": 1, "refused": ACCEPTS - 1}), outcomes
    assert holder.blocked >= 1, "the sends did not overlap"
    # The sender's lock ordered them: each later send saw the open request.
    assert by_constraint == []
    assert MeetingRequest.objects.filter(sender=sender, status=RequestStatus.PENDING).count() == 1


def test_control_without_the_sender_lock_duplicates_pass_the_check(pair, monkeypatch):
    sender, organisation = pair
    monkeypatch.setattr(meeting_services, "_sender_lock", lambda sender: None)
    monkeypatch.setattr(
        notices, "request_received_notify", FirstCallerHolds(notices.request_received_notify)
    )
    by_constraint: list = []
    outcomes = race(duplicates(sender, organisation, by_constraint))
    # Some sends passed the "already open?" check and were stopped only by the unique
    # index: the race is real, and the constraint still leaves one request.
    assert by_constraint, outcomes
    assert outcomes == Counter({"success": 1, "refused": ACCEPTS - 1}), outcomes
    assert MeetingRequest.objects.filter(sender=sender, status=RequestStatus.PENDING).count() == 1


# ------------------------------------------------------------ publication of two runs


@pytest.fixture
def two_finished_runs(forum):
    organiser = UserFactory(is_organiser=True)
    result = {"valid": True, "placements": [], "meeting_ids": [], "unscheduled": []}
    runs = [
        SchedulingRun.objects.create(
            forum=forum, created_by=organiser, status=RunStatus.FINISHED, result=result
        )
        for _ in range(2)
    ]
    return forum, organiser, runs


def publications(organiser, runs) -> list:
    return [(lambda r=r: schedule_publish(run=r, user=organiser)) for r in runs]


def test_two_runs_published_at_once_leave_one_published_version(two_finished_runs, monkeypatch):
    forum, organiser, runs = two_finished_runs
    holder = FirstCallerHolds(schedule_services._notify)
    monkeypatch.setattr(schedule_services, "_notify", holder)
    outcomes = race(publications(organiser, runs))
    # The forum's lock orders them: both publish, one after the other.
    assert outcomes == Counter({"success": 2}), outcomes
    assert holder.blocked >= 1, "the publications did not overlap"
    versions = list(ScheduleVersion.objects.filter(forum=forum).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert [v.status for v in versions] == [VersionStatus.SUPERSEDED, VersionStatus.PUBLISHED]
    assert {v.run_id for v in versions} == {r.pk for r in runs}


def test_control_without_the_forum_lock_two_publications_collide(two_finished_runs, monkeypatch):
    forum, organiser, runs = two_finished_runs
    monkeypatch.setattr(schedule_services, "row_lock", lambda model, pk: None)
    monkeypatch.setattr(schedule_services, "_notify", FirstCallerHolds(schedule_services._notify))
    outcomes = race(publications(organiser, runs))
    # Both read the same highest number; the second insert breaks a unique constraint.
    assert outcomes["success"] == 1, outcomes
    errors = [outcome for outcome in outcomes if outcome.startswith("error:IntegrityError")]
    assert len(errors) == 1, outcomes
    assert ScheduleVersion.objects.filter(forum=forum).count() == 1
