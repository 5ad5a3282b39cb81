"""Computing recommendation snapshots (background only) and dismissing counterparts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum import matching
from matchforum.forums.models import Forum
from matchforum.organisations.models import Delegate, Organisation

from .mapping import forum_to_matcher, organisation_id_of, organisation_key
from .models import Dismissal, Recommendation

RECOMMENDATIONS_PER_ORGANISATION = 10


def _plain(value: object) -> object:
    """The explanation as plain JSON (numpy floats become floats)."""
    return json.loads(json.dumps(value, default=float))


def _index_for(forum: Forum) -> matching.MatchIndex | None:
    data = forum_to_matcher(forum)
    if len(data.organisations) < 2:
        return None
    return matching.MatchIndex.build(data, k=RECOMMENDATIONS_PER_ORGANISATION)


def _store(
    *, forum: Forum, index: matching.MatchIndex, keys: Iterable[str], now: dt.datetime
) -> int:
    rows = []
    for key in keys:
        for rec in index.recommend(key):
            explanation = matching.explain(index, key, rec.counterpart_id)
            rows.append(
                Recommendation(
                    forum=forum,
                    organisation_id=organisation_id_of(key),
                    counterpart_id=organisation_id_of(rec.counterpart_id),
                    rank=rec.rank,
                    score=rec.score,
                    score_ab=rec.score_ab,
                    score_ba=rec.score_ba,
                    explanation=_plain(explanation.to_dict()),
                    computed_at=now,
                )
            )
    Recommendation.objects.filter(
        forum=forum, organisation_id__in=[organisation_id_of(k) for k in keys]
    ).delete()
    Recommendation.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def recommendations_recompute_forum(*, forum: Forum, now: dt.datetime | None = None) -> int:
    """Recompute every organisation's list; organisations no longer eligible lose theirs."""
    now = now or timezone.now()
    index = _index_for(forum)
    if index is None:
        Recommendation.objects.filter(forum=forum).delete()
        return 0
    keys = [key for key in index.row if _live(index, key)]
    Recommendation.objects.filter(forum=forum).exclude(
        organisation_id__in=[organisation_id_of(k) for k in keys]
    ).delete()
    return _store(forum=forum, index=index, keys=keys, now=now)


@transaction.atomic
def recommendations_recompute_organisation(
    *, organisation: Organisation, now: dt.datetime | None = None
) -> int:
    """After one organisation's edit: its own list, and every list it enters or leaves."""
    now = now or timezone.now()
    forum = organisation.forum
    index = _index_for(forum)
    if index is None:
        Recommendation.objects.filter(forum=forum).delete()
        return 0
    key = organisation_key(organisation.pk)
    affected = {key} if key in index.row and _live(index, key) else set()
    listed_before = Recommendation.objects.filter(forum=forum, counterpart=organisation)
    affected |= {
        organisation_key(pk) for pk in listed_before.values_list("organisation_id", flat=True)
    }
    for other in index.row:
        if (
            other != key
            and _live(index, other)
            and any(rec.counterpart_id == key for rec in index.recommend(other))
        ):
            affected.add(other)
    affected = {k for k in affected if k in index.row and _live(index, k)}
    if key not in affected:
        Recommendation.objects.filter(organisation=organisation).delete()
    return _store(forum=forum, index=index, keys=sorted(affected), now=now)


def _live(index: matching.MatchIndex, key: str) -> bool:
    return index.orgs[index.row[key]] is not None


@transaction.atomic
def dismissal_create(*, delegate: Delegate, counterpart: Organisation) -> Dismissal:
    """ "Not interested": remembered, the recommendation disappears at once."""
    organisation = delegate.organisation
    if counterpart.pk == organisation.pk:
        raise ValidationError(_("You cannot dismiss your own organisation."))
    if counterpart.forum_id != organisation.forum_id:
        raise PermissionDenied(_("That organisation is not part of your forum."))
    dismissal, _created = Dismissal.objects.get_or_create(
        organisation=organisation, counterpart=counterpart, defaults={"dismissed_by": delegate}
    )
    Recommendation.objects.filter(organisation=organisation, counterpart=counterpart).delete()
    return dismissal


def dismissal_undo(*, delegate: Delegate, counterpart: Organisation) -> None:
    Dismissal.objects.filter(organisation=delegate.organisation, counterpart=counterpart).delete()
