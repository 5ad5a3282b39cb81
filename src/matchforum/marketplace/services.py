"""Writes of cooperation profiles (offers and needs) by an organisation's own delegates."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.core.enqueue import enqueue_on_commit
from matchforum.core.text_limits import text_within
from matchforum.forums import committee
from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.organisations.models import AccreditationDecision, Delegate, Organisation
from matchforum.recommendations.tasks import (
    recompute_forum_recommendations,
    recompute_organisation_recommendations,
)

from .models import PROFILE_FIELDS, Classification, CooperationProfile
from .visibility import rules_as_data, rules_clean

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


@transaction.atomic
def profile_review_classification(
    *, profile: CooperationProfile, reviewer: User, classification: str, reason: str = ""
) -> CooperationProfile:
    """The committee reviews an item's classification (keeps or changes it): only a member
    who may vet the owner organisation (its country team or the chair); recorded on the
    item and in the audit log with who, for which team, before, after and why."""
    organisation = profile.organisation
    if not committee.can_vet(reviewer, organisation):
        raise PermissionDenied(_("Only the committee team of its country decides this."))
    if classification not in Classification.values:
        raise ValidationError(_("Choose a classification."))
    # the same limit as a vetting decision's reason: refused whole, never cut
    reason = text_within(reason, model=AccreditationDecision, field="reason")
    profile = CooperationProfile.objects.select_for_update().get(pk=profile.pk)
    previous = profile.classification
    profile.classification = classification
    profile.classification_reviewed_by = reviewer
    profile.classification_reviewed_at = timezone.now()
    profile.save(
        update_fields=[
            "classification",
            "classification_reviewed_by",
            "classification_reviewed_at",
            "updated_at",
        ]
    )
    team = committee.user_team(reviewer, organisation)
    audit_record(
        action=AuditEntry.Action.CLASSIFICATION_REVIEWED,
        actor=reviewer,
        target=profile,
        organisation=organisation,
        actor_organisation=None,
        data={
            "previous": previous,
            "classification": classification,
            "team": str(team) if team else "",
            "reason": reason,
        },
    )
    if previous != classification:
        _after_change(organisation)
    return profile


@transaction.atomic
def forum_set_classification_rules(*, forum: Forum, actor: User, rules: object) -> Forum:
    """The chair sets who may see and request items per classification; checked whole
    (nothing is dropped) and audited. Holds at once: every channel reads the forum row;
    recommendations are recomputed in the background."""
    if not committee.can_manage_committee(actor, forum):
        raise PermissionDenied(_("Only the chair's organisers change the classification rules."))
    data = rules_as_data(rules_clean(rules))
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    previous = forum.classification_rules
    forum.classification_rules = data
    forum.save(update_fields=["classification_rules"])
    audit_record(
        action=AuditEntry.Action.CLASSIFICATION_RULES_CHANGED,
        actor=actor,
        actor_organisation=None,
        data={"previous": previous, "rules": data},
    )
    enqueue_on_commit(recompute_forum_recommendations, forum.pk)
    return forum
