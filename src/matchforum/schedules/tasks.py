"""Background tasks of scheduling: they take ids, load objects and call a service."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from matchforum.meetings.models import Meeting

from .models import ScheduleVersion, SchedulingRun
from .services import scheduling_run_execute


@task()
def solve_scheduling_run(run_id: int) -> str:
    """Solve one queued run and store its result (never touches the live schedule)."""
    run = SchedulingRun.objects.get(pk=run_id)
    return scheduling_run_execute(run=run).status


@task()
def notify_schedule_published(version_id: int, changed_meeting_ids: list[int]) -> int:
    """E-mail the delegates whose meetings changed in a published version; returns the count.

    The hook a notifications app can take over; until then plain Django e-mails.
    """
    version = ScheduleVersion.objects.select_related("forum").get(pk=version_id)
    forum = version.forum
    meetings = (
        Meeting.objects.filter(pk__in=changed_meeting_ids)
        .select_related(
            "slot",
            "table",
            "delegate_a__user",
            "delegate_b__user",
            "organisation_a",
            "organisation_b",
        )
        .order_by("pk")
    )
    lines_by_email: dict[str, list[str]] = {}
    for meeting in meetings:
        for delegate, other in (
            (meeting.delegate_a, meeting.organisation_b),
            (meeting.delegate_b, meeting.organisation_a),
        ):
            if meeting.slot is None:
                where = _("not scheduled at the moment")
            else:
                local = timezone.localtime(meeting.slot.starts_at, _zone(forum.time_zone))
                place = (
                    _("table %(n)s") % {"n": meeting.table.number} if meeting.table else _("online")
                )
                where = f"{local:%a %d %b %H:%M}, {place}"
            lines_by_email.setdefault(delegate.user.email, []).append(f"- {other}: {where}")
    subject = _("%(forum)s: your meeting schedule changed (version %(n)s)") % {
        "forum": forum.name,
        "n": version.number,
    }
    messages = [
        (
            subject,
            _("These meetings of yours are new or moved:") + "\n" + "\n".join(lines) + "\n",
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
        for email, lines in sorted(lines_by_email.items())
    ]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
