"""Writes of scheduling: runs (started here, solved by a task), publication, repair, waiting list.

Reads (the published version, free places, the waiting list) are in selectors.py.

A run never touches the live schedule: it reads the forum's rows, solves, and stores its
result on the `SchedulingRun`. Only `schedule_publish` writes placements to meetings, in
one transaction, so a crashed or cancelled run leaves the published schedule as it was.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.core.enqueue import enqueue_on_commit
from matchforum.core.locking import row_lock
from matchforum.core.permissions import require_organiser
from matchforum.forums.models import Forum, Slot
from matchforum.meetings.models import Meeting, MeetingMode, MeetingSeat, MeetingStatus
from matchforum.meetings.participants import attendee_ids_by_meeting
from matchforum.meetings.services import DoubleBooking, meeting_place

from . import solver
from .mapping import (
    MappedProblem,
    Placement,
    forum_problem_build,
    live_placements,
    placements_from_schedule,
    unscheduled_from_schedule,
)
from .models import RunKind, RunStatus, ScheduleVersion, SchedulingRun, VersionStatus
from .results import result_summary
from .selectors import meeting_free_places, run_known_meeting_ids, schedule_version_published
from .tasks import notify_schedule_published, solve_scheduling_run

DEFAULT_TIME_LIMIT = 30
MAX_TIME_LIMIT = 600
PROGRESS_INTERVAL = 0.5  # seconds between two progress writes


class RunCancelled(Exception):
    """The organiser asked the run to stop."""


def _clean_options(options: dict[str, Any]) -> dict[str, Any]:
    fairness = options.get("fairness")
    if fairness in ("", None):
        fairness = None
    else:
        fairness = int(fairness)
        if fairness < 0:
            raise ValidationError({"fairness": _("Fairness is a number of breaks, 0 or more.")})
    time_limit = int(options.get("time_limit") or DEFAULT_TIME_LIMIT)
    if not 1 <= time_limit <= MAX_TIME_LIMIT:
        raise ValidationError(
            {
                "time_limit": _("The time limit is between 1 and %(n)s seconds.")
                % {"n": MAX_TIME_LIMIT}
            }
        )
    return {
        "fairness": fairness,
        "time_limit": time_limit,
        "keep_published": bool(options.get("keep_published")),
    }


def scheduling_run_start(
    *, forum: Forum, user: User, options: dict[str, Any], kind: str = RunKind.SOLVE
) -> SchedulingRun:
    """Queue a run with its options; the solving happens in the `solve_scheduling_run` task."""
    require_organiser(user)
    cleaned = _clean_options(options)
    run = SchedulingRun.objects.create(
        forum=forum,
        kind=kind,
        options=cleaned,
        created_by=user,
        base_version=schedule_version_published(forum=forum),
    )
    enqueue_on_commit(solve_scheduling_run, run.pk)
    return run


def scheduling_repair_start(*, forum: Forum, user: User, options: dict[str, Any]) -> SchedulingRun:
    """Queue a repair of the published schedule after late changes (moves as few as it can)."""
    if schedule_version_published(forum=forum) is None:
        raise ValidationError(_("Publish a schedule before repairing it."))
    return scheduling_run_start(forum=forum, user=user, options=options, kind=RunKind.REPAIR)


def scheduling_run_cancel(*, run: SchedulingRun, user: User) -> SchedulingRun:
    """Ask a run to stop; a queued run stops at once, a running one at its next progress."""
    require_organiser(user)
    SchedulingRun.objects.filter(pk=run.pk).update(cancel_requested=True)
    SchedulingRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
        status=RunStatus.CANCELLED, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


# ---------------------------------------------------------------------- running (in the task)


class _ProgressWriter:
    """Writes the solver's progress at most every `PROGRESS_INTERVAL` and reads cancellation."""

    def __init__(self, run_id: int, total: int) -> None:
        self.run_id = run_id
        self.total = total
        self.started = time.monotonic()
        self.last_write = 0.0
        self.cancelled = False

    def __call__(self, update: solver.Progress) -> bool:
        """Record the update; answer True when the run should stop."""
        now = time.monotonic()
        if now - self.last_write >= PROGRESS_INTERVAL:
            self.last_write = now
            SchedulingRun.objects.filter(pk=self.run_id).update(
                progress={
                    "phase": update.phase,
                    "objective": update.objective,
                    "breaks": update.breaks,
                    "bound": update.bound,
                    "placed": update.placed,
                    "total": self.total,
                    "elapsed": round(now - self.started, 1),
                    "solver_elapsed": update.elapsed,
                    "solutions": update.solutions,
                }
            )
            self.cancelled = SchedulingRun.objects.filter(
                pk=self.run_id, cancel_requested=True
            ).exists()
        return self.cancelled


def scheduling_run_execute(
    *, run: SchedulingRun, solve: Callable[..., solver.Outcome] | None = None
) -> SchedulingRun:
    """Solve the run (called by the task): read rows, solve, store the result; never publish.

    `solve` defaults to the engine; a crash anywhere marks the run failed with the error.
    """
    solve = solve or solver.solve
    claimed = SchedulingRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    run.refresh_from_db()
    if not claimed:
        return run  # cancelled before it started, or taken by another worker
    try:
        options = run.options
        mapped = forum_problem_build(
            forum=run.forum,
            fairness=options.get("fairness"),
            keep_published=bool(options.get("keep_published")),
        )
        writer = _ProgressWriter(run.pk, len(mapped.meeting_ids))
        base = mapped.current if run.kind == RunKind.REPAIR else None
        outcome = solve(
            mapped=mapped,
            time_limit=float(options.get("time_limit") or DEFAULT_TIME_LIMIT),
            on_progress=writer,
            base=base,
        )
        if writer.cancelled or outcome.cancelled:
            raise RunCancelled
        result = _result(mapped, outcome)
    except RunCancelled:
        SchedulingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.CANCELLED, finished_at=timezone.now()
        )
    except Exception as exc:
        SchedulingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            finished_at=timezone.now(),
        )
    else:
        SchedulingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FINISHED,
            result=result,
            summary=result_summary(result),
            progress={**SchedulingRun.objects.get(pk=run.pk).progress, **_final_progress(result)},
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    return run


def schedule_forum_headless(
    *, forum: Forum, time_limit: float, fairness: int | None = None, method: str = "auto"
) -> dict[str, Any]:
    """The console's solving path without a run: map the forum, solve with the engine's
    one policy (or, with ``method="heuristic"``, its constructive heuristic alone), check;
    nothing is stored or published. Returns the figures of the result."""
    cleaned = _clean_options({"time_limit": time_limit, "fairness": fairness})
    mapped = forum_problem_build(forum=forum, fairness=cleaned["fairness"])
    outcome = solver.solve(
        mapped=mapped,
        time_limit=float(cleaned["time_limit"]),
        on_progress=lambda _: False,
        method=method,
    )
    result = _result(mapped, outcome)
    per = outcome.schedule.breaks_per_participant or [0]
    return {
        "forum": forum.slug,
        "meetings": result["meetings"],
        "placed": result["scheduled"],
        "unplaced": len(result["unscheduled"]),
        "breaks": result["breaks"],
        "bound": result["bound"],
        "proven_optimal": result["proven_optimal"],
        "valid": result["valid"],
        "violations": result["violations"],
        "fairness_range": max(per) - min(per),
        "seconds": result["stats"].get("seconds"),
    }


def _final_progress(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "breaks": result["breaks"],
        "bound": result["bound"],
        "placed": result["scheduled"],
        "total": result["meetings"],
        "elapsed": result["stats"].get("seconds"),
        "phase": "done",
    }


def _result(mapped: MappedProblem, outcome: solver.Outcome) -> dict[str, Any]:
    schedule = outcome.schedule
    placements = placements_from_schedule(mapped=mapped, schedule=schedule)
    per_delegate = schedule.breaks_per_participant or []
    worst = None
    if per_delegate:
        index = max(range(len(per_delegate)), key=lambda i: per_delegate[i])
        worst = {"delegate": mapped.delegate_ids[index], "breaks": per_delegate[index]}
    use: Counter[int] = Counter()
    online_use: Counter[int] = Counter()
    for placement in placements:
        (online_use if placement.online else use)[placement.slot] += 1
    table_use = [
        {"slot": slot_id, "tables": use[slot_id], "online": online_use[slot_id]}
        for slot_id in mapped.slot_ids
    ]
    return {
        "placements": [p.as_dict() for p in placements],
        "unscheduled": unscheduled_from_schedule(mapped=mapped, schedule=schedule),
        "meetings": len(mapped.meeting_ids),
        "meeting_ids": mapped.meeting_ids,
        "scheduled": len(placements),
        "breaks": schedule.breaks,
        "worst_delegate": worst,
        "table_use": table_use,
        "tables_available": len(mapped.table_ids),
        "stats": _plain_stats(schedule.stats or {}),
        "status": schedule.status,
        "proven_optimal": schedule.proven_optimal,
        "bound": schedule.bound,
        "moves": schedule_moves(current=mapped.current, placements=placements),
        "valid": outcome.valid,
        "violations": outcome.violations,
    }


def _plain_stats(stats: dict[str, Any]) -> dict[str, Any]:
    """The solver's statistics without its event logs (numbers and words only, for JSON)."""
    plain: dict[str, Any] = {}
    for key, value in stats.items():
        if isinstance(value, dict):
            plain[key] = _plain_stats(value)
        elif isinstance(value, str | int | float | bool) or value is None:
            plain[key] = value
    return plain


def schedule_moves(
    *, current: dict[int, Placement], placements: list[Placement]
) -> list[dict[str, Any]]:
    """Meetings whose placement would change: moved, newly placed, or taken out."""
    wanted = {p.meeting: p for p in placements}
    moves = []
    for meeting_id in sorted(set(current) | set(wanted)):
        before, after = current.get(meeting_id), wanted.get(meeting_id)
        if before == after:
            continue
        moves.append(
            {
                "meeting": meeting_id,
                "from": before.as_dict() if before else None,
                "to": after.as_dict() if after else None,
            }
        )
    return moves


# ---------------------------------------------------------------------- publication


# Meetings per UPDATE when a schedule is published.
PUBLISH_BATCH_SIZE = 500


def schedule_publish_check(*, run: SchedulingRun) -> None:
    """Refuse a run that may not be published: unfinished, or not passed by the validator."""
    if run.status != RunStatus.FINISHED:
        raise ValidationError(_("Only a finished run can be published."))
    if (run.result or {}).get("valid") is not True:  # failed the validator, or never checked
        raise ValidationError(
            _("The validator found problems in this run's schedule; it cannot be published.")
        )


@transaction.atomic
def schedule_publish(*, run: SchedulingRun, user: User) -> ScheduleVersion:
    """Apply a finished run's placements to the live meetings and publish a new version.

    Meetings of the run are cleared then placed again in bulk; the database's unique
    constraints (one meeting per table and slot, one seat per delegate and slot) still
    hold, so a schedule that changed since the run (e.g. a walk-in booked into a slot the
    run uses) is refused as a whole and nothing changes.
    """
    require_organiser(user)
    run = SchedulingRun.objects.select_for_update().get(pk=run.pk)
    schedule_publish_check(run=run)
    forum = run.forum
    placements = [Placement.from_dict(p) for p in run.result.get("placements", [])]
    wanted = {p.meeting: p for p in placements}
    meetings = {
        m.pk: m
        for m in Meeting.objects.select_for_update()
        .filter(forum=forum, status__in=[MeetingStatus.ACCEPTED, MeetingStatus.SCHEDULED])
        .order_by("pk")  # no default ordering: it joins slots, which FOR UPDATE refuses
    }
    before = live_placements(forum=forum)
    # The run knew these meetings; the ones it left out (and still open) become unplaced.
    known = run_known_meeting_ids(run=run)
    touched = [m for pk, m in meetings.items() if pk in known or pk in wanted]
    touched_ids = [m.pk for m in touched]
    try:
        with transaction.atomic():
            MeetingSeat.objects.filter(meeting_id__in=touched_ids).delete()
            Meeting.objects.filter(pk__in=touched_ids).update(
                slot=None, table=None, status=MeetingStatus.ACCEPTED
            )
            updated, seats = [], []
            attendees = attendee_ids_by_meeting(touched_ids)
            for meeting in touched:
                placement = wanted.get(meeting.pk)
                if placement is None:
                    meeting.slot_id = meeting.table_id = None
                    meeting.status = MeetingStatus.ACCEPTED
                    continue
                meeting.slot_id = placement.slot
                meeting.table_id = None if placement.online else placement.table
                meeting.mode = MeetingMode.ONLINE if placement.online else MeetingMode.ONSITE
                meeting.status = MeetingStatus.SCHEDULED
                updated.append(meeting)
                seats += [
                    MeetingSeat(meeting=meeting, delegate_id=d, slot_id=placement.slot)
                    for d in (meeting.delegate_a_id, meeting.delegate_b_id, *attendees[meeting.pk])
                ]
            # In batches: one UPDATE with a CASE arm per meeting grows quadratically (on
            # PostgreSQL, 15,000 meetings of the large demo took over nine minutes).
            Meeting.objects.bulk_update(
                updated, ["slot", "table", "mode", "status"], batch_size=PUBLISH_BATCH_SIZE
            )
            MeetingSeat.objects.bulk_create(seats, batch_size=PUBLISH_BATCH_SIZE)
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "The schedule changed since this run (a slot or table it uses is taken). "
                "Start a repair run and publish that."
            )
        ) from exc
    after = live_placements(forum=forum)
    changed = sorted(pk for pk in set(before) | set(after) if before.get(pk) != after.get(pk))
    version = schedule_version_create(
        forum=forum, run=run, user=user, placements=after, changed=changed
    )
    _notify(version, changed)
    return version


@transaction.atomic
def schedule_version_create(
    *,
    forum: Forum,
    run: SchedulingRun | None,
    user: User | None,
    placements: dict[int, Placement],
    changed: list[int],
) -> ScheduleVersion:
    """Publish `placements` as the forum's next version; the previous one is superseded."""
    # The forum's row lock numbers versions one at a time: two publications at once would
    # both read the same highest number (and both leave a version published).
    row_lock(Forum, forum.pk)
    ScheduleVersion.objects.filter(forum=forum, status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.SUPERSEDED
    )
    number = (forum.schedule_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    statistics = {"placed": len(placements), "changed": len(changed), "changed_ids": changed}
    if run is not None:
        statistics.update(
            {
                "breaks": run.result.get("breaks"),
                "unscheduled": len(run.result.get("unscheduled", [])),
                "kind": run.kind,
            }
        )
    return ScheduleVersion.objects.create(
        forum=forum,
        number=number,
        status=VersionStatus.PUBLISHED,
        run=run,
        placements=[p.as_dict() for p in placements.values()],
        statistics=statistics,
        published_by=user,
        published_at=timezone.now(),
    )


def _notify(version: ScheduleVersion, changed_meeting_ids: list[int]) -> None:
    """Tell the affected delegates in the background, once the version is committed."""
    if changed_meeting_ids:
        enqueue_on_commit(notify_schedule_published, version.pk, changed_meeting_ids)


# ---------------------------------------------------------------------- waiting list


@transaction.atomic
def waiting_list_offer(
    *, forum: Forum, user: User, meeting: Meeting, slot: Slot | None = None
) -> Meeting:
    """Place a waiting meeting into a free place (the given slot or the first) moving no one."""
    require_organiser(user)
    if meeting.forum_id != forum.pk or meeting.status != MeetingStatus.ACCEPTED or meeting.slot_id:
        raise ValidationError(_("This meeting is not waiting for a place."))
    places = meeting_free_places(forum=forum, meeting=meeting)
    if slot is not None:
        places = [p for p in places if p[0].pk == slot.pk]
    if not places:
        raise ValidationError(_("No free place fits this meeting without moving someone else."))
    chosen_slot, table = places[0]
    try:
        placed = meeting_place(meeting=meeting, slot=chosen_slot, table=table, online=table is None)
    except DoubleBooking as exc:
        raise ValidationError(exc.messages[0]) from exc
    schedule_published_touch(forum=forum, user=user, changed=[placed.pk])
    return placed


def schedule_published_touch(
    *, forum: Forum, user: User | None, changed: list[int], notify: bool = True
) -> ScheduleVersion | None:
    """Record a small change of the published schedule (nothing else moves) as a new
    version. `notify=False` when the caller tells the people concerned itself (a
    cancellation has its own notice)."""
    if schedule_version_published(forum=forum) is None:
        return None
    version = schedule_version_create(
        forum=forum, run=None, user=user, placements=live_placements(forum=forum), changed=changed
    )
    if notify:
        _notify(version, changed)
    return version
