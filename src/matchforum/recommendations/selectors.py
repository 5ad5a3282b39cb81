from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from matchforum.forums.models import Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.marketplace.visibility import item_visible, open_classifications
from matchforum.matching.explain import CLOSE_PROFILES
from matchforum.organisations.models import Accreditation, Organisation, Visibility

from .models import Dismissal, MatchingStatus, Recommendation


def recommendations_for(
    *, organisation: Organisation, within: QuerySet[Recommendation]
) -> QuerySet[Recommendation]:
    """The organisation's list, without dismissed or no-longer-visible counterparts.

    `within` is the viewer's `scoped(Recommendation, ...)`: this narrows what tenant
    scoping allows, for the web page and the API alike.
    """
    dismissed = Dismissal.objects.filter(organisation=organisation).values("counterpart_id")
    return (
        within.filter(
            organisation=organisation,
            counterpart__accreditation=Accreditation.APPROVED,
            counterpart__visibility=Visibility.LISTED,
        )
        .exclude(counterpart_id__in=dismissed)
        .select_related("counterpart")
        .prefetch_related("counterpart__tracks")
        .order_by("rank")
    )


PAIR_SIDES = ("they_answer_you", "you_answer_them")


def _quoted_ids(explanation: dict) -> set[str]:
    return {
        str(pair.get(key, ""))
        for side in PAIR_SIDES
        if (pair := explanation.get(side))
        for key in ("need_id", "offer_id")
    }


def explanations_prepare(recs: Iterable[Recommendation], *, forum: Forum) -> None:
    """Give each row the explanation its reader may see (`explanation_shown`), reading
    the quoted offers and needs of all the rows in one query.

    The matcher only uses items every approved organisation may see, so this drops
    something only between a rule change and the recomputation it starts: a pair quoting
    an item that is no longer open (or published) is left out, and so is the matcher's
    English sentence, which may quote it."""
    recs = list(recs)
    quoted = {pk for rec in recs for pk in _quoted_ids(rec.explanation) if pk.isdecimal()}
    open_ids = {
        str(pk)
        for pk in CooperationProfile.objects.filter(
            pk__in=quoted, is_active=True, classification__in=open_classifications(forum)
        ).values_list("pk", flat=True)
    }
    for rec in recs:
        explanation = dict(rec.explanation)
        for side in PAIR_SIDES:
            pair = explanation.get(side)
            if pair and not _quoted_ids({side: pair}) <= open_ids:
                explanation[side] = None
                explanation["text"] = ""
        rec._explanation_shown = explanation


def explanation_shown(rec: Recommendation) -> dict:
    """The row's explanation as its reader may see it (prepared by
    `explanations_prepare`, else prepared here for this row alone)."""
    if not hasattr(rec, "_explanation_shown"):
        explanations_prepare([rec], forum=rec.forum)
    return rec._explanation_shown


def dismissed_by(*, organisation: Organisation, within: QuerySet[Dismissal]) -> QuerySet[Dismissal]:
    """The counterparts the organisation set aside, within the viewer's scoped dismissals."""
    return within.filter(
        organisation=organisation, counterpart__accreditation=Accreditation.APPROVED
    ).select_related("counterpart")


def pair_topics(*, own: Organisation, other: Organisation, limit: int = 3) -> list[str]:
    """What the other organisation brings to this one: the matcher's best pair when known,
    else the titles of their published offers and needs that this one may see."""
    rec = Recommendation.objects.filter(organisation=own, counterpart=other).first()
    topics = []
    if rec:
        # Only the pairs whose items the reader may see (marketplace/visibility.py).
        explanations_prepare([rec], forum=own.forum)
        explanation = explanation_shown(rec)
        they = explanation.get("they_answer_you") or {}
        you = explanation.get("you_answer_them") or {}
        if they.get("offer_title"):
            topics.append(_("Their offer: %(title)s") % {"title": they["offer_title"]})
        if you.get("need_title"):
            topics.append(_("Their need: %(title)s") % {"title": you["need_title"]})
    if not topics:
        published = CooperationProfile.objects.filter(organisation=other, is_active=True)
        for profile in [p for p in published if item_visible(own, p)][:limit]:
            label = (
                _("Their offer: %(title)s")
                if profile.side == "offer"
                else _("Their need: %(title)s")
            )
            topics.append(label % {"title": profile.title})
    return topics


# The pairings of organisation kinds the matcher points out (matching/explain.py).
KIND_PAIRINGS = {
    frozenset({"producer", "buyer"}): gettext_lazy("A producer meets a buyer."),
    frozenset({"producer", "investor"}): gettext_lazy("A producer meets an investor."),
    frozenset({"producer", "research"}): gettext_lazy("A research institution meets a producer."),
}


def explanation_prose(*, explanation: dict) -> str:
    """The matcher's own sentence, for English readers only (it is written in English;
    everyone gets the reasons worded in their language from `explanation_reasons`)."""
    if translation.get_language() != "en":
        return ""
    return explanation.get("text", "").replace("*", "")


def track_names_shown(names: Iterable[str]) -> list[str]:
    """Track names as the matcher stored them (the seeded English) in the active language."""
    return [pgettext("capability track", name) for name in names]


def explanation_reasons(*, explanation: dict, own: Organisation, other: Organisation) -> list[str]:
    """The reasons of a stored explanation, worded in the reader's language.

    The pure matcher writes its reasons in English; the facts behind them are stored
    beside (best pairs, shared tracks) or known here (countries, kinds), so the web
    layer words them through the catalogues instead.
    """
    reasons = []
    they = explanation.get("they_answer_you") or {}
    you = explanation.get("you_answer_them") or {}
    if they.get("offer_title"):
        reasons.append(
            _("Their offer “%(offer)s” answers your need “%(need)s”.")
            % {"offer": they["offer_title"], "need": they.get("need_title", "")}
        )
    if you.get("offer_title"):
        reasons.append(
            _("Your offer “%(offer)s” answers their need “%(need)s”.")
            % {"offer": you["offer_title"], "need": you.get("need_title", "")}
        )
    facts = explanation.get("facts")
    close = float((facts or {}).get("profile_similarity", 0) or 0) >= CLOSE_PROFILES
    if close and not they.get("offer_title") and not you.get("offer_title"):
        reasons.append(_("Your organisations work on close subjects."))
    tracks = track_names_shown(explanation.get("shared_tracks") or [])
    if tracks:
        reasons.append(_("Shared tracks: %(tracks)s.") % {"tracks": ", ".join(tracks)})
    cross_border = own.country != other.country if facts is None else facts.get("cross_border")
    if cross_border:
        reasons.append(
            _("Across borders: %(own)s and %(other)s.")
            % {"own": own.country.name, "other": other.country.name}
        )
    pairing = KIND_PAIRINGS.get(frozenset({own.kind, other.kind}))
    if facts is not None and not facts.get("kind_pairing"):
        pairing = None  # the kind term did not score for this pair
    if pairing:
        reasons.append(str(pairing))
    return reasons


def matching_status(*, forum: Forum) -> MatchingStatus | None:
    """Where the forum's recommendation run stands (None before the first run)."""
    return MatchingStatus.objects.filter(forum=forum).first()
