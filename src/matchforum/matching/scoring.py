"""Organisation-level terms and the reciprocal combination of the two directions.

``D[a, b]`` (directional score, "how well b answers a's needs") = best need x offer pair score
+ organisation-kind complementarity + cross-border interest. The two directions are put on
each organisation's own scale (z-score of the row, so an organisation with many generic
profiles does not dominate) and combined as ``mean - imbalance * |difference|``: a pair that is
excellent for one side and indifferent for the other sinks below a pair good for both.
"""

from __future__ import annotations

import numpy as np

from matchforum.matching.model import ORG_KINDS

# a's benefit from meeting b, by organisation kinds (row a, column b)
ORG_KIND_BENEFIT: dict[str, dict[str, float]] = {
    "producer": {
        "buyer": 1.0,
        "investor": 0.8,
        "research": 0.6,
        "producer": 0.3,
        "association": 0.4,
        "other": 0.3,
    },
    "investor": {
        "producer": 1.0,
        "research": 0.5,
        "association": 0.2,
        "buyer": 0.1,
        "investor": 0.1,
        "other": 0.1,
    },
    "buyer": {
        "producer": 1.0,
        "research": 0.5,
        "other": 0.3,
        "association": 0.2,
        "buyer": 0.2,
        "investor": 0.0,
    },
    "research": {
        "producer": 1.0,
        "buyer": 0.5,
        "investor": 0.5,
        "research": 0.4,
        "association": 0.3,
        "other": 0.2,
    },
    "association": {
        "producer": 0.6,
        "research": 0.4,
        "buyer": 0.4,
        "investor": 0.4,
        "association": 0.3,
        "other": 0.3,
    },
    "other": {k: 0.4 for k in ORG_KINDS},
}
KIND_INDEX = {k: i for i, k in enumerate(ORG_KINDS)}
ORG_KIND_MATRIX = np.array(
    [[ORG_KIND_BENEFIT[a].get(b, 0.0) for b in ORG_KINDS] for a in ORG_KINDS], dtype=np.float32
)

IMBALANCE = 0.35  # weight of |z_ab - z_ba|; 0.5 would make the combination min(z_ab, z_ba)
RECIPROCITY = 0.5  # weight of the other direction in the mean (0.5: both count alike)


def combine(
    z_ab: np.ndarray,
    z_ba: np.ndarray,
    imbalance: float = IMBALANCE,
    reciprocity: float = RECIPROCITY,
) -> np.ndarray:
    """Reciprocal score from the two per-organisation-normalised directions."""
    return (1.0 - reciprocity) * z_ab + reciprocity * z_ba - imbalance * np.abs(z_ab - z_ba)
