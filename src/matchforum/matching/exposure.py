"""Exposure control and diversity when turning ranked candidates into short lists.

Why: a few large, generic organisations score well for almost everyone; if every list shows
them, they receive hundreds of requests for a dozen meeting slots while good small
counterparts are never seen. Each organisation therefore has an exposure budget (how many
lists it may appear in, proportional to its meeting capacity), and lists are filled
round-robin (everyone's first pick, then everyone's second, ...) so no organisation's list
uses up the budgets first. Within a list an MMR-style penalty for repeating a country or a
main track keeps the list varied.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ExposurePolicy:
    """``factor`` lists per meeting slot; ``diversity`` = MMR penalty weight (0 disables)."""

    factor: float = 3.0
    default_capacity: int = 12
    min_budget: int = 10
    diversity: float = 0.25
    enabled: bool = True

    list_length: int = 10  # the budget is set for lists of this length

    def budget(self, capacity: int | None, k: int | None = None) -> int:
        """Lists an organisation may appear in; longer lists than ``list_length`` scale it."""
        cap = self.default_capacity if capacity is None else capacity
        base = max(self.min_budget, math.ceil(self.factor * cap))
        return math.ceil(base * max(1.0, (k or self.list_length) / self.list_length))


def pick_diverse(
    cands: Sequence[int],
    scores: Sequence[float],
    k: int,
    country: np.ndarray,
    track: np.ndarray,
    diversity: float,
    allowed: np.ndarray | None = None,
) -> list[int]:
    """Greedy MMR: repeatedly take the candidate with the best score minus redundancy.

    Redundancy = share of already picked counterparts from the same country plus share with the
    same main track. ``allowed`` (bool per organisation row) masks out exhausted budgets.
    """
    picked: list[int] = []
    remaining = [
        (c, s) for c, s in zip(cands, scores, strict=True) if allowed is None or allowed[c]
    ]
    n_country: dict[int, int] = {}
    n_track: dict[int, int] = {}
    while remaining and len(picked) < k:
        best_i, best_v = 0, -math.inf
        denom = max(1, len(picked))
        for i, (c, s) in enumerate(remaining):
            if s <= best_v:
                break  # candidates are sorted by score and penalties only lower it
            v = s
            if diversity and picked:
                v -= (
                    diversity
                    * (n_country.get(int(country[c]), 0) + n_track.get(int(track[c]), 0))
                    / denom
                )
            if v > best_v:
                best_i, best_v = i, v
        c, _ = remaining.pop(best_i)
        picked.append(c)
        n_country[int(country[c])] = n_country.get(int(country[c]), 0) + 1
        n_track[int(track[c])] = n_track.get(int(track[c]), 0) + 1
    return picked


def allocate(
    order: Sequence[int],
    candidates: dict[int, tuple[np.ndarray, np.ndarray]],
    k: int,
    budgets: np.ndarray,
    country: np.ndarray,
    track: np.ndarray,
    policy: ExposurePolicy,
) -> dict[int, list[int]]:
    """Fill every organisation's list round-robin under the global exposure budgets."""
    appear = np.zeros_like(budgets)
    lists: dict[int, list[int]] = {a: [] for a in order}
    pools = {
        a: list(zip(candidates[a][0].tolist(), candidates[a][1].tolist(), strict=True))
        for a in order
    }
    seen_c: dict[int, dict[int, int]] = {a: {} for a in order}
    seen_t: dict[int, dict[int, int]] = {a: {} for a in order}
    cty = country.tolist()
    trk = track.tolist()
    div = policy.diversity
    capped = policy.enabled
    for _ in range(k):
        progressed = False
        for a in order:
            pool = pools[a]
            picked = lists[a]
            if not pool or len(picked) >= k:
                continue
            sc, st = seen_c[a], seen_t[a]
            scale = div / max(1, len(picked))
            best_i, best_v = -1, -math.inf
            for i, (c, s) in enumerate(pool):
                if s <= best_v:
                    break  # pool is sorted by score and penalties only lower it
                if capped and appear[c] >= budgets[c]:
                    continue
                v = s
                if div and picked:
                    v -= scale * (sc.get(cty[c], 0) + st.get(trk[c], 0))
                if v > best_v:
                    best_i, best_v = i, v
            if best_i < 0:
                pool.clear()
                continue
            c, _ = pool.pop(best_i)
            picked.append(c)
            sc[cty[c]] = sc.get(cty[c], 0) + 1
            st[trk[c]] = st.get(trk[c], 0) + 1
            appear[c] += 1
            progressed = True
        if not progressed:
            break
    return lists
