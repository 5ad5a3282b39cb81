"""Approval gates every channel: the one rule for requests and meetings.

An organisation that is not approved (pending, rejected, or sent back with "needs
information") cannot send, accept, decline or withdraw a request, nor be the other
side of a new one. Its pending requests are frozen: they stay as they are, hidden from
the counterpart and never expired, and come back when it is approved again. Outside
the organisers' console nobody sees a request or meeting with it, its own delegates
included. Services call the checks below; the scoping rules (core/tenancy_rules.py),
the selectors and the periodic work use the filters, so web, API and tasks agree.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from matchforum.organisations.models import Accreditation, Organisation

APPROVED = Accreditation.APPROVED


def requests_between_approved() -> Q:
    """Meeting requests whose two organisations are both approved."""
    return Q(sender_organisation__accreditation=APPROVED) & Q(
        recipient_organisation__accreditation=APPROVED
    )


def meetings_between_approved() -> Q:
    """Meetings whose two organisations are both approved."""
    return Q(organisation_a__accreditation=APPROVED) & Q(organisation_b__accreditation=APPROVED)


def requests_of(organisation_ids: Iterable[int]) -> Q:
    """Requests sent or received by these organisations, with both sides approved."""
    ids = list(organisation_ids)
    return (
        Q(sender_organisation_id__in=ids) | Q(recipient_organisation_id__in=ids)
    ) & requests_between_approved()


def meetings_of(organisation_ids: Iterable[int]) -> Q:
    """Meetings of these organisations, with both sides approved."""
    ids = list(organisation_ids)
    return (
        Q(organisation_a_id__in=ids) | Q(organisation_b_id__in=ids)
    ) & meetings_between_approved()


def _approved_now(organisation: Organisation) -> bool:
    # Read from the database: the caller's row may predate a vetting decision.
    return Organisation.objects.filter(pk=organisation.pk, accreditation=APPROVED).exists()


def organisations_approved(*organisations: Organisation) -> bool:
    """Whether every one of these organisations is approved now (read from the database)."""
    ids = {organisation.pk for organisation in organisations}
    return Organisation.objects.filter(pk__in=ids, accreditation=APPROVED).count() == len(ids)


def organisation_may_act_check(*, organisation: Organisation) -> None:
    """Refuse any meeting action by an organisation that is not approved."""
    if not _approved_now(organisation):
        raise PermissionDenied(_("Your organisation is not approved yet."))


def counterpart_may_meet_check(*, organisation: Organisation) -> None:
    """Refuse a meeting action whose other side is not approved (its requests are frozen)."""
    if not _approved_now(organisation):
        raise PermissionDenied(
            _("This organisation is under review; its requests are frozen until it is approved.")
        )
