"""The lexical channel: Okapi BM25 between organisations' need and offer documents.

Tokens are normalised per language (stemmed, transliterated, stop words removed: see
:func:`matchforum.matching.text.tokens`). An organisation has two documents: its needs and its
offers (each falls back to all its texts when it lists none). BM25 is a dot product between
the query's term counts and the document's saturated, idf-weighted term weights, so a forum is
two sparse matrix products; the score of a pair is symmetrised,
``bm25(a's needs -> b's offers) + bm25(b's offers -> a's needs)``, which measured better on the
real development set than either direction alone (docs/matching.md).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from matchforum.matching.text import tokens

K1 = 1.2
B = 0.75


class LexicalIndex:
    """Vocabulary and idf fitted on a forum; per-organisation sparse rows added incrementally."""

    def __init__(self, k1: float = K1, b: float = B) -> None:
        self.k1 = k1
        self.b = b
        self.vocab: dict[str, int] = {}
        self.df: list[int] = []
        self.n_docs = 0
        self.avgdl = 1.0
        # per organisation row: (query counts, document weights) for needs and offers
        self._rows: dict[int, tuple[dict[int, float], ...]] = {}
        self._mats: tuple[sp.csr_matrix, ...] | None = None
        self._overlay: set[int] = set()  # rows changed since the matrices were built

    @staticmethod
    def doc_tokens(texts: Sequence[tuple[str, str]]) -> list[str]:
        """Tokens of a document made of (text, language) pairs."""
        return [t for text, lang in texts for t in tokens(text, lang)]

    def fit(self, documents: Sequence[list[str]]) -> None:
        """Document frequencies and mean length from every organisation document."""
        df: Counter[str] = Counter()
        total = 0
        for toks in documents:
            df.update(set(toks))
            total += len(toks)
        self.vocab = {t: i for i, t in enumerate(sorted(df))}
        self.df = [df[t] for t in sorted(df)]
        self.n_docs = max(1, len(documents))
        self.avgdl = max(1.0, total / self.n_docs)
        self._rows = {}
        self._mats = None
        self._overlay = set()

    def _idf(self, tid: int) -> float:
        df = self.df[tid] if tid < len(self.df) else 1
        return math.log(1.0 + (self.n_docs - df + 0.5) / (df + 0.5))

    def _ids(self, toks: Sequence[str]) -> Counter[int]:
        out: Counter[int] = Counter()
        for t in toks:
            i = self.vocab.get(t)
            if i is None:  # a word first seen after the fit: it is rare, as df = 1 says
                i = self.vocab[t] = len(self.vocab)
            out[i] += 1
        return out

    def _weights(self, counts: Counter[int]) -> dict[int, float]:
        dl = sum(counts.values())
        norm = self.k1 * (1.0 - self.b + self.b * dl / self.avgdl)
        return {i: self._idf(i) * c * (self.k1 + 1.0) / (c + norm) for i, c in counts.items()}

    def set_org(self, row: int, need_tokens: Sequence[str], offer_tokens: Sequence[str]) -> None:
        """(Re)index one organisation's two documents."""
        nq, oq = self._ids(need_tokens), self._ids(offer_tokens)
        self._rows[row] = (
            {i: float(c) for i, c in nq.items()},
            self._weights(nq),
            {i: float(c) for i, c in oq.items()},
            self._weights(oq),
        )
        self._overlay.add(row)

    def remove_org(self, row: int) -> None:
        self._rows.pop(row, None)
        self._overlay.add(row)

    def rebuild(self, n: int) -> None:
        """Build the sparse matrices of every organisation (before a full scoring)."""
        v = max(1, len(self.vocab))
        mats = []
        for part in range(4):
            rows, cols, vals = [], [], []
            for r, parts in self._rows.items():
                if r >= n:
                    continue
                for i, x in parts[part].items():
                    rows.append(r)
                    cols.append(i)
                    vals.append(x)
            mats.append(sp.csr_matrix((vals, (rows, cols)), shape=(n, v), dtype=np.float32))
        self._mats = tuple(mats)
        self._overlay = set()

    def _vec(self, row: int, part: int) -> sp.csr_matrix:
        assert self._mats is not None
        v = self._mats[0].shape[1]
        d = self._rows.get(row, ({}, {}, {}, {}))[part]
        items = [(i, x) for i, x in d.items() if i < v]
        cols = [i for i, _ in items]
        return sp.csr_matrix(
            ([x for _, x in items], ([0] * len(cols), cols)), shape=(1, v), dtype=np.float32
        )

    def _dict_pair(self, a: int, b: int) -> float:
        """Score of a (needing) against b (offering) from the row dictionaries."""
        ra = self._rows.get(a)
        rb = self._rows.get(b)
        if ra is None or rb is None:
            return 0.0
        fwd = sum(x * rb[3].get(i, 0.0) for i, x in ra[0].items())
        bwd = sum(x * ra[1].get(i, 0.0) for i, x in rb[2].items())
        return float(fwd + bwd)

    def block(self, r0: int, r1: int, n: int) -> np.ndarray:
        """Pair scores of rows r0..r1-1 (as the needing side) against every organisation."""
        if self._mats is None or self._overlay or self._mats[0].shape[0] != n:
            self.rebuild(n)
        assert self._mats is not None
        nq, nw, oq, ow = self._mats
        fwd = nq[r0:r1] @ ow.T  # a's needs as the query, b's offers as the document
        bwd = (oq @ nw[r0:r1].T).T  # b's offers as the query, a's needs as the document
        return np.asarray((fwd + bwd).todense(), dtype=np.float32)

    def _stale(self, n: int) -> set[int]:
        assert self._mats is not None
        m = self._mats[0].shape[0]
        return self._overlay | set(range(m, n))

    def row(self, r: int, n: int) -> np.ndarray:
        """Pair scores of organisation r (needing side) against every organisation."""
        if self._mats is None:
            self.rebuild(n)
        assert self._mats is not None
        nq, _nw, oq, ow = self._mats
        m = nq.shape[0]
        out = np.zeros(n, np.float32)
        part = (ow @ self._vec(r, 0).T) + (oq @ self._vec(r, 1).T)
        out[:m] = np.asarray(part.todense(), dtype=np.float32).ravel()[:n]
        for b in self._stale(n):
            if b < n:
                out[b] = self._dict_pair(r, b)
        return out

    def column(self, r: int, n: int) -> np.ndarray:
        """Pair scores of every organisation (needing side) against organisation r."""
        if self._mats is None:
            self.rebuild(n)
        assert self._mats is not None
        nq, nw, _oq, _ow = self._mats
        m = nq.shape[0]
        out = np.zeros(n, np.float32)
        part = (nq @ self._vec(r, 3).T) + (nw @ self._vec(r, 2).T)
        out[:m] = np.asarray(part.todense(), dtype=np.float32).ravel()[:n]
        for a in self._stale(n):
            if a < n:
                out[a] = self._dict_pair(a, r)
        return out

    def pair(self, a: int, b: int) -> float:
        return self._dict_pair(a, b)

    def shared_terms(self, need_tokens: Sequence[str], offer_tokens: Sequence[str]) -> list[str]:
        """Normalised terms both texts use, rarest (most telling) first."""
        common = set(need_tokens) & set(offer_tokens)
        scored = [(self._idf(self.vocab[t]) if t in self.vocab else 0.0, t) for t in common]
        return [t for s, t in sorted(scored, key=lambda x: (-x[0], x[1])) if s > 0]
