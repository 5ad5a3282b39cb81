"""Reads of training programmes, through the viewer's view of organisations."""

from __future__ import annotations

from django.db.models import QuerySet, Sum

from matchforum.accounts.models import User
from matchforum.core.tenancy import scoped
from matchforum.forums.models import Forum
from matchforum.organisations.models import Accreditation, Delegate, Organisation

from .models import EnrolmentStatus, TrainingProgramme, TrainingRequest


def programmes_visible_to(*, user: User, forum: Forum) -> QuerySet[TrainingProgramme]:
    """Programmes of approved organisations the user may see, published, plus the user's own."""
    visible = scoped(Organisation, user=user, forum=forum)
    return (
        TrainingProgramme.objects.filter(profile__organisation__in=visible)
        .filter(
            profile__is_active=True, profile__organisation__accreditation=Accreditation.APPROVED
        )
        .select_related("profile__organisation")
    )


def programme_get_visible(*, user: User, forum: Forum, pk: int) -> TrainingProgramme | None:
    own = TrainingProgramme.objects.filter(
        pk=pk, profile__organisation__forum=forum, profile__organisation__delegates__user=user
    )
    if user.is_authenticated and own.exists():
        return own.select_related("profile__organisation").first()
    return programmes_visible_to(user=user, forum=forum).filter(pk=pk).first()


def programme_places_taken(*, programme: TrainingProgramme) -> int:
    accepted = programme.requests.filter(status=EnrolmentStatus.ACCEPTED)
    return accepted.aggregate(total=Sum("participants"))["total"] or 0


def provider_delegate(*, user: User, programme: TrainingProgramme) -> Delegate | None:
    """The user's delegate row of the providing organisation, if any."""
    if not user.is_authenticated:
        return None
    return Delegate.objects.filter(user=user, organisation=programme.profile.organisation).first()


def requester_delegate(*, user: User, programme: TrainingProgramme) -> Delegate | None:
    """The user's delegate row that may ask to join: an approved organisation, not the provider."""
    if not user.is_authenticated:
        return None
    return (
        Delegate.objects.filter(
            user=user,
            organisation__forum=programme.profile.organisation.forum,
            organisation__accreditation=Accreditation.APPROVED,
        )
        .exclude(organisation=programme.profile.organisation)
        .select_related("organisation")
        .first()
    )


def programme_requests(*, programme: TrainingProgramme) -> QuerySet[TrainingRequest]:
    return programme.requests.select_related("delegate__user", "organisation")


def requests_of_delegate(
    *, delegate: Delegate, programme: TrainingProgramme
) -> QuerySet[TrainingRequest]:
    return programme.requests.filter(delegate=delegate)
