from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from matchforum.marketplace.models import CooperationProfile
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


def pair_topics(*, own: Organisation, other: Organisation, limit: int = 3) -> list[str]:
    """What the other organisation brings to this one: the matcher's best pair when known,
    else the titles of their published offers and needs."""
    rec = Recommendation.objects.filter(organisation=own, counterpart=other).first()
    topics = []
    if rec:
        they = rec.explanation.get("they_answer_you") or {}
        you = rec.explanation.get("you_answer_them") or {}
        if they.get("offer_title"):
            topics.append(_("Their offer: %(title)s") % {"title": they["offer_title"]})
        if you.get("need_title"):
            topics.append(_("Their need: %(title)s") % {"title": you["need_title"]})
    if not topics:
        for profile in CooperationProfile.objects.filter(organisation=other, is_active=True)[
            :limit
        ]:
            label = (
                _("Their offer: %(title)s")
                if profile.side == "offer"
                else _("Their need: %(title)s")
            )
            topics.append(label % {"title": profile.title})
    return topics
