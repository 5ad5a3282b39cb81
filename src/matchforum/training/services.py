"""Writes of training programmes: describing them, asking to join, deciding; capacity holds."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from matchforum.accounts.models import User
from matchforum.core.enqueue import enqueue_on_commit
from matchforum.core.text_limits import text_within
from matchforum.marketplace.models import CooperationProfile, ProfileKind
from matchforum.notifications.mail import templates_message
from matchforum.notifications.models import NotificationKind
from matchforum.notifications.services import notification_send

from .models import EnrolmentStatus, TrainingProgramme, TrainingRequest
from .selectors import programme_places_taken, provider_delegate, requester_delegate
from .tasks import notify_training_decision, notify_training_request


def training_programme_save(
    *,
    user: User,
    profile: CooperationProfile,
    starts_on: dt.date,
    ends_on: dt.date,
    location: str,
    capacity: int,
    language: str,
    eligibility: str = "",
) -> TrainingProgramme:
    """Describe (or update) the programme behind a training offer of the user's organisation."""
    if not profile.organisation.delegates.filter(user=user).exists():
        raise PermissionDenied("Only the providing organisation describes its programme.")
    if profile.kind != ProfileKind.TRAINING or profile.side != "offer":
        raise ValidationError({"profile": _("Choose a training offer.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day is before the first day.")})
    programme = TrainingProgramme.objects.filter(profile=profile).first() or TrainingProgramme(
        profile=profile
    )
    if programme.pk and capacity < programme_places_taken(programme=programme):
        raise ValidationError(
            {"capacity": _("More people are accepted already than this capacity.")}
        )
    programme.starts_on, programme.ends_on = starts_on, ends_on
    programme.location, programme.capacity = location.strip(), capacity
    programme.language, programme.eligibility = language, eligibility.strip()
    programme.full_clean()
    programme.save()
    return programme


def training_request_send(
    *, user: User, programme: TrainingProgramme, participants: int = 1, message: str = ""
) -> TrainingRequest:
    """A delegate of an approved organisation asks to join; one open request at a time."""
    delegate = requester_delegate(user=user, programme=programme)
    if delegate is None:
        raise PermissionDenied("Only delegates of approved organisations ask to join.")
    if participants < 1:
        raise ValidationError({"participants": _("At least one person.")})
    message = text_within(message, model=TrainingRequest, field="message")
    if programme.requests.filter(delegate=delegate).exclude(status="declined").exists():
        raise ValidationError(_("You have asked to join this programme already."))
    free = programme.capacity - programme_places_taken(programme=programme)
    if participants > free:
        raise ValidationError(
            {
                "participants": ngettext(
                    "Only %(free)d place is left.", "Only %(free)d places are left.", max(free, 0)
                )
                % {"free": max(free, 0)}
            }
        )
    training_request = TrainingRequest.objects.create(
        programme=programme,
        delegate=delegate,
        organisation=delegate.organisation,
        participants=participants,
        message=message,
    )
    enqueue_on_commit(notify_training_request, training_request.pk)
    return training_request


@transaction.atomic
def training_request_decide(
    *, user: User, training_request: TrainingRequest, accept: bool
) -> TrainingRequest:
    """The provider accepts (within capacity) or declines a pending request."""
    programme = TrainingProgramme.objects.select_for_update().get(pk=training_request.programme_id)
    decider = provider_delegate(user=user, programme=programme)
    if decider is None:
        raise PermissionDenied("Only the providing organisation decides.")
    training_request = TrainingRequest.objects.select_for_update().get(pk=training_request.pk)
    if training_request.status != EnrolmentStatus.PENDING:
        raise ValidationError(_("This request has been answered already."))
    if accept:
        free = programme.capacity - programme_places_taken(programme=programme)
        if training_request.participants > free:
            raise ValidationError(_("Not enough places are left to accept this request."))
    training_request.status = EnrolmentStatus.ACCEPTED if accept else EnrolmentStatus.DECLINED
    training_request.decided_by = decider
    training_request.decided_at = timezone.now()
    training_request.save(update_fields=["status", "decided_by", "decided_at"])
    enqueue_on_commit(notify_training_decision, training_request.pk)
    return training_request


def training_decision_notify(*, training_request: TrainingRequest) -> None:
    """Tell the requesting delegate the provider's answer, in their language."""
    user = training_request.delegate.user
    notification_send(
        user=user,
        kind=NotificationKind.TRAINING_DECISION,
        dedupe_key=f"training-request:{training_request.pk}:{training_request.status}",
        build=templates_message(
            recipient=user,
            subject_template="training/email/decision_subject.txt",
            body_template="training/email/decision_body.txt",
            context={"training_request": training_request, "programme": training_request.programme},
        ),
    )


def training_request_notify_provider(*, training_request: TrainingRequest) -> list[str]:
    """Tell the provider's contact delegates (or all its delegates) about a new request."""
    organisation = training_request.programme.profile.organisation
    delegates = organisation.delegates.select_related("user").filter(user__is_active=True)
    recipients = [d.user for d in delegates if d.is_contact] or [d.user for d in delegates]
    for user in recipients:
        notification_send(
            user=user,
            kind=NotificationKind.TRAINING_REQUEST,
            dedupe_key=f"training-request:{training_request.pk}:received",
            build=templates_message(
                recipient=user,
                subject_template="training/email/request_subject.txt",
                body_template="training/email/request_body.txt",
                context={
                    "training_request": training_request,
                    "programme": training_request.programme,
                },
            ),
        )
    return [user.email for user in recipients]
