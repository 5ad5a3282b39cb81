"""The viewer's own organisations in a forum, read once per request.

The scoping rules (core/tenancy_rules.py) ask for them many times while one request is
served; the answer is memoised on the user object, which lives as long as the request.
"""

from __future__ import annotations

from matchforum.accounts.models import User
from matchforum.forums.models import Forum
from matchforum.organisations.selectors import own_organisations

_MEMO = "_own_organisations"


def own_organisations_memo(user: User, forum: Forum) -> list[tuple[int, str]]:
    """(id, accreditation) of the user's organisations in the forum, memoised on the user
    object: the scoping rules of one request share one query."""
    memo = user.__dict__.setdefault(_MEMO, {})
    if forum.pk not in memo:
        memo[forum.pk] = own_organisations(user=user, forum=forum)
    return memo[forum.pk]


def own_organisations_remember(user: User, forum: Forum, seats: list) -> None:
    """Fill the memo from delegate seats (with their organisations) read anyway."""
    memo = user.__dict__.setdefault(_MEMO, {})
    memo[forum.pk] = [(seat.organisation_id, seat.organisation.accreditation) for seat in seats]


def own_organisation_ids(user: User, forum: Forum) -> list[int]:
    """Ids of the user's organisations in the forum (memoised on the user object)."""
    return [pk for pk, _accreditation in own_organisations_memo(user, forum)]
