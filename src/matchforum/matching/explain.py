"""Explanations built from the terms that actually scored, and why-not answers for organisers.

An explanation names the best-scoring need x offer pair in each direction (ids and titles),
the tracks they share, the words both texts use, and the constraint checks (ticket size,
stage, TRL) that passed; the rendered English sentence is made only from those facts, so it
cannot claim a reason the score did not use. A pair is said to *answer* a need only when its
text similarity reaches the text model's floor (for the pretrained model: the level above
which real pairs became partners at three times the base rate, docs/matching.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from matchforum.matching.features import pair_components, profile_tracks
from matchforum.matching.index import MatchIndex
from matchforum.matching.model import Profile
from matchforum.matching.text import tokens

WEAK_TEXT = 0.15  # floor of text models that do not state their own ``answer_floor``
# Whole profiles this many standard deviations above the row's mean are called close subjects
CLOSE_PROFILES = 1.0
STAGE_WORDS = {
    "idea": "idea",
    "seed": "seed",
    "series_a": "Series A",
    "growth": "growth",
    "scale": "scale-up",
}


@dataclass
class PairMatch:
    """The best need x offer pair of one direction."""

    need_id: str
    need_title: str
    offer_id: str
    offer_title: str
    score: float
    components: dict[str, float]
    shared_tracks: list[str]
    shared_terms: list[str]
    similarity: float = 0.0
    answers: bool = False


@dataclass
class Explanation:
    """Why ``counterpart_id`` is suggested to ``org_id`` (you = org, they = counterpart)."""

    org_id: str
    counterpart_id: str
    score_ab: float
    score_ba: float
    they_answer_you: PairMatch | None
    you_answer_them: PairMatch | None
    shared_tracks: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    text: str = ""
    facts: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class WhyNot:
    """Why a pair is (not) in an organisation's list, for the organiser."""

    org_id: str
    counterpart_id: str
    recommended: bool
    filtered: bool
    reasons: list[str]
    rank: int | None = None

    @property
    def text(self) -> str:
        return " ".join(self.reasons)


def money(v: float | None) -> str:
    """Short euro amount: 500000 -> '€500k', 2e6 -> '€2M'."""
    if v is None:
        return "?"
    if v >= 1e6:
        x = v / 1e6
        return f"€{x:.0f}M" if x == int(x) else f"€{x:.1f}M"
    return f"€{v / 1e3:.0f}k"


def ticket_text(p: Profile) -> str:
    if p.ticket_min is None and p.ticket_max is None:
        return ""
    if p.ticket_min is not None and p.ticket_max is not None:
        lo, hi = money(p.ticket_min), money(p.ticket_max)
        if lo[-1] == hi[-1] and lo[-1] in "Mk":
            return f"{lo[:-1]}–{hi[1:]}"
        return f"{lo}–{hi[1:]}"
    return money(p.ticket_min if p.ticket_min is not None else p.ticket_max)


def _best_pair(idx: MatchIndex, needer: str, offerer: str) -> PairMatch | None:
    needs = [p for p in idx.profiles.get(needer, []) if p.side == "need"]
    offers = [p for p in idx.profiles.get(offerer, []) if p.side == "offer"]
    needs = [p for p in needs if p.id in idx.profile_row]
    offers = [p for p in offers if p.id in idx.profile_row]
    if not needs or not offers:
        return None
    q = np.stack([idx.profile_vector(p.id) for p in needs])
    k = np.stack([idx.profile_vector(p.id) for p in offers])
    s = q @ k.T
    i, j = np.unravel_index(int(np.argmax(s)), s.shape)
    n, o = needs[i], offers[j]
    td = idx.text_dim
    w = idx.weights
    text_cos = float(q[i, :td] @ k[j, :td]) / w.text if w.text else 0.0
    comps = pair_components(n, o, idx.org(needer), idx.org(offerer), text_cos, w)
    nt = list(profile_tracks(n, idx.org(needer)))
    ot = {t.lower() for t in profile_tracks(o, idx.org(offerer))}
    shared = [t for t in nt if t.lower() in ot]
    floor = float(getattr(idx.text_model, "answer_floor", WEAK_TEXT))
    return PairMatch(
        need_id=n.id,
        need_title=n.title,
        offer_id=o.id,
        offer_title=o.title,
        score=round(float(s[i, j]), 4),
        components={k_: round(v, 4) for k_, v in comps.items()},
        shared_tracks=shared,
        shared_terms=shared_words(n, o),
        similarity=round(text_cos, 4),
        answers=comps["profile_kind"] >= 0
        and (text_cos >= floor or (n.kind == o.kind == "investment" and bool(shared))),
    )


def shared_words(need: Profile, offer: Profile, limit: int = 3) -> list[str]:
    """Words of the need (as written) whose normalised form the offer uses too."""
    theirs = set(tokens(f"{offer.title}. {offer.text}", offer.language))
    out: list[str] = []
    seen: set[str] = set()
    for word in f"{need.title}. {need.text}".split():
        word = word.strip(".,;:!?()[]\"'«»“”")
        norm = tokens(word, need.language)
        if len(word) < 4 or not norm or norm[0] in seen or norm[0] not in theirs:
            continue
        seen.add(norm[0])
        out.append(word)
        if len(out) == limit:
            break
    return out


def _profile(idx: MatchIndex, org_id: str, pid: str) -> Profile:
    return next(p for p in idx.profiles[org_id] if p.id == pid)


def trl_text(need: Profile, offer: Profile) -> str:
    """The TRL comparison in the right direction ("" when either side does not state it)."""
    if need.trl is None or offer.trl is None:
        return ""
    if offer.trl >= need.trl:
        return f"TRL {offer.trl} meets the TRL {need.trl} asked"
    return f"TRL {offer.trl} is {need.trl - offer.trl} below the TRL {need.trl} asked"


def _sentence(idx: MatchIndex, pm: PairMatch, needer: str, offerer: str, you_need: bool) -> str:
    n = _profile(idx, needer, pm.need_id)
    o = _profile(idx, offerer, pm.offer_id)
    who_n, who_o = ("You", "they") if you_need else ("They", "you")
    if not pm.answers:
        you_n = "your" if you_need else "their"
        you_o = "their" if you_need else "your"
        return f"Only a partial fit: {you_n} need *{n.title}* and {you_o} offer *{o.title}*" + (
            f" share tracks {', '.join(pm.shared_tracks)}." if pm.shared_tracks else "."
        )
    if n.kind == "investment" and o.kind == "investment":
        # an investor's reasons name the sector fit before the stage and the ticket
        need = f"*{n.title}*"
        bits = [b for b in (ticket_text(n), STAGE_WORDS.get(n.stage or "", "")) if b]
        if bits:
            need += f" ({', '.join(bits)})"
        sector = pm.shared_tracks or [f"“{w}”" for w in pm.shared_terms]
        inv = "invest"
        if sector:
            inv += f" in {', '.join(sector)}"
        terms = []
        if ticket_text(o) and pm.components.get("ticket", 0) == 0:
            terms.append(ticket_text(o))
        if o.stage and pm.components.get("stage", 0) == 0:
            terms.append(f"at {STAGE_WORDS[o.stage]} stage")
        if terms:
            inv += f" — {' '.join(terms)}"
        return f"{who_n} need {need}; {who_o} {inv} (*{o.title}*)."
    extra = []
    if pm.shared_tracks:
        extra.append("tracks: " + ", ".join(pm.shared_tracks))
    if pm.shared_terms:
        extra.append("both use " + ", ".join(f"“{w}”" for w in pm.shared_terms))
    trl = trl_text(n, o)
    if trl and pm.components.get("trl", 0) == 0:
        extra.append(trl)
    s = f"{who_n} need *{n.title}*; {who_o} offer *{o.title}*"
    if extra:
        s += f" ({'; '.join(extra)})"
    return s + "."


def explain(idx: MatchIndex, a: str, b: str) -> Explanation:
    """Explanation for showing b to a ("you" = a)."""
    d_ab, d_ba = idx.directional(a, b)
    fwd = _best_pair(idx, a, b)
    bwd = _best_pair(idx, b, a)
    oa, ob = idx.org(a), idx.org(b)
    shared = [t for t in oa.tracks if t.lower() in {x.lower() for x in ob.tracks}]
    reasons: list[str] = []
    parts: list[str] = []
    if fwd is not None and fwd.answers:
        parts.append(_sentence(idx, fwd, a, b, you_need=True))
        reasons.append(f"their offer '{fwd.offer_title}' answers your need '{fwd.need_title}'")
    else:
        parts.append("None of your listed needs is clearly answered by their offers.")
    if bwd is not None and bwd.answers:
        parts.append(_sentence(idx, bwd, b, a, you_need=False))
        reasons.append(f"your offer '{bwd.offer_title}' answers their need '{bwd.need_title}'")
    else:
        parts.append("They list no need that your offers clearly answer.")
    facts = _org_facts(idx, a, b)
    answered = (fwd is not None and fwd.answers) or (bwd is not None and bwd.answers)
    if not answered and float(facts["profile_similarity"]) >= CLOSE_PROFILES:
        parts.append(
            "Your organisations work on close subjects"
            + (f" (tracks: {', '.join(shared)})." if shared else ".")
        )
        reasons.append("close subjects")
    if shared:
        reasons.append("shared tracks: " + ", ".join(shared))
    if facts["cross_border"]:
        reasons.append(f"cross-border: {oa.country}–{ob.country}")
    if facts["kind_pairing"]:
        reasons.append(str(facts["kind_pairing"]))
    return Explanation(
        org_id=a,
        counterpart_id=b,
        score_ab=round(d_ab, 4),
        score_ba=round(d_ba, 4),
        they_answer_you=fwd if fwd is not None and fwd.answers else None,
        you_answer_them=bwd if bwd is not None and bwd.answers else None,
        shared_tracks=shared,
        reasons=reasons,
        text=" ".join(parts),
        facts=facts,
    )


KIND_PAIRINGS = {
    frozenset({"producer", "buyer"}): "producer meets buyer",
    frozenset({"producer", "investor"}): "producer meets investor",
    frozenset({"producer", "research"}): "research institution meets producer",
}


def _org_facts(idx: MatchIndex, a: str, b: str) -> dict[str, object]:
    """Organisation-level terms that scored for this pair (nothing that did not score)."""
    oa, ob = idx.org(a), idx.org(b)
    w = idx.weights
    interest_ab = {c for p in idx.profiles.get(a, []) for c in p.countries_of_interest}
    interest_ba = {c for p in idx.profiles.get(b, []) for c in p.countries_of_interest}
    cross = bool(w.cross_border) and (ob.country in interest_ab or oa.country in interest_ba)
    pairing = KIND_PAIRINGS.get(frozenset({oa.kind, ob.kind})) if w.org_kind else None
    ra, rb = idx.row[a], idx.row[b]
    channels = idx.channels.raw(ra, rb) if idx.channels is not None else {}
    return {
        "cross_border": cross and oa.country != ob.country,
        "kind_pairing": pairing,
        "profile_similarity": round(float(channels.get("semantic_z", 0.0)), 3),
        "word_overlap": round(float(channels.get("lexical_z", 0.0)), 3),
    }


def why_not(idx: MatchIndex, a: str, b: str) -> WhyNot:
    """Why b is or is not in a's list: the filter that removed it, or the weak score term."""
    oa, ob = idx.org(a), idx.org(b)
    reasons: list[str] = []
    if a == b:
        return WhyNot(a, b, False, True, ["It is the same organisation."])
    for o, who in ((oa, "The organisation"), (ob, "The counterpart")):
        if not o.vetted:
            reasons.append(f"{who} ({o.name}) is not vetted yet.")
        if o.opted_out:
            reasons.append(f"{who} ({o.name}) opted out of recommendations.")
    ex = idx.exclusions.reason(a, b)
    if ex:
        reasons.append(f"Filtered: {ex}.")
    if reasons:
        return WhyNot(a, b, False, True, reasons)
    recs = idx.recommend(a)
    ids = [r.counterpart_id for r in recs]
    if b in ids:
        return WhyNot(
            a, b, True, False, [f"Recommended at position {ids.index(b) + 1}."], ids.index(b) + 1
        )
    row = idx.combined_row(a)
    mine = row[b]
    rank = 1 + sum(1 for v in row.values() if v > mine)
    reasons.append(
        f"{ob.name} ranks #{rank} of {len(row)} for {oa.name} by reciprocal score "
        f"({mine:.2f}; the list shows {len(ids)})."
    )
    ra, rb = idx.row[a], idx.row[b]
    n = idx._n
    live = idx._live[:n]
    pct_ab = float((idx.D[ra, :n][live] < idx.D[ra, rb]).mean())
    pct_ba = float((idx.D[rb, :n][live] < idx.D[rb, ra]).mean())
    reasons.append(
        f"For {oa.name} they are better than {pct_ab:.0%} of organisations; "
        f"for {ob.name} you are better than {pct_ba:.0%}."
    )
    if pct_ab - pct_ba > 0.25:
        reasons.append("The match is one-sided: your offers do not answer their needs.")
    elif pct_ba - pct_ab > 0.25:
        reasons.append("The match is one-sided: their offers do not answer your needs.")
    fwd = _best_pair(idx, a, b)
    if fwd is None:
        reasons.append("No need of yours can be matched with an offer of theirs.")
    else:
        weak = min(fwd.components, key=fwd.components.get)
        if fwd.components[weak] < 0:
            reasons.append(
                f"Best need/offer pair is penalised on {weak} "
                f"({fwd.need_title!r} vs {fwd.offer_title!r})."
            )
        elif fwd.components["text"] < 0.2:
            reasons.append(
                f"Texts of your need {fwd.need_title!r} and their offer "
                f"{fwd.offer_title!r} are not similar ({fwd.components['text']:.2f})."
            )
    rb_ = idx.row[b]
    if idx.exposure.enabled and idx.appear[rb_] >= idx._budget[rb_] and rank <= len(ids) + 5:
        reasons.append(
            f"{ob.name} already appears in {int(idx.appear[rb_])} lists "
            f"(exposure budget {int(idx._budget[rb_])})."
        )
    return WhyNot(a, b, False, False, reasons, rank)
