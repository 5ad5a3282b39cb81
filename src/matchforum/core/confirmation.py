"""Confirmation tokens for irreversible actions (publish a schedule, bulk vetting decisions).

The first request of such an action only shows what will happen; the page it renders
carries a signed token bound to the user, the action and exactly what was shown (the run,
the organisations, the decision). The action runs only when a request brings a token that
matches all three, so a stray click, a replayed form for other rows, or a hand-made POST
without the confirmation step does nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core import signing

SALT = "matchforum.core.confirmation"
MAX_AGE = 60 * 60  # seconds a confirmation page stays valid
FIELD = "confirmation"  # the form field that carries the token


def _payload(*, user_id: int, action: str, subject: Iterable[object]) -> list[str]:
    return [str(user_id), action, *(str(part) for part in subject)]


def confirmation_token(*, user_id: int, action: str, subject: Iterable[object]) -> str:
    """The token a confirmation page puts in its form."""
    return signing.dumps(_payload(user_id=user_id, action=action, subject=subject), salt=SALT)


def confirmation_matches(
    token: str | None, *, user_id: int, action: str, subject: Iterable[object]
) -> bool:
    """Whether `token` confirms this very action by this user on this subject, in time."""
    if not token:
        return False
    try:
        signed = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return False
    return signed == _payload(user_id=user_id, action=action, subject=subject)
