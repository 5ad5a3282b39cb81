"""Writes of cooperation profiles (offers and needs) by an organisation's own delegates."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from matchforum.core.enqueue import enqueue_on_commit
from matchforum.forums.models import CapabilityTrack
from matchforum.organisations.models import Delegate, Organisation
from matchforum.recommendations.tasks import recompute_organisation_recommendations

from .models import PROFILE_FIELDS, CooperationProfile

_SCALAR_FIELDS = frozenset(PROFILE_FIELDS) - {"tracks"}


def _check_editor(editor: Delegate, organisation: Organisation) -> None:
    if editor.organisation_id != organisation.pk:
        raise PermissionDenied(
            _("Only the organisation's own delegates edit its offers and needs.")
        )


def _after_change(organisation: Organisation) -> None:
    """Recommendations follow profile edits: recomputed in the background, never here."""
    if organisation.is_approved:
        enqueue_on_commit(recompute_organisation_recommendations, organisation.pk)


def _apply(profile: CooperationProfile, fields: dict[str, object]) -> None:
    unknown = set(fields) - _SCALAR_FIELDS
    if unknown:
        raise ValidationError(f"Unknown profile fields: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    if (
        profile.ticket_min_eur is not None
        and profile.ticket_max_eur is not None
        and profile.ticket_max_eur < profile.ticket_min_eur
    ):
        raise ValidationError(
            {"ticket_max_eur": _("The upper ticket size is below the lower one.")}
        )


@transaction.atomic
def profile_create(
    *,
    organisation: Organisation,
    editor: Delegate,
    tracks: Iterable[CapabilityTrack] = (),
    **fields: object,
) -> CooperationProfile:
    _check_editor(editor, organisation)
    profile = CooperationProfile(organisation=organisation)
    _apply(profile, fields)
    profile.save()
    profile.tracks.set(tracks)
    _after_change(organisation)
    return profile


@transaction.atomic
def profile_update(
    *,
    profile: CooperationProfile,
    editor: Delegate,
    tracks: Iterable[CapabilityTrack] | None = None,
    **fields: object,
) -> CooperationProfile:
    _check_editor(editor, profile.organisation)
    _apply(profile, fields)
    profile.save()
    if tracks is not None:
        profile.tracks.set(tracks)
    _after_change(profile.organisation)
    return profile


@transaction.atomic
def profile_delete(*, profile: CooperationProfile, editor: Delegate) -> None:
    _check_editor(editor, profile.organisation)
    organisation = profile.organisation
    profile.delete()
    _after_change(organisation)
