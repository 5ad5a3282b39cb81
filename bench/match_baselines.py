"""Baselines and ablation configurations for bench/bench_match.py."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from matchforum.matching import (
    ExposurePolicy,
    HybridTextModel,
    MatchIndex,
    NullTextModel,
    Weights,
)
from matchforum.matching.synthetic import SyntheticForum

Lists = dict[str, list[str]]


def _lists(idx: MatchIndex) -> Lists:
    return {a: [r.counterpart_id for r in rs] for a, rs in idx.recommend_all().items()}


def random_baseline(sf: SyntheticForum, k: int = 10, seed: int = 0) -> Lists:
    rng = np.random.default_rng(seed)
    ids = [o.id for o in sf.forum.organisations]
    out = {}
    for a in ids:
        pick = rng.choice(len(ids), size=min(len(ids), k + 1), replace=False)
        out[a] = [ids[i] for i in pick if ids[i] != a][:k]
    return out


def popularity_baseline(sf: SyntheticForum, k: int = 10) -> Lists:
    """Everyone sees the organisations with the most offers and tracks (non-personalised)."""
    n_offers: dict[str, int] = {}
    for p in sf.forum.profiles:
        if p.side == "offer":
            n_offers[p.org_id] = n_offers.get(p.org_id, 0) + 1
    ranked = sorted(
        sf.forum.organisations, key=lambda o: (-n_offers.get(o.id, 0), -len(o.tracks), o.id)
    )
    top = [o.id for o in ranked[: k + 1]]
    return {o.id: [b for b in top if b != o.id][:k] for o in sf.forum.organisations}


def engine(**kw: object) -> Callable[[SyntheticForum], Lists]:
    def run(sf: SyntheticForum) -> Lists:
        return _lists(MatchIndex.build(sf.forum, **kw))  # type: ignore[arg-type]

    return run


def product_engine(sf: SyntheticForum) -> Lists:
    """The product configuration (pretrained embedding, BM25), vectors cached in var/."""
    from pathlib import Path

    from matchforum.matching.embedding import SqliteVectorStore
    from matchforum.matching.engine import build_product

    store = SqliteVectorStore(
        str(Path(__file__).resolve().parents[1] / "var" / "bench-vectors.sqlite")
    )
    return _lists(build_product(sf.forum, store=store, processes=2))


NO_EXTRAS = Weights(
    tracks=0.0, profile_kind=0.0, trl=0.0, ticket=0.0, stage=0.0, org_kind=0.0, cross_border=0.0
)
OFF = ExposurePolicy(enabled=False, diversity=0.0)

METHODS: list[tuple[str, str, Callable[[SyntheticForum], Lists]]] = [
    ("engine", "full engine", engine()),
    ("engine", "product engine (pretrained embedding, BM25)", product_engine),
    ("baseline", "random", random_baseline),
    ("baseline", "popularity", popularity_baseline),
    (
        "baseline",
        "one-directional needs→offers (text only)",
        engine(weights=NO_EXTRAS, reciprocal=False, exposure=OFF),
    ),
    ("ablation", "no text model", engine(text_model=NullTextModel())),
    ("ablation", "no tracks", engine(use_tracks=False)),
    ("ablation", "no reciprocity", engine(reciprocal=False)),
    (
        "ablation",
        "no lexicon (char n-grams only)",
        engine(text_model=HybridTextModel(use_concepts=False)),
    ),
    (
        "ablation",
        "no char n-grams (lexicon only)",
        engine(text_model=HybridTextModel(use_ngrams=False)),
    ),
    ("ablation", "no exposure control / diversity", engine(exposure=OFF)),
]
