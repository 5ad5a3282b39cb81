from __future__ import annotations

from django.db.models import QuerySet

from matchforum.organisations.models import Accreditation, Organisation, Visibility

from .models import Dismissal, Recommendation


def recommendations_for(*, organisation: Organisation) -> QuerySet[Recommendation]:
    """The organisation's list, without dismissed or no-longer-visible counterparts."""
    dismissed = Dismissal.objects.filter(organisation=organisation).values("counterpart_id")
    return (
        Recommendation.objects.filter(
            organisation=organisation,
            counterpart__accreditation=Accreditation.APPROVED,
            counterpart__visibility=Visibility.LISTED,
        )
        .exclude(counterpart_id__in=dismissed)
        .select_related("counterpart")
        .prefetch_related("counterpart__tracks")
        .order_by("rank")
    )


def dismissed_by(*, organisation: Organisation) -> QuerySet[Dismissal]:
    return Dismissal.objects.filter(
        organisation=organisation, counterpart__accreditation=Accreditation.APPROVED
    ).select_related("counterpart")
