"""Badge tokens: issue, renew (revokes the printed one), verify, and check in by scan.

A token is `django.core.signing.Signer.sign_object` of [forum id, delegate id, secret]: the
signature refuses a forged or damaged code without a query, the forum id refuses another
forum's badge, and the random per-delegate secret refuses a badge once an organiser has
issued a new one.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.audit.models import AuditEntry
from matchforum.audit.services import audit_record
from matchforum.core.enqueue import enqueue_on_commit
from matchforum.core.permissions import require_organiser
from matchforum.forums.models import Forum
from matchforum.organisations.models import Delegate
from matchforum.organisations.services import delegate_check_in

from .models import BadgeBatch, BadgeBatchState, BadgeKey
from .tasks import make_badge_batch

logger = logging.getLogger(__name__)

# A namespace for the signature (SECRET_KEY is the secret), not a password.
TOKEN_SALT = "matchforum.badges.token"  # noqa: S105  # nosec B105
# A real token is about 100 characters; anything far longer is not worth decoding.
TOKEN_MAX_LENGTH = 400


@dataclass(frozen=True)
class BadgeScan:
    """The delegate a scan found; `already` when they had been checked in before it."""

    delegate: Delegate
    already: bool


def _new_secret() -> str:
    return secrets.token_urlsafe(16)


def badge_keys_ensure(*, delegates: Iterable[Delegate]) -> dict[int, BadgeKey]:
    """Each delegate's badge key by delegate id, issuing the missing ones in one insert."""
    delegates = list(delegates)
    keys = {k.delegate_id: k for k in BadgeKey.objects.filter(delegate__in=delegates)}
    now = timezone.now()
    missing = [
        BadgeKey(delegate=d, secret=_new_secret(), issued_at=now)
        for d in delegates
        if d.pk not in keys
    ]
    if missing:
        BadgeKey.objects.bulk_create(missing, ignore_conflicts=True)
        keys = {k.delegate_id: k for k in BadgeKey.objects.filter(delegate__in=delegates)}
    return keys


def badge_token(*, delegate: Delegate, key: BadgeKey | None = None) -> str:
    """What the delegate's badge QR code holds (issues the key on first use)."""
    key = key or badge_keys_ensure(delegates=[delegate])[delegate.pk]
    payload = [delegate.organisation.forum_id, delegate.pk, key.secret]
    return signing.Signer(salt=TOKEN_SALT).sign_object(payload)


@transaction.atomic
def badge_renew(*, delegate: Delegate, user: User) -> BadgeKey:
    """A new secret for a lost or misused badge: every badge printed before stops working.
    The audit log says who replaced whose badge (not the secret)."""
    require_organiser(user)
    key, _created = BadgeKey.objects.update_or_create(
        delegate=delegate, defaults={"secret": _new_secret(), "issued_at": timezone.now()}
    )
    audit_record(action=AuditEntry.Action.BADGE_RENEWED, actor=user, target=delegate)
    return key


def badge_verify(*, forum: Forum, token: str) -> Delegate:
    """The delegate a scanned token names at this forum, or a ValidationError saying why not."""
    token = (token or "").strip()
    if not token:
        raise ValidationError(_("No badge code was read."), code="empty")
    try:
        if len(token) > TOKEN_MAX_LENGTH:
            raise signing.BadSignature
        forum_id, delegate_id, secret = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
        forum_id, delegate_id, secret = int(forum_id), int(delegate_id), str(secret)
    except (signing.BadSignature, TypeError, ValueError):
        raise ValidationError(
            _("This code is not a badge of this system: it is forged or damaged."),
            code="forged",
        ) from None
    if forum_id != forum.pk:
        raise ValidationError(_("This badge belongs to another forum."), code="other_forum")
    key = (
        BadgeKey.objects.select_related("delegate__user", "delegate__organisation")
        .filter(delegate_id=delegate_id, delegate__organisation__forum=forum)
        .first()
    )
    if key is None or not constant_time_compare(key.secret, secret):
        raise ValidationError(
            _("This badge has been replaced by a newer one and no longer works."),
            code="revoked",
        )
    if not key.delegate.user.is_active:
        raise ValidationError(_("This delegate's account is closed."), code="inactive")
    return key.delegate


def badge_check_in(*, forum: Forum, token: str, user: User) -> BadgeScan:
    """Check the badge's delegate in through the desk's own check-in; a second scan of the
    same badge changes nothing and says when they arrived."""
    require_organiser(user)
    found = badge_verify(forum=forum, token=token)
    with transaction.atomic():
        # Locked, so two desks scanning the same badge at once record one arrival.
        delegate = (
            Delegate.objects.select_for_update(of=("self",))
            .select_related("user", "organisation")
            .get(pk=found.pk)
        )
        if delegate.checked_in_at is not None:
            return BadgeScan(delegate=delegate, already=True)
        delegate_check_in(delegate=delegate, user=user)
    return BadgeScan(delegate=delegate, already=False)


# Between two progress writes of a background batch, in badges.
BATCH_PROGRESS_EVERY = 20


def badge_batch_start(*, forum: Forum, user: User) -> BadgeBatch:
    """Queue the PDF of all badges of the forum for the worker; older batches (and their
    PDFs, which hold every badge token) are deleted."""
    require_organiser(user)
    BadgeBatch.objects.filter(forum=forum).delete()
    batch = BadgeBatch.objects.create(forum=forum)
    enqueue_on_commit(make_badge_batch, batch.pk)
    return batch


def badge_batch_run(*, batch: BadgeBatch) -> BadgeBatch:
    """Make the batch's PDF, writing its progress, then the PDF or the error."""
    # printing imports this module (tokens and keys); imported here, not at the top.
    from .printing import badges_pdf
    from .selectors import badge_delegates

    BadgeBatch.objects.filter(pk=batch.pk).update(state=BadgeBatchState.RUNNING)

    def progress(done: int, total: int) -> None:
        if done == total or done % BATCH_PROGRESS_EVERY == 0:
            BadgeBatch.objects.filter(pk=batch.pk).update(badges_done=done, badges_total=total)

    delegates = badge_delegates(forum=batch.forum)
    BadgeBatch.objects.filter(pk=batch.pk).update(badges_total=len(delegates))
    try:
        batch.pdf = badges_pdf(delegates=delegates, on_progress=progress)
    except Exception as error:  # the page shows why instead of polling for ever
        batch.state = BadgeBatchState.FAILED
        batch.error = str(error)[:2000]
        logger.exception("badge batch %s failed", batch.pk)
    else:
        batch.state = BadgeBatchState.DONE
    batch.refresh_from_db(fields=["badges_done", "badges_total"])
    batch.finished_at = timezone.now()
    batch.save(update_fields=["state", "error", "pdf", "finished_at"])
    return batch
