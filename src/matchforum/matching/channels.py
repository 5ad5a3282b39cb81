"""Organisation-level text channels: the semantic centroid and lexical BM25.

The best need x offer pair (in :mod:`matchforum.matching.index`) says which of b's offers
answers which of a's needs; these channels say how close the two organisations are as a whole.
On the real development set the whole-profile similarity ranked later partners better than the
best pair alone, and the two channels together better than either (docs/matching.md).

Each channel is put on its own row's scale (z-score over the other organisations) before the
weighted sum, so that one channel's spread cannot drown the other's. The scale is taken per
language of the other organisations: a multilingual model's cosines between two languages
sit lower and spread differently than within one, and two languages share few words, so
ranking a Ukrainian organisation's English candidates on the Ukrainian candidates' scale
buries them. Each language's statistics are shrunk towards the row's overall ones
(:data:`SHRINK` pseudo-organisations), so a language with few organisations keeps a stable
scale. In one language (the real development set) this is the plain row z-score. The row
statistics are kept, so an organisation's edit updates its row and column without
rescoring the forum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matchforum.matching.lexical import LexicalIndex

MIN_SD = 1e-3
#: Organisations of the row's overall scale mixed into each language's statistics.
SHRINK = 10.0
#: Languages kept apart; further ones share the last group.
MAX_LANGUAGES = 16


def _evidence(z: np.ndarray) -> np.ndarray:
    """Shared words count for a pair; their absence does not count against it (a pair in two
    languages shares few words however well it fits)."""
    return np.maximum(z, 0.0)


@dataclass(frozen=True)
class ChannelWeights:
    """Weights of the organisation-level channels (fitted on the real development set)."""

    semantic: float = 1.0
    lexical: float = 0.5


class OrgChannels:
    """Per-organisation centroids and lexical documents with their combined z-scored scores."""

    def __init__(self, weights: ChannelWeights | None = None) -> None:
        self.weights = weights or ChannelWeights()
        self.lexical = LexicalIndex()
        self.dim = 0
        self.need_c = np.zeros((0, 0), np.float32)
        self.offer_c = np.zeros((0, 0), np.float32)
        self.has = np.zeros(0, bool)
        self.lang = np.zeros(0, np.int16)  # language group of each row
        self._groups: dict[str, int] = {}
        # mu_sem, sd_sem, mu_lex, sd_lex per row and language group of the columns; the
        # last group holds the row's overall statistics, a new language's until rescored
        self.stats = np.zeros((0, MAX_LANGUAGES + 1, 4))

    # ------------------------------------------------------------------ data

    def fit(self, documents: Sequence[list[str]]) -> None:
        self.lexical.fit(documents)

    def _grow(self, n: int, dim: int) -> None:
        if dim != self.dim:
            self.dim = dim
            self.need_c = np.zeros((len(self.has), dim), np.float32)
            self.offer_c = np.zeros((len(self.has), dim), np.float32)
        if n > len(self.has):
            extra = max(n - len(self.has), 16 + len(self.has) // 4)
            self.need_c = np.vstack([self.need_c, np.zeros((extra, self.dim), np.float32)])
            self.offer_c = np.vstack([self.offer_c, np.zeros((extra, self.dim), np.float32)])
            self.has = np.concatenate([self.has, np.zeros(extra, bool)])
            self.lang = np.concatenate([self.lang, np.zeros(extra, np.int16)])
            blank = np.tile([0.0, 1.0, 0.0, 1.0], (extra, MAX_LANGUAGES + 1, 1))
            self.stats = np.concatenate([self.stats, blank])

    def _group(self, language: str | None) -> int:
        key = language or ""
        if key not in self._groups:
            g = min(len(self._groups), MAX_LANGUAGES - 1)
            self._groups[key] = g
            self.stats[:, g] = self.stats[:, MAX_LANGUAGES]
        return self._groups[key]

    def set_org(
        self,
        row: int,
        need_vecs: np.ndarray,
        offer_vecs: np.ndarray,
        need_tokens: list[str],
        offer_tokens: list[str],
        language: str | None = None,
    ) -> None:
        """One organisation's vectors, tokens and main language; a missing side falls back
        to all its texts."""
        dim = (
            need_vecs.shape[1]
            if len(need_vecs)
            else offer_vecs.shape[1]
            if len(offer_vecs)
            else self.dim
        )
        self._grow(row + 1, dim)
        present = [v for v in (need_vecs, offer_vecs) if len(v)]
        every = np.vstack(present) if present else None
        for target, vecs in ((self.need_c, need_vecs), (self.offer_c, offer_vecs)):
            src = vecs if len(vecs) else every
            if src is None or not len(src):
                target[row] = 0.0
                continue
            c = src.mean(axis=0)
            norm = float(np.linalg.norm(c))
            target[row] = c / norm if norm else 0.0
        self.has[row] = every is not None and len(every) > 0
        self.lang[row] = self._group(language)
        needs = need_tokens or offer_tokens
        offers = offer_tokens or need_tokens
        self.lexical.set_org(row, needs, offers)

    def remove_org(self, row: int) -> None:
        if row < len(self.has):
            self.has[row] = False
            self.need_c[row] = 0.0
            self.offer_c[row] = 0.0
        self.lexical.remove_org(row)

    # ------------------------------------------------------------------ scores

    def _z_rows(self, raw: np.ndarray, rows: np.ndarray, live: np.ndarray, col: int) -> np.ndarray:
        """z-score each row over the live columns other than itself, per language group of
        the columns (shrunk towards the row's overall scale); store the statistics."""
        n = raw.shape[1]
        mask = np.broadcast_to(live[:n], raw.shape).copy()
        mask[np.arange(len(rows)), rows] = False
        cnt = np.maximum(mask.sum(axis=1), 1)
        mu = (raw * mask).sum(axis=1) / cnt
        var = (((raw - mu[:, None]) ** 2) * mask).sum(axis=1) / cnt
        self.stats[rows, MAX_LANGUAGES, col] = mu
        self.stats[rows, MAX_LANGUAGES, col + 1] = np.maximum(np.sqrt(var), MIN_SD)
        lang = self.lang[:n]
        z = np.zeros_like(raw)
        for g in range(max(1, len(self._groups))):
            in_g = lang == g
            m = mask & in_g[None, :]
            c = m.sum(axis=1)
            c1 = np.maximum(c, 1)
            mu_g = (raw * m).sum(axis=1) / c1
            var_g = (((raw - mu_g[:, None]) ** 2) * m).sum(axis=1) / c1
            mu_s = (c * mu_g + SHRINK * mu) / (c + SHRINK)
            var_s = (c * (var_g + (mu_g - mu_s) ** 2) + SHRINK * (var + (mu - mu_s) ** 2)) / (
                c + SHRINK
            )
            sd_s = np.maximum(np.sqrt(var_s), MIN_SD)
            self.stats[rows, g, col] = mu_s
            self.stats[rows, g, col + 1] = sd_s
            if in_g.any():
                z[:, in_g] = (raw[:, in_g] - mu_s[:, None]) / sd_s[:, None]
        return z

    def block(self, r0: int, r1: int, n: int, live: np.ndarray) -> np.ndarray:
        """Combined channel scores of rows r0..r1-1 against every organisation (full scoring)."""
        self._grow(n, self.dim)
        rows = np.arange(r0, r1)
        w = self.weights
        out = np.zeros((r1 - r0, n), np.float32)
        ok = live[:n] & self.has[:n]
        if w.semantic and self.dim:
            sem = self.need_c[r0:r1] @ self.offer_c[:n].T
            out += w.semantic * self._z_rows(sem, rows, ok, 0)
        if w.lexical:
            lex = self.lexical.block(r0, r1, n)
            out += w.lexical * _evidence(self._z_rows(lex, rows, ok, 2))
        out[~self.has[r0:r1]] = 0.0
        out[:, ~ok] = 0.0
        return out

    def row(self, r: int, n: int, live: np.ndarray) -> np.ndarray:
        """Combined scores of organisation r against every organisation (after its edit)."""
        self._grow(n, self.dim)
        w = self.weights
        out = np.zeros(n, np.float32)
        ok = live[:n] & self.has[:n]
        rows = np.array([r])
        if w.semantic and self.dim:
            sem = (self.offer_c[:n] @ self.need_c[r])[None, :]
            out += w.semantic * self._z_rows(sem, rows, ok, 0)[0]
        if w.lexical:
            lex = self.lexical.row(r, n)[None, :]
            out += w.lexical * _evidence(self._z_rows(lex, rows, ok, 2)[0])
        if not self.has[r]:
            out[:] = 0.0
        out[~ok] = 0.0
        return out

    def column(self, r: int, n: int, live: np.ndarray) -> np.ndarray:
        """Combined scores of every organisation against r, on each row's stored scale."""
        self._grow(n, self.dim)
        w = self.weights
        out = np.zeros(n, np.float32)
        st = self.stats[:n, self.lang[r]]
        if w.semantic and self.dim:
            sem = self.need_c[:n] @ self.offer_c[r]
            out += w.semantic * (sem - st[:, 0]) / st[:, 1]
        if w.lexical:
            lex = self.lexical.column(r, n)
            out += w.lexical * _evidence((lex - st[:, 2]) / st[:, 3])
        out[~(live[:n] & self.has[:n])] = 0.0
        if not self.has[r]:
            out[:] = 0.0
        return out

    def raw(self, a: int, b: int) -> dict[str, float]:
        """The channels of one pair, raw and on a's scale (for explanations)."""
        sem = float(self.need_c[a] @ self.offer_c[b]) if self.dim else 0.0
        lex = self.lexical.pair(a, b)
        st = self.stats[a, self.lang[b]]
        return {
            "semantic": sem,
            "semantic_z": (sem - st[0]) / st[1],
            "lexical": lex,
            "lexical_z": (lex - st[2]) / st[3],
        }
