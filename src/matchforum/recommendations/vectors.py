"""The embedding cache of the pure matcher, kept in the database (one row per text vector)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .models import TextEmbedding


class DatabaseVectorStore:
    """:class:`matchforum.matching.embedding.VectorStore` over :class:`TextEmbedding` rows."""

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        keys = list(keys)
        for i in range(0, len(keys), 500):
            rows = TextEmbedding.objects.filter(key__in=keys[i : i + 500]).values_list(
                "key", "vector"
            )
            out.update((k, np.frombuffer(bytes(v), dtype=np.float32).copy()) for k, v in rows)
        return out

    def put_many(self, items: Mapping[str, np.ndarray]) -> None:
        TextEmbedding.objects.bulk_create(
            [
                TextEmbedding(key=k, vector=np.asarray(v, np.float32).tobytes())
                for k, v in items.items()
            ],
            ignore_conflicts=True,
        )
