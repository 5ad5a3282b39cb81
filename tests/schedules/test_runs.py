"""Runs solve in a task and never touch the live schedule; publishing is what changes it."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from matchforum import scheduling as engine
from matchforum.forums.selectors import forum_slots
from matchforum.meetings.models import Meeting, MeetingSeat, MeetingStatus
from matchforum.meetings.services import meeting_cancel
from matchforum.schedules import solver
from matchforum.schedules.mapping import (
    forum_problem_build,
    live_placements,
    schedule_from_placements,
)
from matchforum.schedules.models import RunKind, RunStatus, ScheduleVersion, SchedulingRun
from matchforum.schedules.selectors import waiting_list
from matchforum.schedules.services import (
    schedule_publish,
    scheduling_repair_start,
    scheduling_run_cancel,
    scheduling_run_execute,
    scheduling_run_start,
    waiting_list_offer,
)
from tests.factories import DelegateFactory, meeting_build, realistic_forum_build

pytestmark = pytest.mark.django_db(transaction=True)

OPTIONS = {"time_limit": 20, "fairness": None}


def _snapshot(forum):
    """Everything that makes up the live schedule: placements, statuses and seats."""
    meetings = sorted(
        Meeting.objects.filter(forum=forum).values_list("pk", "slot_id", "table_id", "status")
    )
    seats = sorted(
        MeetingSeat.objects.filter(meeting__forum=forum).values_list(
            "meeting_id", "delegate_id", "slot_id"
        )
    )
    return meetings, seats


def _published(forum, organiser):
    run = scheduling_run_start(forum=forum, user=organiser, options=OPTIONS)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED, run.error
    return run, schedule_publish(run=run, user=organiser)


def _assert_valid(forum, run):
    """The run's placements obey every hard rule, per the engine's own validator."""
    mapped = forum_problem_build(forum=forum, fairness=run.options.get("fairness"))
    placements = {p["meeting"]: p for p in run.result["placements"]}
    from matchforum.schedules.mapping import Placement

    slots, tables = schedule_from_placements(
        mapped=mapped, placements={k: Placement.from_dict(v) for k, v in placements.items()}
    )
    report = engine.validate(
        mapped.problem,
        engine.Schedule(slots=slots, tables=tables),
        claimed_breaks=run.result["breaks"],
    )
    assert report.ok, str(report)


@pytest.fixture
def big_forum(db):
    return realistic_forum_build(organisations=60, meetings=150)


@pytest.fixture
def medium_forum(db):
    return realistic_forum_build(organisations=24, meetings=40, seed=3)


def test_run_on_a_realistic_forum_finishes_valid_and_leaves_live_schedule_alone(
    big_forum, organiser, immediate_tasks
):
    before = _snapshot(big_forum)
    # Long enough for the engine to find schedules on a busy machine; it stops earlier
    # when it proves its schedule optimal.
    run = scheduling_run_start(forum=big_forum, user=organiser, options={"time_limit": 40})
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED, run.error
    assert run.result["meetings"] == 150
    assert run.result["scheduled"] + len(run.result["unscheduled"]) == 150
    assert run.result["scheduled"] > 100
    assert run.progress["total"] == 150
    assert run.result["valid"] is True
    _assert_valid(big_forum, run)
    assert _snapshot(big_forum) == before  # a run alone changes nothing live


def test_publish_applies_placements_and_versions_supersede(
    forum, make_delegate, organiser, immediate_tasks
):
    meetings = [meeting_build(make_delegate(), make_delegate()) for _ in range(5)]
    _run, version = _published(forum, organiser)
    assert version.number == 1 and version.status == "published"
    live = live_placements(forum=forum)
    assert set(live) == {m.pk for m in meetings}
    assert {p["meeting"] for p in version.placements} == set(live)
    assert MeetingSeat.objects.filter(meeting__forum=forum).count() == 10
    assert set(Meeting.objects.filter(forum=forum).values_list("status", flat=True)) == {
        "scheduled"
    }
    assert version.statistics["changed_ids"] == sorted(m.pk for m in meetings)
    _run2, version2 = _published(forum, organiser)
    version.refresh_from_db()
    assert (version.status, version2.status, version2.number) == ("superseded", "published", 2)
    assert ScheduleVersion.objects.filter(forum=forum, status="published").count() == 1


def _crashing_solve(**kwargs):
    kwargs["on_progress"](solver.Progress(breaks=3, bound=1, placed=2))
    raise RuntimeError("the solver fell over")


def test_crashed_run_leaves_the_published_schedule_untouched(
    forum, make_delegate, organiser, immediate_tasks
):
    for _ in range(4):
        meeting_build(make_delegate(), make_delegate())
    _published(forum, organiser)
    meeting_build(make_delegate(), make_delegate())  # a late change the crashed run would use
    before = _snapshot(forum)
    versions = list(ScheduleVersion.objects.values_list("pk", "status"))
    run = SchedulingRun.objects.create(forum=forum, options=OPTIONS, created_by=organiser)
    run = scheduling_run_execute(run=run, solve=_crashing_solve)
    assert run.status == RunStatus.FAILED
    assert "the solver fell over" in run.error
    assert _snapshot(forum) == before
    assert list(ScheduleVersion.objects.values_list("pk", "status")) == versions
    with pytest.raises(ValidationError):
        schedule_publish(run=run, user=organiser)
    assert _snapshot(forum) == before


def test_cancelled_run_stops_through_the_engine_and_leaves_schedule_untouched(
    medium_forum, organiser, immediate_tasks
):
    big_forum = medium_forum
    first = scheduling_run_start(forum=big_forum, user=organiser, options=OPTIONS)
    first.refresh_from_db()
    schedule_publish(run=first, user=organiser)
    before = _snapshot(big_forum)
    run = SchedulingRun.objects.create(
        forum=big_forum, options={**OPTIONS, "time_limit": 60}, created_by=organiser
    )
    # The organiser's click lands while the worker picks the run up: the first progress
    # report reads it and stops the engine through its cancel mechanism.
    SchedulingRun.objects.filter(pk=run.pk).update(cancel_requested=True)
    run = scheduling_run_execute(run=run)
    assert run.status == RunStatus.CANCELLED
    assert run.result == {}
    assert _snapshot(big_forum) == before


def test_cancelling_a_queued_run_stops_it_before_it_starts(forum, make_delegate, organiser):
    meeting_build(make_delegate(), make_delegate())
    run = scheduling_run_start(forum=forum, user=organiser, options=OPTIONS)  # database queue
    run = scheduling_run_cancel(run=run, user=organiser)
    assert run.status == RunStatus.CANCELLED
    assert scheduling_run_execute(run=run).status == RunStatus.CANCELLED


def test_publishing_a_stale_run_that_clashes_is_refused_as_a_whole(
    forum, make_delegate, organiser, immediate_tasks
):
    a, b = make_delegate(), make_delegate()
    meeting_build(a, b)
    run = scheduling_run_start(forum=forum, user=organiser, options=OPTIONS)
    run.refresh_from_db()
    placement = run.result["placements"][0]
    # Meanwhile a walk-in takes exactly that table in that slot.
    walk_in = meeting_build(make_delegate(), make_delegate())
    from matchforum.forums.models import Slot, Table
    from matchforum.meetings.services import meeting_place

    meeting_place(
        meeting=walk_in,
        slot=Slot.objects.get(pk=placement["slot"]),
        table=Table.objects.get(pk=placement["table"]),
    )
    before = _snapshot(forum)
    with pytest.raises(ValidationError, match="changed since this run"):
        schedule_publish(run=run, user=organiser)
    assert _snapshot(forum) == before
    assert not ScheduleVersion.objects.exists()


def test_repair_preview_lists_only_the_necessary_moves(medium_forum, organiser, immediate_tasks):
    big_forum = medium_forum
    first, _version = _published(big_forum, organiser)
    first_unscheduled = [u["meeting"] for u in first.result["unscheduled"]]
    placed = list(
        Meeting.objects.filter(forum=big_forum, status=MeetingStatus.SCHEDULED).order_by("pk")
    )
    for meeting in placed[:2]:
        meeting_cancel(meeting=meeting, by=meeting.delegate_a.user, reason="Plans changed.")
    newcomer = meeting_build(
        DelegateFactory(organisation__forum=big_forum),
        DelegateFactory(organisation__forum=big_forum),
    )
    live_before = live_placements(forum=big_forum)
    run = scheduling_repair_start(forum=big_forum, user=organiser, options=OPTIONS)
    run.refresh_from_db()
    assert run.kind == RunKind.REPAIR and run.status == RunStatus.FINISHED, run.error
    moves = {m["meeting"]: m for m in run.result["moves"]}
    # No published meeting moves: every change is a meeting without a place getting one,
    # the newcomer and meetings that waited and now fit into the cancelled meetings' room.
    assert newcomer.pk in moves
    assert all(m["from"] is None and m["to"] is not None for m in moves.values())
    waiting_before = set(first_unscheduled) | {newcomer.pk}
    assert set(moves) <= waiting_before
    # The run's summary, stored with the result, counts what the pages show of it.
    assert run.summary["moves_count"] == len(moves) and run.summary["moved_count"] == 0
    assert run.summary["unscheduled_count"] == len(run.result["unscheduled"])
    assert "placements" not in run.summary and "moves" not in run.summary
    version = schedule_publish(run=run, user=organiser)
    # Only the placed meetings changed: only their delegates are told.
    assert version.statistics["changed_ids"] == sorted(moves)
    live_after = live_placements(forum=big_forum)
    assert {k: v for k, v in live_after.items() if k not in moves} == live_before


def test_waiting_list_fills_a_freed_slot_without_moving_anyone(
    forum, make_delegate, organiser, immediate_tasks
):
    forum.tables.exclude(number=1).update(is_active=False)
    forum.online_capacity_per_slot = 0
    forum.save()
    a = make_delegate()
    slots = list(forum_slots(forum=forum))
    # a is busy in every slot but one; the waiting meeting needs a and that slot's table.
    others = [meeting_build(a, make_delegate()) for _ in slots[:-1]]
    waiting_meeting = meeting_build(a, make_delegate())
    blocker = meeting_build(make_delegate(), make_delegate())
    from matchforum.meetings.services import meeting_place

    table = forum.tables.get(number=1)
    for meeting, slot in zip(others, slots[:-1], strict=True):
        meeting_place(meeting=meeting, slot=slot, table=table)
    meeting_place(meeting=blocker, slot=slots[-1], table=table)
    rows = {row["meeting"].pk: row for row in waiting_list(forum=forum)}
    assert rows[waiting_meeting.pk]["fits"] is False
    before = live_placements(forum=forum)
    meeting_cancel(meeting=blocker, by=organiser, reason="Plans changed.")
    rows = {row["meeting"].pk: row for row in waiting_list(forum=forum)}
    assert [p[0].pk for p in rows[waiting_meeting.pk]["places"]] == [slots[-1].pk]
    placed = waiting_list_offer(forum=forum, user=organiser, meeting=waiting_meeting)
    assert (placed.slot_id, placed.table_id) == (slots[-1].pk, table.pk)
    after = live_placements(forum=forum)
    del before[blocker.pk]
    assert {k: v for k, v in after.items() if k != waiting_meeting.pk} == before


def test_a_new_version_tells_the_delegates_of_changed_meetings_only_what_moved(
    forum, make_delegate, organiser, immediate_tasks
):
    from matchforum.meetings.services import meeting_place
    from matchforum.schedules.tasks import notify_schedule_published
    from tests.factories import schedule_publish_live

    changed, unchanged = (meeting_build(make_delegate(), make_delegate()) for _ in range(2))
    _published(forum, organiser)
    moving, staying = (Meeting.objects.get(pk=m.pk) for m in (changed, unchanged))
    free_slot = next(
        slot
        for slot in forum_slots(forum=forum)
        if slot.pk not in {moving.slot_id, staying.slot_id}
    )
    meeting_place(meeting=moving, slot=free_slot, table=moving.table)
    version = schedule_publish_live(forum=forum, user=organiser)
    mail.outbox.clear()
    sent = notify_schedule_published.call(version.pk, [changed.pk])
    moved = [m for m in mail.outbox if m.subject == "One of your meetings moved"]
    assert sent == len(mail.outbox) and len(moved) == 2
    assert sorted(m.to[0] for m in moved) == sorted(
        [changed.delegate_a.user.email, changed.delegate_b.user.email]
    )
    assert unchanged.delegate_a.user.email not in {m.to[0] for m in moved}
    assert "Table" in moved[0].body or "table" in moved[0].body


def test_repair_moves_only_the_meeting_a_new_unavailability_hits(
    forum, make_delegate, organiser, immediate_tasks
):
    meetings = [meeting_build(make_delegate(), make_delegate()) for _ in range(6)]
    _published(forum, organiser)
    hit = Meeting.objects.get(pk=meetings[2].pk)
    hit.delegate_a.unavailable_slots.add(hit.slot)
    run = scheduling_repair_start(forum=forum, user=organiser, options=OPTIONS)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED, run.error
    moves = run.result["moves"]
    assert [m["meeting"] for m in moves] == [hit.pk]
    assert moves[0]["from"]["slot"] == hit.slot_id
    assert moves[0]["to"]["slot"] != hit.slot_id


def test_a_run_the_validator_rejects_cannot_be_published(forum, make_delegate, organiser):
    meeting_build(make_delegate(), make_delegate())
    run = SchedulingRun.objects.create(
        forum=forum,
        status=RunStatus.FINISHED,
        created_by=organiser,
        result={"placements": [], "valid": False, "violations": ["meeting 1 twice"]},
    )
    before = _snapshot(forum)
    with pytest.raises(ValidationError, match="validator"):
        schedule_publish(run=run, user=organiser)
    assert _snapshot(forum) == before
    assert not ScheduleVersion.objects.exists()
