"""Reads of organisations, always through the viewer's visibility.

The rule (enforced here, on the server): a delegate of an organisation that is not
approved sees only their own organisation; approved delegates see approved,
listed organisations and their own; a member of the organising committee also sees the
organisations of their team (the chair: all; forums/committee.py).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from matchforum.accounts.models import User
from matchforum.core.compiled_queries import CompiledQuery
from matchforum.forums import committee
from matchforum.forums.models import Forum

from .models import Accreditation, Delegate, Organisation, Visibility
from .names import name_key


def _delegate_seats(*, user: User, forum: Forum) -> QuerySet[Delegate]:
    return (
        Delegate.objects.filter(user=user, organisation__forum=forum)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def delegate_for_user(*, user: User, forum: Forum) -> Delegate | None:
    if not user.is_authenticated:
        return None
    return _delegate_seats(user=user, forum=forum).first()


# Read on every API request (api/context.py): compiled once per connection.
_SEATS = CompiledQuery(
    lambda user_id, forum_id: (
        Delegate.objects.filter(user_id=user_id, organisation__forum_id=forum_id)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    ),
    user_id=-7_000_001,
    forum_id=-7_000_002,
)


def delegate_seats(*, user: User, forum: Forum) -> list[Delegate]:
    """Every delegate seat of the user in the forum, each with its organisation; the first
    is the one `delegate_for_user` returns."""
    if not user.is_authenticated:
        return []
    return _SEATS.objects(user_id=user.pk, forum_id=forum.pk)


def own_organisations(*, user: User, forum: Forum) -> list[tuple[int, str]]:
    """(id, accreditation) of each organisation of the forum the user is a delegate of."""
    return list(
        Organisation.objects.filter(forum=forum, delegates__user=user)
        .order_by()
        .values_list("pk", "accreditation")
    )


def organisations_visible_to(
    *, user: User, forum: Forum, own: list[tuple[int, str]] | None = None
) -> QuerySet[Organisation]:
    """Every organisation of the forum that this user may see.

    `own` is `own_organisations(user=, forum=)` when the caller has it already (tenant
    scoping remembers it for the request); otherwise it is read here.
    """
    base = Organisation.objects.filter(forum=forum)
    if not user.is_authenticated:
        return base.none()
    if own is None:
        own = own_organisations(user=user, forum=forum)
    own_ids = [pk for pk, _accreditation in own]
    if user.can_vet:
        # A committee member: their team's organisations, and the public directory.
        team = committee.private_organisations(user, forum).values("pk")
        return base.filter(
            Q(pk__in=own_ids)
            | Q(pk__in=team)
            | Q(accreditation=Accreditation.APPROVED, visibility=Visibility.LISTED)
        )
    if not any(accreditation == Accreditation.APPROVED for _pk, accreditation in own):
        return base.filter(pk__in=own_ids)
    # No join here (own_ids is a list), so no duplicates: no DISTINCT, which made every
    # paginated count compare whole rows, descriptions included.
    return base.filter(
        Q(pk__in=own_ids) | Q(accreditation=Accreditation.APPROVED, visibility=Visibility.LISTED)
    )


def organisation_is_public(*, organisation: Organisation) -> bool:
    """Approved and listed: seen by every approved delegate (the rule above, in Python)."""
    return (
        organisation.accreditation == Accreditation.APPROVED
        and organisation.visibility == Visibility.LISTED
    )


def organisations_pending_review(*, forum: Forum) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        forum=forum,
        accreditation__in=[Accreditation.PENDING, Accreditation.NEEDS_INFORMATION],
    ).order_by("created_at", "pk")


def organisation_name_clash(
    *, forum: Forum, name: str, exclude_pk: int | None = None
) -> Organisation | None:
    """An organisation of the forum whose name looks like `name` (organisations/names.py)."""
    key = name_key(name)
    others = Organisation.objects.filter(forum=forum).exclude(pk=exclude_pk)
    for pk, other_name in others.values_list("pk", "name").iterator():
        if name_key(other_name) == key:
            return Organisation.objects.get(pk=pk)
    return None


def name_clash_message(*, existing: str, name: str) -> str:
    """What a person is told when `name` clashes with the `existing` organisation's name."""
    if existing.casefold() == name.casefold():
        return _("An organisation of this name is already registered.")
    return _(
        "This name looks the same as an organisation already registered; "
        "choose a name that reads differently."
    )
