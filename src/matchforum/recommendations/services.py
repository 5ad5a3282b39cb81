"""Computing recommendation snapshots (background only) and dismissing counterparts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from matchforum import matching
from matchforum.forums.models import Forum
from matchforum.matching.embedding import E5Embedder, EmbeddingModelError
from matchforum.matching.engine import build_product
from matchforum.organisations.models import Delegate, Organisation

from .mapping import forum_to_matcher, organisation_id_of, organisation_key
from .models import Dismissal, MatchingStatus, Recommendation
from .vectors import DatabaseVectorStore

RECOMMENDATIONS_PER_ORGANISATION = 10
PROGRESS_EVERY = 16  # texts between two progress writes


def _plain(value: object) -> object:
    """The explanation as plain JSON (numpy floats become floats)."""
    return json.loads(json.dumps(value, default=float))


def matching_status_set(*, forum: Forum, state: str, **fields: object) -> MatchingStatus:
    """Record where a forum's recommendation run stands (its own short transaction)."""
    status, _created = MatchingStatus.objects.update_or_create(
        forum=forum, defaults={"state": state, **fields}
    )
    return status


# The last index each worker process built, by forum: an edit that changed nothing else
# updates it in place (only that organisation's texts are embedded and its row and column
# rescored) instead of rebuilding the forum. Compared with the database on every use, so it
# can never serve a state that is not the current one.
_INDEXES: dict[int, matching.MatchIndex] = {}


def _updated_in_place(
    *, index: matching.MatchIndex, data: matching.Forum, key: str
) -> matching.MatchIndex | None:
    """The cached index with only organisation ``key`` replaced, or None if more changed."""
    new_orgs = {o.id: o for o in data.organisations}
    old_orgs = {o.id: o for o in index.orgs if o is not None}
    if set(new_orgs) - {key} != set(old_orgs) - {key}:
        return None
    by_org = data.profiles_by_org()
    for oid, org in new_orgs.items():
        if oid != key and (old_orgs[oid] != org or index.profiles.get(oid) != by_org.get(oid, [])):
            return None
    old, new = index.exclusions, data.exclusions
    kinds = ("requested", "declined", "not_interested")
    if any(not getattr(old, kind) <= getattr(new, kind) for kind in kinds):
        return None  # an exclusion was lifted: rebuild
    for kind in kinds:
        for a, b in getattr(new, kind) - getattr(old, kind):
            index.add_exclusion(kind, a, b)
    if key in new_orgs:
        index.upsert_org(new_orgs[key], by_org.get(key, []))
    elif key in old_orgs:
        index.remove_org(key)
    return index


def _index_for(forum: Forum, changed: str | None = None) -> matching.MatchIndex | None:
    """The product engine over the forum, embedding through the database cache.

    With ``changed`` (an organisation key) the worker's cached index is updated in place when
    nothing else changed. Raises :class:`EmbeddingModelError` (the caller keeps the previous
    lists) when the model cannot run; progress is written as texts are embedded.
    """
    data = forum_to_matcher(forum)
    if len(data.organisations) < 2:
        _INDEXES.pop(forum.pk, None)
        return None
    cached = _INDEXES.get(forum.pk)
    if changed is not None and cached is not None:
        updated = _updated_in_place(index=cached, data=data, key=changed)
        if updated is not None:
            return updated

    def progress(done: int, total: int) -> None:
        if done == total or done % PROGRESS_EVERY == 0:
            matching_status_set(
                forum=forum,
                state=MatchingStatus.State.EMBEDDING,
                texts_done=done,
                texts_total=total,
                message="",
            )

    index = build_product(
        data,
        store=DatabaseVectorStore(),
        progress=progress,
        embedder=E5Embedder(model_path=settings.EMBEDDING_MODEL_PATH or None),
        processes=settings.EMBEDDING_PROCESSES,
        k=RECOMMENDATIONS_PER_ORGANISATION,
    )
    matching_status_set(forum=forum, state=MatchingStatus.State.SCORING)
    _INDEXES[forum.pk] = index
    return index


def _index_or_failure(
    forum: Forum, changed: str | None = None
) -> tuple[matching.MatchIndex | None, bool]:
    """(index, failed): a model failure is recorded and leaves the stored lists alone."""
    try:
        return _index_for(forum, changed), False
    except EmbeddingModelError as exc:
        _INDEXES.pop(forum.pk, None)
        matching_status_set(forum=forum, state=MatchingStatus.State.FAILED, message=str(exc)[:500])
        return None, True


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


def recommendations_recompute_forum(*, forum: Forum, now: dt.datetime | None = None) -> int:
    """Recompute every organisation's list; organisations no longer eligible lose theirs.

    Embedding (slow, resumable: every vector is saved as it is made) runs outside the
    transaction that replaces the lists, so a failure leaves the previous lists in place.
    """
    now = now or timezone.now()
    index, failed = _index_or_failure(forum)
    if failed:
        return 0
    with transaction.atomic():
        if index is None:
            Recommendation.objects.filter(forum=forum).delete()
            stored = 0
        else:
            keys = [key for key in index.row if _live(index, key)]
            Recommendation.objects.filter(forum=forum).exclude(
                organisation_id__in=[organisation_id_of(k) for k in keys]
            ).delete()
            stored = _store(forum=forum, index=index, keys=keys, now=now)
    matching_status_set(forum=forum, state=MatchingStatus.State.READY, message="")
    return stored


def recommendations_recompute_organisation(
    *, organisation: Organisation, now: dt.datetime | None = None
) -> int:
    """After one organisation's edit: its own list, and every list it enters or leaves.

    Only the texts that changed are embedded (the others come from the cache).
    """
    now = now or timezone.now()
    forum = organisation.forum
    index, failed = _index_or_failure(forum, changed=organisation_key(organisation.pk))
    if failed:
        return 0
    with transaction.atomic():
        stored = _recompute_affected(organisation=organisation, index=index, now=now)
    matching_status_set(forum=forum, state=MatchingStatus.State.READY, message="")
    return stored


def _recompute_affected(
    *, organisation: Organisation, index: matching.MatchIndex | None, now: dt.datetime
) -> int:
    forum = organisation.forum
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
