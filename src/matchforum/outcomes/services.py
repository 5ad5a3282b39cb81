"""Writes of outcomes: a side records what came of a meeting; surveys go out and come back."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum.core.links import site_url
from matchforum.core.text_limits import text_within
from matchforum.forums.models import Forum
from matchforum.meetings.models import Meeting, MeetingStatus
from matchforum.notifications.mail import MessageBuilder
from matchforum.notifications.models import NotificationKind
from matchforum.notifications.services import notification_send
from matchforum.organisations.models import Delegate

from .models import FollowUpSurvey, MeetingOutcome, OutcomeKind

SURVEY_MONTHS = (3, 6)


def _side_of(meeting: Meeting, delegate: Delegate) -> int:
    if delegate.organisation_id not in (meeting.organisation_a_id, meeting.organisation_b_id):
        raise PermissionDenied(_("Only the two sides of a meeting record its outcome."))
    return delegate.organisation_id


@transaction.atomic
def meeting_outcome_record(
    *, meeting: Meeting, delegate: Delegate, outcome: str, rating: int, note: str = ""
) -> MeetingOutcome:
    """Record (or correct) one side's outcome of a held meeting."""
    organisation_id = _side_of(meeting, delegate)
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.SCHEDULED):
        raise ValidationError(_("Only a meeting that took place has an outcome."))
    if outcome not in OutcomeKind.values:
        raise ValidationError({"outcome": _("Choose one of the outcomes.")})
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("The rating is from 1 to 5.")})
    record, _created = MeetingOutcome.objects.update_or_create(
        meeting=meeting,
        organisation_id=organisation_id,
        defaults={
            "recorded_by": delegate,
            "outcome": outcome,
            "rating": int(rating),
            "note": text_within(note, model=MeetingOutcome, field="note"),
            "recorded_at": timezone.now(),
        },
    )
    return record


def surveys_due(*, forum: Forum, months: int, now: dt.datetime | None = None) -> bool:
    """Whether the survey `months` after the forum is due."""
    now = now or timezone.now()
    end = dt.datetime.combine(forum.ends_on, dt.time(0), tzinfo=dt.UTC)
    due = end + dt.timedelta(days=round(30.44 * months))
    return now >= due


@transaction.atomic
def follow_up_surveys_create(
    *, forum: Forum, months: int, now: dt.datetime | None = None
) -> list[FollowUpSurvey]:
    """Create the survey of each side of each held meeting (once per meeting, side, months)."""
    if months not in SURVEY_MONTHS:
        raise ValidationError(f"A follow-up survey is sent after {SURVEY_MONTHS} months.")
    created = []
    held = Meeting.objects.filter(forum=forum, status=MeetingStatus.HELD)
    for meeting in held:
        for organisation_id, delegate_id in (
            (meeting.organisation_a_id, meeting.delegate_a_id),
            (meeting.organisation_b_id, meeting.delegate_b_id),
        ):
            survey, was_created = FollowUpSurvey.objects.get_or_create(
                meeting=meeting,
                organisation_id=organisation_id,
                months_after=months,
                defaults={"delegate_id": delegate_id, "token": secrets.token_urlsafe(32)},
            )
            if was_created:
                created.append(survey)
    return created


def _survey_message(*, forum: Forum, other: object, months: int, link: str) -> MessageBuilder:
    def build() -> tuple[str, str]:
        return (
            _("%(forum)s: what came of your meeting with %(other)s?")
            % {"forum": forum.name, "other": other},
            _("%(months)s months ago you met %(other)s. Tell us what came of it: %(link)s")
            % {"months": months, "other": other, "link": link},
        )

    return build


def follow_up_surveys_send(*, forum: Forum, months: int, now: dt.datetime | None = None) -> int:
    """Create the due surveys and tell every delegate whose survey is not sent yet, in their
    language; returns how many were sent. Runs in the background (a daily command), so
    each survey is delivered at once and marked sent."""
    now = now or timezone.now()
    if not surveys_due(forum=forum, months=months, now=now):
        return 0
    follow_up_surveys_create(forum=forum, months=months, now=now)
    pending = FollowUpSurvey.objects.filter(
        meeting__forum=forum, months_after=months, sent_at__isnull=True
    ).select_related("delegate__user", "meeting__organisation_a", "meeting__organisation_b")
    sent = 0
    for survey in pending:
        meeting = survey.meeting
        other = (
            meeting.organisation_b
            if survey.organisation_id == meeting.organisation_a_id
            else meeting.organisation_a
        )
        link = site_url(reverse("outcomes:survey", args=[survey.token]))
        told = notification_send(
            user=survey.delegate.user,
            kind=NotificationKind.FOLLOW_UP_SURVEY,
            dedupe_key=f"survey:{survey.pk}",
            build=_survey_message(forum=forum, other=other, months=months, link=link),
            at_once=True,
            now=now,
        )
        FollowUpSurvey.objects.filter(pk=survey.pk).update(sent_at=now)
        if told is not None:
            sent += 1
    return sent


def follow_up_survey_answer(*, survey: FollowUpSurvey, outcome: str, note: str = "") -> None:
    if outcome not in OutcomeKind.values:
        raise ValidationError({"outcome": _("Choose one of the outcomes.")})
    survey.outcome = outcome
    survey.note = text_within(note, model=FollowUpSurvey, field="note")
    survey.answered_at = timezone.now()
    survey.save(update_fields=["outcome", "note", "answered_at"])


def follow_up_survey_links_revoke(*, delegate: Delegate) -> int:
    """Make every survey link sent to this delegate stop working (a fresh, unsent secret).

    The answers already given stay; returns how many links were revoked.
    """
    surveys = list(FollowUpSurvey.objects.filter(delegate=delegate))
    for survey in surveys:
        survey.token = secrets.token_urlsafe(32)
    FollowUpSurvey.objects.bulk_update(surveys, ["token"])
    return len(surveys)
