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

Two organisations of different main languages are compared on vectors centred on their own
language (each text minus its language's mean, :meth:`SemanticTextModel.centred`): the
model's common direction, which carries the language, is what buries a cross-language pair,
while within one language it ranks real partners well (centring cost 0.04 NDCG@10 on the
English development set), so pairs of one language keep the model's own geometry. Their
lexical evidence counts in proportion to the chance that a text of one and a text of the
other share a language (:func:`language_overlap`): words cannot match across languages, so
the few tokens two languages share (codes, names) are weighed by how often they can.
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


def language_overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Chance that a random text of each row of ``a`` and one of each row of ``b`` are in the
    same language (rows: share of an organisation's texts per language group)."""
    return a @ b.T


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
        # the same centroids of language-centred vectors: used between two main languages
        self.need_x = np.zeros((0, 0), np.float32)
        self.offer_x = np.zeros((0, 0), np.float32)
        self.share = np.zeros((0, MAX_LANGUAGES), np.float32)  # texts per language group
        self.has = np.zeros(0, bool)
        self.lang = np.zeros(0, np.int16)  # language group of each row
        self._groups: dict[str, int] = {}
        # mu_sem, sd_sem, mu_lex, sd_lex per row and language group of the columns; the
        # last two hold the row's overall statistics (plain vectors, language-centred ones),
        # the second a new language's until rescored
        self.stats = np.zeros((0, MAX_LANGUAGES + 2, 4))

    # ------------------------------------------------------------------ data

    def fit(self, documents: Sequence[list[str]]) -> None:
        self.lexical.fit(documents)

    def _grow(self, n: int, dim: int) -> None:
        if dim != self.dim:
            self.dim = dim
            self.need_c = np.zeros((len(self.has), dim), np.float32)
            self.offer_c = np.zeros((len(self.has), dim), np.float32)
            self.need_x = np.zeros((len(self.has), dim), np.float32)
            self.offer_x = np.zeros((len(self.has), dim), np.float32)
        if n > len(self.has):
            extra = max(n - len(self.has), 16 + len(self.has) // 4)
            pad = np.zeros((extra, self.dim), np.float32)
            self.need_c = np.vstack([self.need_c, pad])
            self.offer_c = np.vstack([self.offer_c, pad])
            self.need_x = np.vstack([self.need_x, pad])
            self.offer_x = np.vstack([self.offer_x, pad])
            self.share = np.vstack([self.share, np.zeros((extra, MAX_LANGUAGES), np.float32)])
            self.has = np.concatenate([self.has, np.zeros(extra, bool)])
            self.lang = np.concatenate([self.lang, np.zeros(extra, np.int16)])
            blank = np.tile([0.0, 1.0, 0.0, 1.0], (extra, MAX_LANGUAGES + 2, 1))
            self.stats = np.concatenate([self.stats, blank])

    def _group(self, language: str | None) -> int:
        key = language or ""
        if key not in self._groups:
            g = min(len(self._groups), MAX_LANGUAGES - 1)
            self._groups[key] = g
            self.stats[:, g] = self.stats[:, MAX_LANGUAGES + 1]
        return self._groups[key]

    def set_org(
        self,
        row: int,
        need_vecs: np.ndarray,
        offer_vecs: np.ndarray,
        need_tokens: list[str],
        offer_tokens: list[str],
        language: str | None = None,
        need_centred: np.ndarray | None = None,
        offer_centred: np.ndarray | None = None,
        languages: Sequence[str] = (),
    ) -> None:
        """One organisation's vectors, tokens and main language; a missing side falls back
        to all its texts. ``*_centred`` are the same texts' language-centred vectors (for
        candidates of another main language; the plain vectors when not given) and
        ``languages`` the language of each of its texts."""
        dim = (
            need_vecs.shape[1]
            if len(need_vecs)
            else offer_vecs.shape[1]
            if len(offer_vecs)
            else self.dim
        )
        self._grow(row + 1, dim)
        self._set_centroids(row, self.need_c, self.offer_c, need_vecs, offer_vecs)
        self._set_centroids(
            row,
            self.need_x,
            self.offer_x,
            need_vecs if need_centred is None else need_centred,
            offer_vecs if offer_centred is None else offer_centred,
        )
        self.has[row] = len(need_vecs) + len(offer_vecs) > 0
        self.lang[row] = self._group(language)
        self.share[row] = 0.0
        for lang in languages or ([language] if language is not None else []):
            self.share[row, self._group(lang)] += 1.0
        total = float(self.share[row].sum())
        if total:
            self.share[row] /= total
        else:
            self.share[row, self.lang[row]] = 1.0
        needs = need_tokens or offer_tokens
        offers = offer_tokens or need_tokens
        self.lexical.set_org(row, needs, offers)

    @staticmethod
    def _set_centroids(
        row: int,
        need_t: np.ndarray,
        offer_t: np.ndarray,
        need_vecs: np.ndarray,
        offer_vecs: np.ndarray,
    ) -> None:
        """Unit mean vectors of one organisation's needs and offers into ``need_t``,
        ``offer_t`` (a missing side falls back to all its texts)."""
        present = [v for v in (need_vecs, offer_vecs) if len(v)]
        every = np.vstack(present) if present else None
        for target, vecs in ((need_t, need_vecs), (offer_t, offer_vecs)):
            src = vecs if len(vecs) else every
            if src is None or not len(src):
                target[row] = 0.0
                continue
            c = src.mean(axis=0)
            norm = float(np.linalg.norm(c))
            target[row] = c / norm if norm else 0.0

    def remove_org(self, row: int) -> None:
        if row < len(self.has):
            self.has[row] = False
            self.need_c[row] = 0.0
            self.offer_c[row] = 0.0
            self.need_x[row] = 0.0
            self.offer_x[row] = 0.0
        self.lexical.remove_org(row)

    # ------------------------------------------------------------------ scores

    def _z_rows(
        self,
        raw: np.ndarray,
        rows: np.ndarray,
        live: np.ndarray,
        col: int,
        cross: np.ndarray | None = None,
    ) -> np.ndarray:
        """z-score each row over the live columns other than itself, per language group of
        the columns, shrunk towards the row's overall scale; store the statistics.

        ``cross`` holds the same pairs' scores for columns of another main language than
        the row's (language-centred vectors, on their own scale): the row's own language is
        scored on ``raw`` and shrunk towards ``raw``'s overall statistics, every other
        language on ``cross`` and shrunk towards ``cross``'s."""
        n = raw.shape[1]
        if cross is None:
            cross = raw
        mask = np.broadcast_to(live[:n], raw.shape).copy()
        mask[np.arange(len(rows)), rows] = False
        cnt = np.maximum(mask.sum(axis=1), 1)
        overall = []
        for slot, m_all in ((MAX_LANGUAGES, raw), (MAX_LANGUAGES + 1, cross)):
            mu = (m_all * mask).sum(axis=1) / cnt
            var = (((m_all - mu[:, None]) ** 2) * mask).sum(axis=1) / cnt
            self.stats[rows, slot, col] = mu
            self.stats[rows, slot, col + 1] = np.maximum(np.sqrt(var), MIN_SD)
            overall.append((mu, var))
        lang = self.lang[:n]
        own = self.lang[rows]
        z = np.zeros_like(raw)
        for g in range(max(1, len(self._groups))):
            cols = np.flatnonzero(lang == g)  # each group on its own columns: one pass in all
            is_own = own == g
            vals = np.where(is_own[:, None], raw[:, cols], cross[:, cols])
            mu = np.where(is_own, overall[0][0], overall[1][0])
            var = np.where(is_own, overall[0][1], overall[1][1])
            m = mask[:, cols]
            c = m.sum(axis=1)
            c1 = np.maximum(c, 1)
            mu_g = (vals * m).sum(axis=1) / c1
            var_g = (((vals - mu_g[:, None]) ** 2) * m).sum(axis=1) / c1
            mu_s = (c * mu_g + SHRINK * mu) / (c + SHRINK)
            var_s = (c * (var_g + (mu_g - mu_s) ** 2) + SHRINK * (var + (mu - mu_s) ** 2)) / (
                c + SHRINK
            )
            sd_s = np.maximum(np.sqrt(var_s), MIN_SD)
            self.stats[rows, g, col] = mu_s
            self.stats[rows, g, col + 1] = sd_s
            if len(cols):
                z[:, cols] = (vals - mu_s[:, None]) / sd_s[:, None]
        return z

    def block(self, r0: int, r1: int, n: int, live: np.ndarray) -> np.ndarray:
        """Combined channel scores of rows r0..r1-1 against every organisation (full scoring)."""
        self._grow(n, self.dim)
        rows = np.arange(r0, r1)
        w = self.weights
        out = np.zeros((r1 - r0, n), np.float32)
        ok = live[:n] & self.has[:n]
        same = self.lang[r0:r1, None] == self.lang[None, :n]
        if w.semantic and self.dim:
            sem = self.need_c[r0:r1] @ self.offer_c[:n].T
            semx = self.need_x[r0:r1] @ self.offer_x[:n].T
            out += w.semantic * self._z_rows(sem, rows, ok, 0, semx)
        if w.lexical:
            lex = self.lexical.block(r0, r1, n)
            p = np.where(same, 1.0, language_overlap(self.share[r0:r1], self.share[:n]))
            out += w.lexical * p * _evidence(self._z_rows(lex, rows, ok, 2))
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
        same = self.lang[:n] == self.lang[r]
        if w.semantic and self.dim:
            sem = (self.offer_c[:n] @ self.need_c[r])[None, :]
            semx = (self.offer_x[:n] @ self.need_x[r])[None, :]
            out += w.semantic * self._z_rows(sem, rows, ok, 0, semx)[0]
        if w.lexical:
            lex = self.lexical.row(r, n)[None, :]
            p = np.where(same, 1.0, self.share[:n] @ self.share[r])
            out += w.lexical * p * _evidence(self._z_rows(lex, rows, ok, 2)[0])
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
        same = self.lang[:n] == self.lang[r]
        if w.semantic and self.dim:
            sem = np.where(
                same, self.need_c[:n] @ self.offer_c[r], self.need_x[:n] @ self.offer_x[r]
            )
            out += w.semantic * (sem - st[:, 0]) / st[:, 1]
        if w.lexical:
            lex = self.lexical.column(r, n)
            p = np.where(same, 1.0, self.share[:n] @ self.share[r])
            out += w.lexical * p * _evidence((lex - st[:, 2]) / st[:, 3])
        out[~(live[:n] & self.has[:n])] = 0.0
        if not self.has[r]:
            out[:] = 0.0
        return out

    def raw(self, a: int, b: int) -> dict[str, float]:
        """The channels of one pair, raw and on a's scale (for explanations)."""
        same = self.lang[a] == self.lang[b]
        need, offer = (self.need_c, self.offer_c) if same else (self.need_x, self.offer_x)
        sem = float(need[a] @ offer[b]) if self.dim else 0.0
        lex = self.lexical.pair(a, b)
        st = self.stats[a, self.lang[b]]
        return {
            "semantic": sem,
            "semantic_z": (sem - st[0]) / st[1],
            "lexical": lex,
            "lexical_z": (lex - st[2]) / st[3],
        }
