"""Nested fit of the text channels' weights on the match-dev set (docs/matching.md).

    python bench/fit_match_real.py [--dev-set ../shared/benchmarks/match-dev]

The rule: every choice is made on the tuning half only, the figure is the other half's.
For each direction (tune on half A, report on half B, and the reverse):

1. Each candidate fitting method below is scored by a five-fold cross-validation *inside*
   the tuning half (folds by a hash of the organisation id, salted apart from the halves):
   fit on four folds, NDCG@10 on the fifth, all five fifths pooled.
2. The method with the best inner figure is refitted on the whole tuning half.
3. Those weights are run through the product engine (content only: no reciprocity, no
   exposure control) and reported on the other half. That engine figure is the result.

The selection runs on a model of the engine's content-only score built from each channel as
the engine computes it (``Features``): the whole-profile embedding z-score (weight fixed to
1, the scale), the lexical BM25 evidence, the product's fixed organisation terms, and every
need x offer pair's cosine (per standard deviation of unrelated pairs) and tracks term, of
which the engine takes the best pair of the weighted sum. The printed checks compare the
model with the engine.

Candidate methods (fixed before any held-out figure was seen):

- ``grid3``: the 3 x 3 x 3 grid used before (pair 0/0.25/0.5, lexical 0.25/0.5/0.75,
  tracks 0/0.5/1), best NDCG@10 on the training queries.
- ``fine``: pair 0..1 and lexical 0..1 by 0.05, tracks 0..1 by 0.25, best NDCG@10.
- ``fine-smooth``: the same grid, best NDCG@10 averaged over each point's neighbours
  (+-0.1 in pair and lexical, +-0.25 in tracks): a smoothness prior against a lucky point.
- ``pairwise-l2-<lambda>``: pairwise logistic loss (each true partner against up to 50
  sampled non-partners of the same query that were never partners before), L2 penalty
  lambda on the standardised weights, the whole-profile weight free and divided out.
- ``listwise-l2-<lambda>``: softmax over each query's candidates (earlier partners left
  out), log-likelihood of its true partners, the same L2 penalty.
  Both logistic fits start from the shipped weights and re-pick each organisation pair's
  best need-offer pair under the new weights a few times (the engine's term is a maximum).

``--variants all`` (a second, separately recorded run) crosses every method with channel
variants the engine does not have yet, chosen the same way by the inner cross-validation:
the whole-profile and lexical channels normalised per row by the z-score (the engine's),
a robust z-score (median, 1.4826 x MAD) or rank-based normal scores; and the pair term as
the best pair (the engine's) or the mean of the top three need-offer pairs. A variant the
engine lacks is reported by the script's model and would have to be built into
``channels.py`` / ``index.py`` before it could ship.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import os
import sys
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.special import ndtri
from scipy.stats import rankdata

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from bench_match_real import (  # noqa: E402
    CONTENT,
    DEFAULT_DEV,
    NO_META,
    DevSet,
    engine_lists,
)
from matchforum.matching import engine  # noqa: E402
from matchforum.matching.channels import ChannelWeights  # noqa: E402
from matchforum.matching.embedding import SqliteVectorStore  # noqa: E402
from matchforum.matching.features import Weights  # noqa: E402
from matchforum.matching.index import _compact  # noqa: E402

CHANNELS = ("pair", "lexical", "tracks")
FOLDS = 5
NEGATIVES = 50
TOP_PAIRS = 3


class Features:
    """Each channel's score matrix as the engine computes it alone, rows = queries."""

    def __init__(self, dev: DevSet, store) -> None:
        p = engine.PRODUCT_WEIGHTS
        zero = Weights(**{**p.__dict__, **NO_META, "text": 0.0})
        off = ChannelWeights(0.0, 0.0)

        def d(weights: Weights, channels: ChannelWeights) -> np.ndarray:
            idx = engine.build_product(
                dev.forum, store=store, k=100, weights=weights, channels=channels, **CONTENT
            )
            n = idx._n
            order = [idx.row[o["id"]] for o in dev.orgs]
            return idx.D[:n, :n][np.ix_(order, order)].astype(np.float64)

        self.ids = [o["id"] for o in dev.orgs]
        self.pos = {o: i for i, o in enumerate(self.ids)}
        self.sem = d(zero, ChannelWeights(1.0, 0.0))
        self.lex = d(zero, ChannelWeights(0.0, 1.0))
        # every need x offer pair: cosine per standard deviation and tracks term, grouped by
        # organisation as the engine groups them (its pair term is the best pair of the sum)
        idx = engine.build_product(
            dev.forum,
            store=store,
            k=100,
            weights=replace(zero, text=1.0, tracks=1.0),
            channels=off,
            **CONTENT,
        )
        dim = idx.text_dim
        nd, nd_org = _compact(idx.needs)
        of, of_org = _compact(idx.offers)
        self.C = (nd[:, :dim] @ of[:, :dim].T).astype(np.float64) / engine.SEMANTIC_PAIR_SD
        self.T = (nd[:, dim:] @ of[:, dim:].T).astype(np.float64)
        self.nd_orgs, self.nd_starts = np.unique(nd_org, return_index=True)
        self.of_orgs, self.of_starts = np.unique(of_org, return_index=True)
        self.order = np.array([idx.row[o] for o in self.ids])
        self.n_engine = idx._n
        self.check = d(replace(zero, text=2.0 / engine.SEMANTIC_PAIR_SD, tracks=0.5), off)
        # the organisation-level channels' raw scores (before the row's normalisation)
        ch = engine.build_product(
            dev.forum,
            store=store,
            k=100,
            weights=zero,
            channels=ChannelWeights(1.0, 1.0),
            **CONTENT,
        ).channels
        o = self.order
        self.sem_raw = (ch.need_c[o] @ ch.offer_c[o].T).astype(np.float64)
        self.lex_raw = ch.lexical.block(0, self.n_engine, self.n_engine)[np.ix_(o, o)].astype(
            np.float64
        )
        # each organisation's need rows and offer rows of C, padded (for the top-k pair mode)
        width = int(
            max(
                np.diff(np.r_[self.nd_starts, len(self.C)]).max(),
                np.diff(np.r_[self.of_starts, self.C.shape[1]]).max(),
            )
        )
        self.pad_n = np.full((self.n_engine, width), len(self.C))
        self.pad_o = np.full((self.n_engine, width), self.C.shape[1])
        for pad, starts, orgs, total in (
            (self.pad_n, self.nd_starts, self.nd_orgs, len(self.C)),
            (self.pad_o, self.of_starts, self.of_orgs, self.C.shape[1]),
        ):
            ends = np.r_[starts[1:], total]
            for org, a, b in zip(orgs, starts, ends, strict=True):
                pad[org, : b - a] = np.arange(a, b)
        self.pad_n = self.pad_n[self.order]
        self.pad_o = self.pad_o[self.order]
        self.pair_mode = "best"
        base = replace(p, text=0.0, tracks=0.0)
        self.base = d(base, off)
        n = len(self.ids)
        self.ok = ~np.eye(n, dtype=bool)  # candidates of each query: not itself, no earlier partner
        self.rel = np.zeros((n, n), bool)
        for q in self.ids:
            for o in dev.prior.get(q, ()):
                if o in self.pos:
                    self.ok[self.pos[q], self.pos[o]] = False
            for o in dev.truth.get(q, ()):
                if o in self.pos:
                    self.rel[self.pos[q], self.pos[o]] = True
        self.rel &= self.ok
        self.n_rel = {self.pos[q]: len(dev.truth[q]) for q in dev.truth if q in self.pos}

    def _grouped(self, m: np.ndarray) -> np.ndarray:
        """Max of a need x offer matrix per pair of organisations, in the set's order."""
        g = np.maximum.reduceat(
            np.maximum.reduceat(m, self.of_starts, axis=1), self.nd_starts, axis=0
        )
        full = np.zeros((self.n_engine, self.n_engine))
        full[np.ix_(self.nd_orgs, self.of_orgs)] = g
        return full[np.ix_(self.order, self.order)]

    def variant(self, norm: str, pair_mode: str) -> Features:
        """The same features with the organisation-level channels normalised per row by
        ``norm`` (z, robust, rank) and the pair term the best pair or the mean of the top
        three pairs (``pair_mode``)."""
        v = copy.copy(self)
        v.__dict__.pop("_grid", None)
        v.sem = normalise(self.sem_raw, norm)
        v.lex = np.maximum(normalise(self.lex_raw, norm), 0.0)
        v.pair_mode = pair_mode
        return v

    def _tensor(self, m: np.ndarray) -> np.ndarray:
        """(n, n, width^2) of every need x offer value per organisation pair, -inf padding."""
        mp = np.full((m.shape[0] + 1, m.shape[1] + 1), -np.inf)
        mp[:-1, :-1] = m
        g = mp[self.pad_n[:, :, None, None], self.pad_o[None, None, :, :]]
        n, w = self.pad_n.shape
        return g.transpose(0, 2, 1, 3).reshape(n, n, w * w)

    def _top(self, s: np.ndarray) -> np.ndarray:
        t = self._tensor(s)
        k = t.shape[2]
        return np.argpartition(t, k - TOP_PAIRS, axis=2)[:, :, k - TOP_PAIRS :], t

    def _top_mean(self, t: np.ndarray, idx: np.ndarray, vals: np.ndarray) -> np.ndarray:
        picked = np.take_along_axis(t, idx, axis=2)
        ok = np.isfinite(np.take_along_axis(vals, idx, axis=2))
        return np.where(ok, picked, 0.0).sum(axis=2) / np.maximum(ok.sum(axis=2), 1)

    def pair(self, wp: float, wt: float) -> np.ndarray:
        s = wp * self.C + wt * self.T
        if self.pair_mode == "top3":
            idx, t = self._top(s)
            return self._top_mean(t, idx, t)
        return self._grouped(s)

    def best_pair(self, wp: float, wt: float) -> tuple[np.ndarray, np.ndarray]:
        """Cosine and tracks term of each organisation pair's best pair under (wp, wt)
        (their means over the top three pairs in that mode)."""
        s = wp * self.C + wt * self.T
        if self.pair_mode == "top3":
            idx, t = self._top(s)
            return (
                self._top_mean(self._tensor(self.C), idx, t),
                self._top_mean(self._tensor(self.T), idx, t),
            )
        top = np.repeat(
            np.repeat(self._raw_grouped(s), np.diff(np.r_[self.nd_starts, len(s)]), axis=0),
            np.diff(np.r_[self.of_starts, s.shape[1]]),
            axis=1,
        )
        hit = s >= top - 1e-9
        return (
            self._grouped(np.where(hit, self.C, -np.inf)),
            self._grouped(np.where(hit, self.T, -np.inf)),
        )

    def _raw_grouped(self, m: np.ndarray) -> np.ndarray:
        return np.maximum.reduceat(
            np.maximum.reduceat(m, self.of_starts, axis=1), self.nd_starts, axis=0
        )

    def score(self, w: tuple[float, float, float]) -> np.ndarray:
        pair, lexical, tracks = w
        return self.sem + lexical * self.lex + self.pair(pair, tracks) + self.base

    def ndcg(self, s: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """NDCG@10 of each query row (the scorer's definition; ties by candidate order)."""
        disc = 1.0 / np.log2(np.arange(2, 12))
        v = np.where(self.ok[rows], s[rows], -np.inf)
        top = np.argsort(-v, axis=1, kind="stable")[:, :10]
        hits = np.take_along_axis(self.rel[rows], top, axis=1)
        idcg = np.array([disc[: min(10, self.n_rel[r])].sum() for r in rows])
        out = (hits * disc).sum(axis=1) / idcg
        return out


def normalise(m: np.ndarray, norm: str) -> np.ndarray:
    """Each row of ``m`` on its own scale over the other organisations."""
    off = ~np.eye(len(m), dtype=bool)
    vals = m[off].reshape(len(m), len(m) - 1)
    if norm == "z":
        mu = vals.mean(axis=1, keepdims=True)
        sd = np.maximum(vals.std(axis=1, keepdims=True), 1e-3)
        return (m - mu) / sd
    if norm == "robust":
        med = np.median(vals, axis=1, keepdims=True)
        mad = np.median(np.abs(vals - med), axis=1, keepdims=True) * 1.4826
        return (m - med) / np.maximum(mad, 1e-3)
    if norm == "rank":
        out = np.zeros_like(m)
        r = rankdata(vals, axis=1)
        out[off] = ndtri((r - 0.5) / vals.shape[1]).ravel()
        return out
    raise ValueError(f"unknown normalisation {norm!r}")


def grid_method(grid: list[tuple[float, float, float]], smooth: tuple[float, ...] | None):
    """Best grid point on the training rows (optionally of the neighbour-averaged surface)."""

    def fit(f: Features, rows: np.ndarray) -> tuple[float, float, float]:
        cache = f.__dict__.setdefault("_grid", {})
        key = id(grid)
        if key not in cache:  # per-query NDCG of every grid point, all queries, once
            allq = np.array(sorted(f.n_rel))
            per = np.zeros((len(grid), len(f.ids)))
            for g, w in enumerate(grid):
                per[g, allq] = f.ndcg(f.score(w), allq)
            cache[key] = per
        m = cache[key][:, rows].mean(axis=1)
        if smooth is not None:
            pts = np.array(grid)
            rad = np.array(smooth)
            near = np.all(np.abs(pts[:, None, :] - pts[None, :, :]) <= rad + 1e-9, axis=2)
            m = (near * m[None, :]).sum(axis=1) / near.sum(axis=1)
        return grid[int(np.argmax(m))]

    return fit


def _feature_stack(f: Features, w: tuple[float, float, float]) -> np.ndarray:
    """(4, n, n): whole profile, best pair's cosine, lexical, best pair's tracks, with the
    best pair of each organisation pair as the weights ``w`` pick it."""
    c, t = f.best_pair(w[0], w[2])
    return np.stack([f.sem, c, f.lex, t])


START = (0.25, 0.25, 0.25)  # the weights shipped before; the best pair is re-picked from here
LATENT_ROUNDS = 4


def _to_weights(beta: np.ndarray, scale: np.ndarray) -> tuple[float, float, float]:
    w = beta / scale
    if w[0] <= 0:
        return (0.0, 0.0, 0.0)
    rel = w[1:] / w[0]
    return tuple(float(max(x, 0.0)) for x in rel)  # type: ignore[return-value]


def latent(linear: Callable) -> Callable:
    """Fit a linear model of the four features, re-pick each organisation pair's best
    need-offer pair under the new weights, and refit (a few rounds)."""

    def fit(f: Features, rows: np.ndarray) -> tuple[float, float, float]:
        w = START
        for _ in range(LATENT_ROUNDS):
            new = linear(f, rows, _feature_stack(f, w))
            if np.allclose(new, w, atol=1e-4):
                break
            w = new
        return w

    return fit


def pairwise_method(lam: float):
    def fit(f: Features, rows: np.ndarray, X: np.ndarray) -> tuple[float, float, float]:
        rng = np.random.default_rng(0)
        diffs = []
        for r in rows:
            pos = np.flatnonzero(f.rel[r])
            neg = np.flatnonzero(f.ok[r] & ~f.rel[r])
            if not len(pos) or not len(neg):
                continue
            neg = rng.choice(neg, size=min(NEGATIVES, len(neg)), replace=False)
            xp = X[:, r, pos].T
            xn = X[:, r, neg].T
            diffs.append((xp[:, None, :] - xn[None, :, :]).reshape(-1, X.shape[0]))
        dx = np.vstack(diffs)
        scale = dx.std(axis=0) + 1e-12
        z = dx / scale

        def loss(beta: np.ndarray) -> tuple[float, np.ndarray]:
            m = z @ beta
            val = np.logaddexp(0.0, -m).mean() + lam * (beta @ beta) / len(rows)
            g = -(z * (1.0 / (1.0 + np.exp(m)))[:, None]).mean(axis=0)
            return val, g + 2 * lam * beta / len(rows)

        beta = minimize(loss, np.ones(X.shape[0]), jac=True, method="L-BFGS-B").x
        return _to_weights(beta, scale)

    return latent(fit)


def listwise_method(lam: float):
    def fit(f: Features, rows: np.ndarray, X: np.ndarray) -> tuple[float, float, float]:
        sd = np.array([X[k][f.ok].std() for k in range(X.shape[0])]) + 1e-12
        Z = X / sd[:, None, None]
        qs = [r for r in rows if f.rel[r].any()]

        def loss(beta: np.ndarray) -> tuple[float, np.ndarray]:
            val, g = 0.0, np.zeros_like(beta)
            for r in qs:
                c = f.ok[r]
                z = Z[:, r, c]  # (k, m)
                s = beta @ z
                s -= s.max()
                p = np.exp(s)
                p /= p.sum()
                y = f.rel[r, c]
                val -= (np.log(p[y] + 1e-300)).sum() / y.sum()
                g -= z[:, y].mean(axis=1) - z @ p
            val /= len(qs)
            g /= len(qs)
            return val + lam * (beta @ beta) / len(qs), g + 2 * lam * beta / len(qs)

        beta = minimize(loss, np.ones(X.shape[0]), jac=True, method="L-BFGS-B").x
        return _to_weights(beta, sd)

    return latent(fit)


def methods() -> dict[str, Callable]:
    g3 = list(itertools.product((0.0, 0.25, 0.5), (0.25, 0.5, 0.75), (0.0, 0.5, 1.0)))
    steps = [round(0.05 * i, 2) for i in range(21)]
    fine = list(itertools.product(steps, steps, (0.0, 0.25, 0.5, 0.75, 1.0)))
    out: dict[str, Callable] = {
        "grid3": grid_method(g3, None),
        "fine": grid_method(fine, None),
        "fine-smooth": grid_method(fine, (0.1, 0.1, 0.25)),
    }
    for lam in (0.1, 1.0, 10.0):
        out[f"pairwise-l2-{lam:g}"] = pairwise_method(lam)
        out[f"listwise-l2-{lam:g}"] = listwise_method(lam)
    return out


def inner_cv(f: Features, rows: np.ndarray, fit: Callable) -> float:
    fold = np.array([zlib.crc32(f"inner:{f.ids[r]}".encode()) % FOLDS for r in rows])
    vals = []
    for k in range(FOLDS):
        w = fit(f, rows[fold != k])
        vals.append(f.ndcg(f.score(w), rows[fold == k]))
    return float(np.concatenate(vals).mean())


Candidate = tuple[str, Features, Callable]


def select(cands: list[Candidate], rows: np.ndarray):
    """The candidate with the best inner cross-validated NDCG@10 on ``rows``, refitted there."""
    print("| normalisation / pair term / method | inner 5-fold NDCG@10 | weights on all rows |")
    print("|---|---|---|")
    best = None
    for name, f, fit in cands:
        score = inner_cv(f, rows, fit)
        w = fit(f, rows)
        ws = ", ".join(f"{x:.2f}" for x in w)
        print(f"| {name} | {score:.4f} | ({ws}) |", flush=True)
        if best is None or score > best[0]:
            best = (score, name, f, w)
    assert best is not None
    return best[1], best[2], best[3]


def candidates(f: Features, variants: str) -> list[Candidate]:
    combos = [("z", "best")]
    if variants == "all":
        combos = [(n, m) for n in ("z", "robust", "rank") for m in ("best", "top3")]
    out = []
    for norm, mode in combos:
        v = f if (norm, mode) == ("z", "best") else f.variant(norm, mode)
        for name, fit in methods().items():
            out.append((f"{norm} / {mode} / {name}", v, fit))
    return out


def held_out(dev: DevSet, store, f: Features, name: str, w, rows: list[str]):
    """NDCG@10 on ``rows``: the engine's for its own channels, else the script's model."""
    if name.startswith("z / best /"):
        return dev.ndcg(engine_lists(dev, store, **engine_weights(w), **CONTENT), rows), "engine"
    v = f.ndcg(f.score(w), np.array([f.pos[q] for q in rows]))
    return (float(v.mean()), float(v.std(ddof=1) / np.sqrt(len(v)))), "model (not in the engine)"


def engine_weights(w: tuple[float, float, float]) -> dict:
    pair, lexical, tracks = w
    return {
        "weights": replace(
            engine.PRODUCT_WEIGHTS, text=pair / engine.SEMANTIC_PAIR_SD, tracks=tracks
        ),
        "channels": ChannelWeights(1.0, lexical),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev-set", type=Path, default=Path(os.environ.get("MATCH_DEV", DEFAULT_DEV)))
    ap.add_argument(
        "--variants",
        choices=("engine", "all"),
        default="engine",
        help="engine: the engine's channels only; all: also robust or rank normalisation "
        "and the mean of the top three pairs",
    )
    args = ap.parse_args(argv)
    dev = DevSet(args.dev_set)
    store = SqliteVectorStore(str(ROOT.parent / "var" / "bench-vectors.sqlite"))
    f = Features(dev, store)
    halves = {h: np.array([f.pos[q] for q in dev.halves[h]]) for h in (0, 1)}
    shipped = (
        engine.PRODUCT_WEIGHTS.text * engine.SEMANTIC_PAIR_SD,
        engine.PRODUCT_CHANNELS.lexical,
        engine.PRODUCT_WEIGHTS.tracks,
    )
    gap = np.abs(f.pair(2.0, 0.5) - f.check)[f.ok | f.rel].max()
    print(f"Check: best-pair model against the engine's own term, largest gap {gap:.1e}")
    model = f.ndcg(f.score(shipped), np.array(sorted(f.n_rel))).mean()
    real = dev.ndcg(engine_lists(dev, store, **CONTENT), sorted(dev.truth))[0]
    print(
        f"Check: shipped weights {shipped}, content only: the model {model:.4f}, "
        f"engine {real:.4f} (all queries).\n"
    )
    cands = candidates(f, args.variants)
    results = []
    for tune, report, name in ((0, 1, "A"), (1, 0, "B")):
        print(f"\n### Tuned on half {name}: inner cross-validation\n")
        best, fb, w = select(cands, halves[tune])
        (there, _), _ = held_out(dev, store, fb, best, w, dev.halves[tune])
        (other, se), source = held_out(dev, store, fb, best, w, dev.halves[report])
        results.append((name, best, w, there, other, se, source))
        print(f"\nChosen: {best} {w}; {source}: there {there:.4f}, other half {other:.4f}")
    print("\n### Two-fold result (engine, content only)\n")
    print(
        "| tuned on | method chosen by inner CV | weights (pair, lexical, tracks) "
        "| NDCG@10 there | on the other half | measured by |"
    )
    print("|---|---|---|---|---|---|")
    for name, best, w, there, other, se, source in results:
        ws = ", ".join(f"{x:.2f}" for x in w)
        print(
            f"| half {name} | {best} | ({ws}) | {there:.3f} | **{other:.3f} ± {se:.3f}** "
            f"| {source} |"
        )
    print(f"\nMean of the two held-out halves: **{np.mean([r[4] for r in results]):.3f}**")
    print("\n### All queries (the product's weights; a tuning figure, not a result)\n")
    best, fb, w = select(cands, np.array(sorted(f.n_rel)))
    print(f"\nChosen on all queries: {best} {w}")
    if not best.startswith("z / best /"):
        (m, _), _ = held_out(dev, store, fb, best, w, sorted(dev.truth))
        print(f"model, content only: all {m:.4f} (not in the engine)")
        return
    for label, kw in (("content only", CONTENT), ("product default", {})):
        lists = engine_lists(dev, store, **engine_weights(w), **kw)
        row = [dev.ndcg(lists, qs)[0] for qs in (sorted(dev.truth), dev.halves[0], dev.halves[1])]
        print(f"{label}: all {row[0]:.4f}, half A {row[1]:.4f}, half B {row[2]:.4f}")


if __name__ == "__main__":
    main()
