"""Pure-Python matching engine: reciprocal, cross-language, explained recommendations.

No Django here (an import-linter contract enforces it). The web layer builds plain
:class:`Organisation` / :class:`Profile` objects (or the JSON of docs/matching.md) and calls:

- :meth:`MatchIndex.build` (background): fit the text model, vectorise, score everything;
- :meth:`MatchIndex.recommend` (request): one organisation's ranked counterparts;
- :func:`explain` / :func:`why_not`: delegate-facing and organiser-facing reasons;
- :meth:`MatchIndex.upsert_org` / :meth:`MatchIndex.remove_org` (+ ``process_pending`` in the
  background): incremental updates.
"""

from matchforum.matching.explain import Explanation, PairMatch, WhyNot, explain, why_not
from matchforum.matching.exposure import ExposurePolicy
from matchforum.matching.features import Weights
from matchforum.matching.index import MatchIndex, Recommendation
from matchforum.matching.model import (
    Exclusions,
    Forum,
    Organisation,
    Profile,
    forum_from_dict,
    forum_to_dict,
)
from matchforum.matching.text import (
    CharNgramModel,
    ConceptModel,
    HybridTextModel,
    NullTextModel,
    TextModel,
)

__all__ = [
    "CharNgramModel",
    "ConceptModel",
    "Exclusions",
    "Explanation",
    "ExposurePolicy",
    "Forum",
    "HybridTextModel",
    "MatchIndex",
    "NullTextModel",
    "Organisation",
    "PairMatch",
    "Profile",
    "Recommendation",
    "TextModel",
    "Weights",
    "WhyNot",
    "explain",
    "forum_from_dict",
    "forum_to_dict",
    "why_not",
]
