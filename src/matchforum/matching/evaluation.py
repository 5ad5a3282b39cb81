"""Ranking metrics for recommendation lists against known true pairs."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np


def precision_at_k(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    return sum(1 for x in ranked[:k] if x in relevant) / k


def ndcg_at_k(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    dcg = sum(1.0 / math.log2(i + 2) for i, x in enumerate(ranked[:k]) if x in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def reciprocal_rank(ranked: Sequence[str], relevant: set[str]) -> float:
    for i, x in enumerate(ranked):
        if x in relevant:
            return 1.0 / (i + 1)
    return 0.0


def gini(counts: Sequence[float]) -> float:
    """Gini coefficient of exposure counts (0 = everyone shown equally, 1 = one org shown)."""
    x = np.sort(np.asarray(counts, dtype=float))
    n = len(x)
    if n == 0 or x.sum() == 0:
        return 0.0
    return float((2 * np.arange(1, n + 1) - n - 1) @ x / (n * x.sum()))


def evaluate(
    lists: Mapping[str, Sequence[str]],
    partners: Mapping[str, set[str]],
    all_orgs: Sequence[str],
    k: int = 10,
    pair_groups: Mapping[str, set[frozenset[str]]] | None = None,
) -> dict[str, float]:
    """P@k, NDCG@k, MRR over organisations with at least one true partner; reciprocal hit
    rate@k = share of true pairs where each side has the other in its top k; catalogue coverage
    = share of organisations shown in at least one list; Gini of exposure counts.
    ``pair_groups`` adds a reciprocal hit rate per named subset of true pairs."""
    p, nd, rr = [], [], []
    for a in all_orgs:
        rel = partners.get(a, set())
        if not rel:
            continue
        ranked = list(lists.get(a, []))
        p.append(precision_at_k(ranked, rel, k))
        nd.append(ndcg_at_k(ranked, rel, k))
        rr.append(reciprocal_rank(ranked, rel))
    top = {a: set(list(lists.get(a, []))[:k]) for a in all_orgs}
    pairs = {frozenset((a, b)) for a, bs in partners.items() for b in bs}

    def rhr(ps: set[frozenset[str]]) -> float:
        if not ps:
            return float("nan")
        hits = 0
        for pr in ps:
            a, b = tuple(pr)
            hits += b in top.get(a, set()) and a in top.get(b, set())
        return hits / len(ps)

    exposure: dict[str, int] = dict.fromkeys(all_orgs, 0)
    for a in all_orgs:
        for b in top[a]:
            exposure[b] = exposure.get(b, 0) + 1
    out = {
        "P@10": float(np.mean(p)) if p else 0.0,
        "NDCG@10": float(np.mean(nd)) if nd else 0.0,
        "MRR": float(np.mean(rr)) if rr else 0.0,
        "RHR@10": rhr(pairs),
        "coverage": sum(1 for v in exposure.values() if v > 0) / max(1, len(all_orgs)),
        "gini": gini(list(exposure.values())),
    }
    for name, ps in (pair_groups or {}).items():
        out[f"RHR@10 {name}"] = rhr(ps)
    return out


def pair_hit_rate(
    lists: Mapping[str, Sequence[str]], pairs: set[frozenset[str]], k: int = 10
) -> float:
    """Share of pairs where at least one side sees the other in its top k (recall of pairs)."""
    if not pairs:
        return float("nan")
    hits = 0
    for pr in pairs:
        a, b = tuple(pr)
        hits += b in list(lists.get(a, []))[:k] or a in list(lists.get(b, []))[:k]
    return hits / len(pairs)
