"""Text normalisation and the pluggable text models.

Pipeline for every profile text: Unicode NFKC + lower case -> tokens -> language-specific light
stemming (Snowball for en/lt/pl/et; small suffix strippers for uk and lv, which Snowball lacks)
-> transliteration to ASCII (Unidecode; Cyrillic -> Latin) so Ukrainian and the Latin-script
languages share one character space.

Text models turn texts into dense, L2-normalised float32 vectors; the engine only needs
``fit`` and ``transform`` (see :class:`TextModel`), so a multilingual sentence-embedding backend
can be dropped in later without touching scoring.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Protocol, runtime_checkable

import numpy as np
import scipy.sparse as sp
import snowballstemmer
from unidecode import unidecode

from matchforum.matching.data import load
from matchforum.matching.lexicon import CONCEPTS

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_SNOWBALL = {"en": "english", "lt": "lithuanian", "pl": "polish", "et": "estonian"}

# Suffix strippers for the languages Snowball lacks and the stop words of all six languages
# (matching/data/language.json); suffixes longest first, so the longest match is stripped.
_LANGUAGE = load("language.json")
_UK_SUFFIXES: list[str] = _LANGUAGE["uk_suffixes"]
_LV_SUFFIXES: list[str] = _LANGUAGE["lv_suffixes"]
_STOP: frozenset[str] = frozenset(_LANGUAGE["stop_words"])


def _strip(word: str, suffixes: Sequence[str], min_stem: int = 3) -> str:
    for s in suffixes:
        if word.endswith(s) and len(word) - len(s) >= min_stem:
            return word[: -len(s)]
    return word


@cache
def _stemmer(lang: str):
    name = _SNOWBALL.get(lang)
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=400_000)
def normalise_token(word: str, lang: str) -> str:
    """Stem one lower-cased token in its language and transliterate it to ASCII."""
    if lang == "uk" or (lang not in _SNOWBALL and _has_cyrillic(word)):
        word = _strip(word, _UK_SUFFIXES)
    elif lang == "lv":
        word = _strip(word, _LV_SUFFIXES)
    else:
        st = _stemmer(lang)
        if st is not None and not _has_cyrillic(word):
            word = st.stemWord(word)
    out = unidecode(word).lower()
    return re.sub(r"[^a-z0-9]", "", out)


def _has_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def tokens(text: str, lang: str) -> list[str]:
    """Normalised, stemmed, transliterated tokens of a text (stop words removed)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("'", "").replace("’", "")
    out = []
    for w in _TOKEN_RE.findall(text):
        if w in _STOP:
            continue
        t = normalise_token(w, lang)
        if t and t not in _STOP:
            out.append(t)
    return out


# --------------------------------------------------------------------------- lexicon matching


def _tok_match(lex: str, tok: str) -> bool:
    if lex == tok:
        return True
    if len(lex) >= 4 and tok.startswith(lex) and len(tok) <= len(lex) + 5:
        return True
    return len(tok) >= 5 and lex.startswith(tok)


class LexiconMatcher:
    """Finds lexicon concepts in token lists (stem-prefix matching, multi-word terms)."""

    def __init__(self, concepts: dict[str, tuple[str, dict[str, str]]] | None = None) -> None:
        concepts = CONCEPTS if concepts is None else concepts
        self.concept_ids: list[str] = sorted(concepts)
        self.index_of = {c: i for i, c in enumerate(self.concept_ids)}
        self._by_key: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._infix: dict[str, set[int]] = {}
        for cid in self.concept_ids:
            for lang, terms in concepts[cid][1].items():
                for term in terms.split(";"):
                    toks = tuple(tokens(term.strip(), lang))
                    if not toks:
                        continue
                    self._by_key.setdefault(toks[0][:4], []).append((toks, self.index_of[cid]))
                    if len(toks) == 1 and len(toks[0]) >= 5:
                        stem = toks[0]
                        self._infix.setdefault(stem[: max(5, len(stem) - 2)], set()).add(
                            self.index_of[cid]
                        )
        self._infix_cache: dict[str, tuple[int, ...]] = {}
        self._first_cache: dict[str, tuple[tuple[tuple[str, ...], int], ...]] = {}

    def _compound(self, tok: str) -> tuple[int, ...]:
        """Concepts whose stem occurs inside a long compound token (Estonian, Latvian...)."""
        got = self._infix_cache.get(tok)
        if got is None:
            found: set[int] = set()
            for stem, cis in self._infix.items():
                if tok.find(stem, 1) > 0:
                    found |= cis
            got = self._infix_cache[tok] = tuple(sorted(found))
        return got

    def find(self, toks: Sequence[str]) -> list[tuple[int, int, int]]:
        """Return (concept index, start, end) for every term occurrence in ``toks``."""
        hits = []
        for i, t in enumerate(toks):
            first = self._first_cache.get(t)
            if first is None:
                first = self._first_cache[t] = self._first_matches(t)
            for term, ci in first:
                n = len(term)
                if n == 1:
                    hits.append((ci, i, i + 1))
                elif i + n <= len(toks) and all(
                    _tok_match(term[j], toks[i + j]) for j in range(1, n)
                ):
                    hits.append((ci, i, i + n))
        return hits

    def _first_matches(self, t: str) -> tuple[tuple[tuple[str, ...], int], ...]:
        """Terms whose first token matches token t (compound hits as one-token terms)."""
        out = [(term, ci) for term, ci in self._by_key.get(t[:4], ()) if _tok_match(term[0], t)]
        if len(t) >= 9:
            out += [((t,), ci) for ci in self._compound(t)]
        return tuple(out)

    def concepts(self, text: str, lang: str) -> list[str]:
        """Concept ids mentioned in a text, in order of first mention."""
        seen: dict[str, None] = {}
        for ci, _, _ in self.find(tokens(text, lang)):
            seen.setdefault(self.concept_ids[ci], None)
        return list(seen)


@lru_cache(maxsize=1)
def default_matcher() -> LexiconMatcher:
    """The shared matcher over :data:`CONCEPTS` (built once; ~50 ms)."""
    return LexiconMatcher()


# --------------------------------------------------------------------------- text models


@runtime_checkable
class TextModel(Protocol):
    """Anything that maps texts to dense L2-normalised vectors; cosine = dot product."""

    def fit(self, texts: Sequence[str], languages: Sequence[str]) -> TextModel: ...

    def transform(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray: ...


def _l2(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return (x / n).astype(np.float32, copy=False)


def _l2_sparse(x: sp.csr_matrix) -> sp.csr_matrix:
    n = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    n[n == 0] = 1.0
    return sp.diags(1.0 / n) @ x


class ConceptModel:
    """Bag of lexicon concepts, IDF weighted: crosses languages but only for lexicon terms."""

    def __init__(self, matcher: LexiconMatcher | None = None) -> None:
        self.matcher = matcher or default_matcher()
        self.idf = np.ones(len(self.matcher.concept_ids), dtype=np.float32)

    def _counts(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.matcher.concept_ids)), dtype=np.float32)
        for r, (t, lang) in enumerate(zip(texts, languages, strict=True)):
            for ci, _, _ in self.matcher.find(tokens(t, lang)):
                out[r, ci] += 1.0
        return np.log1p(out)

    def fit(self, texts: Sequence[str], languages: Sequence[str]) -> ConceptModel:
        c = self._counts(texts, languages)
        df = (c > 0).sum(axis=0)
        self.idf = (np.log((1 + len(texts)) / (1 + df)) + 1.0).astype(np.float32)
        return self

    def transform(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        return _l2(self._counts(texts, languages) * self.idf)


def _ngrams(toks: Sequence[str], ns: tuple[int, ...]) -> list[str]:
    out = []
    for t in toks:
        w = f"<{t}>"
        for n in ns:
            out.extend(w[i : i + n] for i in range(max(1, len(w) - n + 1)))
    return out


def _orth(y: np.ndarray) -> np.ndarray:
    """Orthonormal basis of the columns of a tall matrix via Cholesky-QR (BLAS-3 only).

    LAPACK's Householder QR on a 30,000 x 200 matrix takes seconds here; two Cholesky-QR
    passes take milliseconds and are accurate enough for a randomised range finder.
    """
    y = np.ascontiguousarray(y, dtype=np.float32)
    for _ in range(2):
        g = (y.T @ y).astype(np.float64)
        g[np.diag_indices_from(g)] += 1e-8 * max(1.0, float(np.trace(g)))
        inv_lt = np.ascontiguousarray(np.linalg.inv(np.linalg.cholesky(g)).T, dtype=np.float32)
        y = np.ascontiguousarray(y @ inv_lt)
    return y


def randomized_range_svd(x: sp.csr_matrix, k: int, seed: int = 0, n_iter: int = 2) -> np.ndarray:
    """Top-k right singular vectors of sparse ``x`` (Halko et al. randomised SVD), k x V."""
    rng = np.random.default_rng(seed)
    p = min(k + 10, min(x.shape))
    q = _orth(x @ rng.standard_normal((x.shape[1], p)).astype(np.float32))
    for _ in range(n_iter):
        z = _orth(np.asarray(x.T @ q))
        q = _orth(np.asarray(x @ z))
    b = np.ascontiguousarray(np.asarray(x.T @ q).T, dtype=np.float64)  # p x V
    evals, evecs = np.linalg.eigh(b @ b.T)
    order = np.argsort(evals)[::-1][:k]
    sv = np.sqrt(np.maximum(evals[order], 1e-12))
    vt = (evecs[:, order].T @ b) / sv[:, None]
    return np.ascontiguousarray(vt, dtype=np.float32)


class CharNgramModel:
    """TF-IDF of character n-grams of stemmed, transliterated tokens, reduced by LSA.

    Transliteration lets "радар" and "radaras" share n-grams; stemming makes inflected forms
    share them. The randomised SVD keeps vectors dense and small (``dim``) so that all-pairs
    scoring is one BLAS matrix product instead of a sparse product with a dense result.
    """

    def __init__(
        self,
        dim: int = 96,
        ns: tuple[int, ...] = (3, 4),
        seed: int = 0,
        max_lang_df: float = 1.0,
        centre_languages: bool = True,
    ) -> None:
        self.centre_languages = centre_languages
        self.lang_mean: dict[str, np.ndarray] = {}
        self.dim = dim
        self.max_lang_df = max_lang_df
        self.ns = ns
        self.seed = seed
        self.vocab: dict[str, int] = {}
        self._id_cache: dict[str, list[int]] = {}
        self.idf = np.zeros(0, dtype=np.float32)
        self.components: np.ndarray | None = None
        self._components_t: np.ndarray | None = None

    def _grams(self, texts: Sequence[str], languages: Sequence[str]) -> list[list[str]]:
        return [_ngrams(tokens(t, lang), self.ns) for t, lang in zip(texts, languages, strict=True)]

    def _ids(self, tok: str) -> list[int]:
        got = self._id_cache.get(tok)
        if got is None:
            vocab = self.vocab
            got = [vocab[g] for g in _ngrams([tok], self.ns) if g in vocab]
            self._id_cache[tok] = got
        return got

    def _matrix(self, texts: Sequence[str], languages: Sequence[str]) -> sp.csr_matrix:
        """TF-IDF rows for texts, via a per-token cache of n-gram ids (tokens repeat a lot)."""
        rows: list[int] = []
        cols: list[int] = []
        for r, (t, lang) in enumerate(zip(texts, languages, strict=True)):
            for tok in tokens(t, lang):
                ids = self._ids(tok)
                cols.extend(ids)
                rows.extend([r] * len(ids))
        return self._weigh(rows, cols, len(texts))

    def _tfidf(self, grams: list[list[str]]) -> sp.csr_matrix:
        rows, cols = [], []
        vocab = self.vocab
        for r, gs in enumerate(grams):
            for g in gs:
                j = vocab.get(g)
                if j is not None:
                    rows.append(r)
                    cols.append(j)
        return self._weigh(rows, cols, len(grams))

    def _weigh(self, rows: list[int], cols: list[int], n_docs: int) -> sp.csr_matrix:
        data = np.ones(len(rows), dtype=np.float32)
        shape = (n_docs, len(self.vocab))
        x = sp.csr_matrix((data, (rows, cols)), shape=shape, dtype=np.float32)
        x.sum_duplicates()
        x.data = np.log1p(x.data)
        return _l2_sparse(x @ sp.diags(self.idf)).tocsr()

    def fit(self, texts: Sequence[str], languages: Sequence[str]) -> CharNgramModel:
        # count document frequencies with a temporary full vocabulary and sparse matrices
        full: dict[str, int] = {}
        tok_ids: dict[str, list[int]] = {}
        rows: list[int] = []
        cols: list[int] = []
        for r, (t, lang) in enumerate(zip(texts, languages, strict=True)):
            for tok in tokens(t, lang):
                ids = tok_ids.get(tok)
                if ids is None:
                    ids = tok_ids[tok] = [
                        full.setdefault(g, len(full)) for g in _ngrams([tok], self.ns)
                    ]
                cols.extend(ids)
                rows.extend([r] * len(ids))
        n = len(texts)
        occ = sp.csr_matrix(
            (np.ones(len(rows), np.float32), (rows, cols)), shape=(n, max(1, len(full)))
        )
        occ.sum_duplicates()
        df = np.bincount(occ.indices, minlength=occ.shape[1])
        min_df = 2 if n >= 200 else 1
        max_df = max(2, int(0.3 * n)) if n >= 200 else n
        keep = (df >= min_df) & (df <= max_df)
        if self.max_lang_df < 1.0:
            # n-grams of a language's boilerplate are frequent within that language only
            langs = np.array(languages)
            for lang in set(languages):
                mask = langs == lang
                if mask.sum() >= 50:
                    ldf = np.bincount(occ[mask].indices, minlength=occ.shape[1])
                    keep &= ldf <= self.max_lang_df * mask.sum()
        inv = {i: g for g, i in full.items()}
        kept_idx = np.flatnonzero(keep)
        self.vocab = {inv[int(i)]: j for j, i in enumerate(kept_idx)}
        self._id_cache = {}
        self.idf = (np.log((1 + n) / (1 + df[kept_idx])) + 1.0).astype(np.float32)
        x = occ[:, kept_idx].tocsr()
        x.data = np.log1p(x.data)
        x = _l2_sparse(x @ sp.diags(self.idf)).tocsr()
        kept = kept_idx
        self._components_t = None
        if len(kept) > self.dim and n > self.dim:
            self.components = randomized_range_svd(x, self.dim, self.seed)
        else:
            self.components = None
        # Per-language centring: every text in one language shares boilerplate n-grams, which
        # shows up as a common "language direction"; removing each language's mean vector
        # keeps same-language pairs from looking similar just for being in the same language.
        self.lang_mean = {}
        if self.centre_languages:
            v = self._project(x)
            langs = np.array(languages)
            for lang in set(languages):
                mask = langs == lang
                if mask.sum() >= 20:
                    self.lang_mean[lang] = v[mask].mean(axis=0)
        return self

    def _project(self, x: sp.csr_matrix) -> np.ndarray:
        if self.components is None:
            return _l2(x.toarray())
        if self._components_t is None:  # C-contiguous V x dim: sparse @ dense without copies
            self._components_t = np.ascontiguousarray(self.components.T)
        return _l2(np.asarray(x @ self._components_t))

    def _small_batch(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        """Same as ``_project(_matrix(...))`` without scipy overhead (per-edit path)."""
        assert self.components is not None
        if self._components_t is None:
            self._components_t = np.ascontiguousarray(self.components.T)
        out = np.zeros((len(texts), self._components_t.shape[1]), dtype=np.float32)
        for r, (t, lang) in enumerate(zip(texts, languages, strict=True)):
            ids: list[int] = []
            for tok in tokens(t, lang):
                ids.extend(self._ids(tok))
            if not ids:
                continue
            cols, counts = np.unique(np.asarray(ids), return_counts=True)
            w = np.log1p(counts.astype(np.float32)) * self.idf[cols]
            w /= np.linalg.norm(w)
            out[r] = w @ self._components_t[cols]
        return _l2(out)

    def transform(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        if self.components is not None and len(texts) <= 64:
            v = self._small_batch(texts, languages)
        else:
            v = self._project(self._matrix(texts, languages))
        if self.lang_mean:
            empty = ~v.any(axis=1)
            for i, lang in enumerate(languages):
                mu = self.lang_mean.get(lang)
                if mu is not None and not empty[i]:
                    v[i] -= mu
            v = _l2(v)
        return v


class HybridTextModel:
    """Concatenation of :class:`ConceptModel` and :class:`CharNgramModel` vectors.

    With both parts unit length and weights ``concept_weight + ngram_weight = 1``, the dot
    product is the weighted mean of the two cosines. Concepts carry meaning across languages;
    n-grams catch the words the lexicon does not know (product names, cognates, same-language
    paraphrases).
    """

    def __init__(
        self,
        concept_weight: float = 0.75,
        dim: int = 96,
        seed: int = 0,
        use_concepts: bool = True,
        use_ngrams: bool = True,
    ) -> None:
        self.use_concepts = use_concepts
        self.use_ngrams = use_ngrams
        w = concept_weight if (use_concepts and use_ngrams) else (1.0 if use_concepts else 0.0)
        self.wc = math.sqrt(w)
        self.wn = math.sqrt(1.0 - w)
        self.concepts = ConceptModel()
        self.ngrams = CharNgramModel(dim=dim, seed=seed)

    def fit(self, texts: Sequence[str], languages: Sequence[str]) -> HybridTextModel:
        if self.use_concepts:
            self.concepts.fit(texts, languages)
        if self.use_ngrams:
            self.ngrams.fit(texts, languages)
        return self

    def transform(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        parts = []
        if self.use_concepts:
            parts.append(self.wc * self.concepts.transform(texts, languages))
        if self.use_ngrams:
            parts.append(self.wn * self.ngrams.transform(texts, languages))
        if not parts:
            return np.zeros((len(texts), 1), dtype=np.float32)
        return np.hstack(parts).astype(np.float32, copy=False)


class NullTextModel:
    """Ablation: no text signal at all (zero vectors)."""

    def fit(self, texts: Sequence[str], languages: Sequence[str]) -> NullTextModel:
        return self

    def transform(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        return np.zeros((len(texts), 1), dtype=np.float32)
