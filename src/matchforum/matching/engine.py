"""The product configuration of the engine: what the web layer and the command line run.

The :class:`~matchforum.matching.index.MatchIndex` constructor keeps neutral defaults (the
hybrid n-gram model that the synthetic benchmark was built with); this module assembles the
engine that measured best on real organisations' texts: the pretrained multilingual embedding
for need x offer pairs and whole profiles, lexical BM25, and weights fitted on the real
development set (docs/matching.md, "Fitting on real partnerships").
"""

from __future__ import annotations

from matchforum.matching.channels import ChannelWeights, OrgChannels
from matchforum.matching.embedding import (
    QUERY,
    E5Embedder,
    Progress,
    SemanticTextModel,
    VectorStore,
)
from matchforum.matching.exposure import ExposurePolicy
from matchforum.matching.features import Weights
from matchforum.matching.index import MatchIndex
from matchforum.matching.model import Forum

# Raw cosines of the embedding are compressed (unrelated texts score about 0.85, sd 0.036 on
# the development set): the pair weight is expressed per standard deviation.
SEMANTIC_PAIR_SD = 0.036

# Fitted on the development set (two-fold: fit on one half of the queries, report the other);
# terms the set cannot inform (kind of profile, TRL, ticket, stage, countries of interest) are
# set to about one standard deviation of the text score, applied only when both sides state them.
PRODUCT_WEIGHTS = Weights(
    text=0.25 / SEMANTIC_PAIR_SD,
    tracks=0.25,
    profile_kind=0.5,
    trl=1.0,
    ticket=1.0,
    stage=0.5,
    org_kind=0.1,
    cross_border=0.3,
)
PRODUCT_CHANNELS = ChannelWeights(semantic=1.0, lexical=0.25)
# Reciprocity: the counterpart's direction counts a quarter, on the list owner's scale, and a
# one-sided match loses a little; the diversity penalty is mild. Fitted like the weights.
PRODUCT_RECIPROCITY = 0.25
PRODUCT_IMBALANCE = 0.05
PRODUCT_EXPOSURE = ExposurePolicy(diversity=0.1)
# The model's prefixes for needs and offers: ``query:`` on both sides (issue #20 measured
# ``query:``/``passage:`` and ``passage:`` on both sides, docs/matching.md).
PRODUCT_PREFIXES = (QUERY, QUERY)


def product_index(
    store: VectorStore | None = None,
    progress: Progress | None = None,
    embedder: E5Embedder | None = None,
    processes: int = 1,
    weights: Weights | None = None,
    channels: ChannelWeights | None = None,
    prefixes: tuple[str, str] | None = None,
    **kwargs: object,
) -> MatchIndex:
    """An empty index with the product configuration (load a forum, then score);
    ``prefixes`` are the model's prefixes of needs and of offers."""
    need_prefix, offer_prefix = prefixes or PRODUCT_PREFIXES
    kwargs.setdefault("reciprocity", PRODUCT_RECIPROCITY)
    kwargs.setdefault("imbalance", PRODUCT_IMBALANCE)
    kwargs.setdefault("exposure", PRODUCT_EXPOSURE)
    kwargs.setdefault("scale_per_language", True)
    return MatchIndex(  # type: ignore[arg-type]
        text_model=SemanticTextModel(
            store=store,
            progress=progress,
            embedder=embedder,
            processes=processes,
            need_prefix=need_prefix,
            offer_prefix=offer_prefix,
        ),
        weights=weights or PRODUCT_WEIGHTS,
        channels=OrgChannels(channels or PRODUCT_CHANNELS),
        **kwargs,
    )


def build_product(
    forum: Forum,
    store: VectorStore | None = None,
    progress: Progress | None = None,
    embedder: E5Embedder | None = None,
    processes: int = 1,
    **kwargs: object,
) -> MatchIndex:
    """Load, embed (through the cache), and score a whole forum with the product engine."""
    idx = product_index(
        store=store, progress=progress, embedder=embedder, processes=processes, **kwargs
    )
    idx.load(forum)
    idx.fit_text()
    idx.vectorise()
    idx.score_all()
    return idx


__all__ = [
    "PRODUCT_CHANNELS",
    "PRODUCT_PREFIXES",
    "PRODUCT_WEIGHTS",
    "ExposurePolicy",
    "build_product",
    "product_index",
]
