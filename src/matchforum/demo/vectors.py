"""Text vectors of the demo forum, shipped with it so that its first start embeds nothing.

The demo's texts are deterministic, so their vectors are computed once by
``scripts/build_demo_vectors.py`` and stored here keyed exactly like the matcher's cache
(a hash of the model version and the text); vectors of another model version are never used,
because their keys differ. A test checks a sample of them against the model itself.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from matchforum.recommendations.vectors import DatabaseVectorStore

VECTORS_FILE = Path(__file__).with_name("demo-vectors.npz")


def demo_vectors() -> dict[str, np.ndarray]:
    """The shipped vectors by cache key (empty when the file is absent)."""
    if not VECTORS_FILE.exists():
        return {}
    with np.load(VECTORS_FILE) as data:
        keys = [str(k) for k in data["keys"]]
        vecs = data["vectors"].astype(np.float32)
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    return dict(zip(keys, vecs, strict=True))


def demo_vectors_load() -> int:
    """Put the shipped vectors into the database cache; returns how many there are."""
    vectors = demo_vectors()
    DatabaseVectorStore().put_many(vectors)
    return len(vectors)
