"""Matching on real organisations' texts: the match-dev set (CORDIS security research).

    python bench/bench_match_real.py [--dev-set ../shared/benchmarks/match-dev] [--no-fit]

Prints NDCG@10 (with standard errors) for the product engine, content only, each channel alone
and the scorer's own baselines, on all queries and on each half; then the two-fold fit: weights
chosen on one half of the queries and reported on the other. Vectors are cached in
var/bench-vectors.sqlite, so only the first run embeds (about 130 texts).
Then the speed of the embedding model and of scoring at 10,000 organisations.

    python bench/bench_match_real.py --quality-only --prefixes all

Issue #20, pre-registered on 2026-12-04 before the first run of this option: the model's
documented prefixes (multilingual-e5 recommends ``query:``/``passage:`` for asymmetric
retrieval and ``query:`` on both sides for symmetric similarity). Three variants, each with
the rows above (product default, content only, each channel alone; NDCG@10 ± s.e. on all
queries and both halves) and the two-fold fit (the 3 x 3 x 3 grid chosen on one half,
reported on the other, both directions):

- (a) ``query/query``, today's engine: needs and offers both embedded with ``query:``;
- (b) ``query/passage``: needs with ``query:``, offers with ``passage:``. In the best
  need-offer pair a's needs are query vectors and b's offers passage vectors; in the
  whole-profile channel a's needs side is the mean of query vectors and b's offers side the
  mean of passage vectors; a side with no profiles falls back to all of the organisation's
  texts, embedded with the prefix of the role it plays;
- (c) ``passage/passage``: needs and offers both embedded with ``passage:``.

Rule, fixed before the run: (b) or (c) replaces (a) in the product only if its held-out
figures (the two reported halves) are at least as good as (a)'s on both halves and better on
their mean; otherwise it is documented as tried and not adopted. BM25 does not depend on the
prefix; its row is printed once per variant as a check.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from matchforum.matching import engine  # noqa: E402
from matchforum.matching.channels import ChannelWeights  # noqa: E402
from matchforum.matching.embedding import (  # noqa: E402
    DIM,
    PASSAGE,
    QUERY,
    MemoryVectorStore,
    SemanticTextModel,
    SqliteVectorStore,
    prepare,
)
from matchforum.matching.exposure import ExposurePolicy  # noqa: E402
from matchforum.matching.features import Weights  # noqa: E402
from matchforum.matching.model import forum_from_dict  # noqa: E402

DEFAULT_DEV = ROOT.parent / "shared" / "benchmarks" / "match-dev"
CONTENT = {"exposure": ExposurePolicy(enabled=False, diversity=0.0), "reciprocal": False}
NO_META = {
    "tracks": 0.0,
    "profile_kind": 0.0,
    "trl": 0.0,
    "ticket": 0.0,
    "stage": 0.0,
    "org_kind": 0.0,
    "cross_border": 0.0,
}


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("match_dev_evaluate", path / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


class DevSet:
    def __init__(self, path: Path) -> None:
        self.ev = load_scorer(path)
        self.orgs, self.truth, self.prior = self.ev.load_data(str(path))
        self.data = json.loads((path / "profiles.json").read_text(encoding="utf-8"))
        self.forum = forum_from_dict(self.data)
        qs = sorted(self.truth)
        # the halves: a fixed hash of the organisation id, so every run splits alike
        self.halves = {h: [q for q in qs if zlib.crc32(q.encode()) % 2 == h] for h in (0, 1)}

    def per_query(self, lists: dict[str, list[str]], queries: list[str]) -> np.ndarray:
        """NDCG@10 of each query, the scorer's way (itself and earlier partners removed)."""
        vals = []
        for q in queries:
            pq = self.prior.get(q, ())
            ranked = [o for o in lists.get(q, []) if o != q and o not in pq]
            vals.append(self.ev.metrics(ranked, self.truth[q], 10)[2])
        return np.array(vals)

    def ndcg(self, lists: dict[str, list[str]], queries: list[str]) -> tuple[float, float]:
        a = self.per_query(lists, queries)
        return float(a.mean()), float(a.std(ddof=1) / math.sqrt(len(a)))

    def row(self, name: str, lists: dict[str, list[str]]) -> list[float]:
        out = []
        cells = []
        for qs in (sorted(self.truth), self.halves[0], self.halves[1]):
            m, se = self.ndcg(lists, qs)
            out.append(m)
            cells.append(f"{m:.3f} ± {se:.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
        return out


def engine_lists(dev: DevSet, store, **kw: object) -> dict[str, list[str]]:
    idx = engine.build_product(dev.forum, store=store, k=100, **kw)
    return {a: [r.counterpart_id for r in recs] for a, recs in idx.recommend_all().items()}


def baseline_lists(dev: DevSet) -> dict[str, dict[str, list[str]]]:
    ids = [o["id"] for o in dev.orgs]
    n = len(ids)
    jit = np.random.default_rng(7).random((n, n)) * 1e-9
    docs = [dev.ev.offer_text(o) for o in dev.orgs]
    deg = np.array([len(dev.prior.get(i, ())) for i in ids], float)
    mats = {
        "random (seed 0)": np.random.default_rng(0).random((n, n)),
        "tf-idf cosine, offers": dev.ev.tfidf_cosine(docs),
        "BM25, offers (evaluate.py)": dev.ev.bm25(docs),
        "popularity (not content)": np.tile(deg, (n, 1)),
    }
    out = {}
    for name, s in mats.items():
        s = s + jit
        np.fill_diagonal(s, -np.inf)
        out[name] = {ids[i]: [ids[j] for j in np.argsort(-s[i])[:200]] for i in range(n)}
    return out


PREFIX_VARIANTS = {
    "query/query": (QUERY, QUERY),
    "query/passage": (QUERY, PASSAGE),
    "passage/passage": (PASSAGE, PASSAGE),
}


def quality(
    dev: DevSet, store, fit: bool, prefixes: tuple[str, str] | None = None, baselines: bool = True
) -> list[float]:
    """The table of rows (and the two-fold fit); returns the two reported halves' figures."""
    need_p, offer_p = prefixes or engine.PRODUCT_PREFIXES
    print("\n## Real development set (match-dev, CORDIS security research; NDCG@10 ± s.e.)\n")
    print(
        f"{len(dev.orgs)} organisations, {len(dev.truth)} queries "
        f"(half A {len(dev.halves[0])}, half B {len(dev.halves[1])}); "
        f"needs embedded with `{need_p}:`, offers with `{offer_p}:`.\n"
    )
    print("| engine | all queries | half A | half B |")
    print("|---|---|---|---|")
    for name, kw in engine_rows().items():
        dev.row(name, engine_lists(dev, store, prefixes=prefixes, **kw))
    if baselines:
        for name, lists in baseline_lists(dev).items():
            dev.row(name, lists)
    return two_fold(dev, store, prefixes) if fit else []


BM25_ROW = "BM25 (ours: stemmed, symmetrised) only"


def engine_rows() -> dict[str, dict]:
    """The engine's rows of the table: the product and each channel alone."""
    zero = Weights(**{**engine.PRODUCT_WEIGHTS.__dict__, **NO_META, "text": 0.0})
    return {
        "product default (reciprocity, exposure control)": {},
        "product, content only (no reciprocity, no exposure)": dict(CONTENT),
        "embedding, whole profile only": dict(
            weights=zero, channels=ChannelWeights(1.0, 0.0), **CONTENT
        ),
        "embedding, best need-offer pair only": dict(
            weights=replace(zero, text=1.0), channels=ChannelWeights(0, 0), **CONTENT
        ),
        BM25_ROW: dict(weights=zero, channels=ChannelWeights(0.0, 1.0), **CONTENT),
    }


def grid_lists(
    dev: DevSet,
    store,
    point: tuple[float, float, float],
    prefixes: tuple[str, str] | None = None,
) -> dict[str, list[str]]:
    """Content-only lists at one point of the grid (pair, lexical, tracks weights)."""
    pair, lexical, tracks = point
    w = replace(engine.PRODUCT_WEIGHTS, text=pair / engine.SEMANTIC_PAIR_SD, tracks=tracks)
    return engine_lists(
        dev, store, prefixes=prefixes, weights=w, channels=ChannelWeights(1.0, lexical), **CONTENT
    )


def two_fold(dev: DevSet, store, prefixes: tuple[str, str] | None = None) -> list[float]:
    """Choose weights on one half of the queries, report them on the other."""
    grid = list(itertools.product((0.0, 0.25, 0.5), (0.25, 0.5, 0.75), (0.0, 0.5, 1.0)))
    scores = []
    for point in grid:
        lists = grid_lists(dev, store, point, prefixes)
        scores.append(tuple(dev.ndcg(lists, dev.halves[h])[0] for h in (0, 1)))
    print("\n### Two-fold fit, content only (pair weight, lexical weight, tracks weight)\n")
    print("| fitted on | weights chosen | NDCG@10 there | reported on the other half |")
    print("|---|---|---|---|")
    reported = []
    for fit_h, report_h, name in ((0, 1, "half A"), (1, 0, "half B")):
        best = max(range(len(grid)), key=lambda i: scores[i][fit_h])
        reported.append(scores[best][report_h])
        print(
            f"| {name} | {grid[best]} | {scores[best][fit_h]:.3f} | "
            f"**{scores[best][report_h]:.3f}** |"
        )
    both = max(range(len(grid)), key=lambda i: scores[i][0] + scores[i][1])
    print(
        f"| all queries (shipped) | {grid[both]} | "
        f"{(scores[both][0] + scores[both][1]) / 2:.3f} | (tuning figure, not a result) |"
    )
    print(
        f"\nMean of the two reported halves: **{np.mean(reported):.3f}**. "
        f"Shipped (engine.py): pair {engine.PRODUCT_WEIGHTS.text * engine.SEMANTIC_PAIR_SD:.2f}, "
        f"lexical {engine.PRODUCT_CHANNELS.lexical}, tracks {engine.PRODUCT_WEIGHTS.tracks}."
    )
    return reported


def prefix_variants(dev: DevSet, store, names: list[str]) -> None:
    """Issue #20's pre-registered variants (module docstring), each with every row and the
    two-fold fit, then the held-out figures side by side."""
    held = {}
    for i, name in enumerate(names):
        print(f"\n# Prefixes {name}")
        held[name] = quality(dev, store, True, PREFIX_VARIANTS[name], baselines=i == 0)
    print("\n## Held out: the grid chosen on one half, reported on the other\n")
    print("| needs / offers | tuned on A, reported on B | tuned on B, reported on A | mean |")
    print("|---|---|---|---|")
    for name, (on_b, on_a) in held.items():
        print(f"| {name} | {on_b:.3f} | {on_a:.3f} | {(on_b + on_a) / 2:.3f} |")


class RandomVectors(MemoryVectorStore):
    """Speed only: a unit vector for any text, as if it had been embedded already."""

    def get_many(self, keys):
        out = {}
        for k in keys:
            rng = np.random.default_rng(int(k[:12], 16))
            v = rng.standard_normal(DIM).astype(np.float32)
            out[k] = v / np.linalg.norm(v)
        return out


SAMPLE = (
    "Ruggedised thermal imaging modules for unmanned ground vehicles and small drones, "
    "640x512 uncooled sensors, tested to MIL-STD-810H, with field support, spare parts and "
    "training for crews. We deliver batches of {i} units a month from our plant and look for "
    "integrators, brigades' procurement offices and investors who can scale production; "
    "export licences for the EU and Ukraine are in place, and our engineers adapt the "
    "interfaces to the customer's platform within weeks. Series {i}."
)


def embedding_speed(n: int = 24, processes: int = 1) -> float:
    """Texts per second for ``n`` new profile texts of about 600 characters (the development
    set's), through ``SemanticTextModel`` with ``processes`` processes (a pool's start and
    each of its processes' model load counted; the calling process has loaded it before)."""
    model = SemanticTextModel(store=MemoryVectorStore(), processes=processes)
    model.raw([prepare(SAMPLE.format(i=-1))])
    texts = [prepare(SAMPLE.format(i=i + 100_000 * processes)) for i in range(n)]
    t = time.perf_counter()
    model.raw(texts)
    return n / (time.perf_counter() - t)


def speed_one(n: int, edits: int) -> dict:
    from matchforum.matching.synthetic import generate_forum

    sf = generate_forum(n, seed=1, with_truth=False)
    t0 = time.perf_counter()
    idx = engine.build_product(sf.forum, store=RandomVectors(), k=10)
    idx.recommend_all()
    build = time.perf_counter() - t0
    by_org = sf.forum.profiles_by_org()
    lat = []
    for oid in random.Random(1).sample([o.id for o in sf.forum.organisations], edits):
        edited = [replace(p, text=p.text + " Updated.") for p in by_org[oid]]
        s = time.perf_counter()
        idx.upsert_org(idx.org(oid), edited)
        idx.recommend(oid)
        lat.append(time.perf_counter() - s)
    return {
        "orgs": n,
        "profiles": len(sf.forum.profiles),
        "texts_per_org": len(sf.forum.profiles) / n,
        "build_s": build,
        "edit_p95_s": float(np.percentile(lat, 95)),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def speed(sizes: list[int], edits: int) -> None:
    rate = embedding_speed()
    print("\n## Speed of the product engine\n")
    print(
        f"Embedding: **{rate:.1f} texts/s** in one process, one thread "
        f"(load average {os.getloadavg()[0]:.1f}); the forum run uses one process per core.\n"
    )
    print("Scoring with every vector present (random unit vectors stand in for the model):\n")
    print(
        "| orgs | profiles | all lists s | edit → its list p95 s (scoring) | "
        "+ embedding its texts s | first embedding of all, 2 processes, h | peak RSS MiB |"
    )
    print("|---|---|---|---|---|---|---|")
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--speed-one", str(n), "--edits", str(edits)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        embed_edit = r["texts_per_org"] / rate
        first = r["profiles"] / (2 * rate) / 3600
        print(
            f"| {r['orgs']:,} | {r['profiles']:,} | {r['build_s']:.1f} | {r['edit_p95_s']:.2f} | "
            f"{embed_edit:.1f} | {first:.1f} | {r['peak_rss_mib']:.0f} |",
            flush=True,
        )


def main(argv: list[str] | None = None, quality_only: bool = False) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev-set", type=Path, default=Path(os.environ.get("MATCH_DEV", DEFAULT_DEV)))
    ap.add_argument("--no-fit", action="store_true")
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--quality-only", action="store_true")
    ap.add_argument(
        "--prefixes",
        choices=[*PREFIX_VARIANTS, "all"],
        help="issue #20: run the rows and the two-fold fit with these prefixes (needs/offers)",
    )
    ap.add_argument("--speed-one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.quality_only = args.quality_only or quality_only
    if args.speed_one:
        print(json.dumps(speed_one(args.speed_one, args.edits)))
        return
    if not (args.dev_set / "profiles.json").exists():
        print(f"match-dev not found at {args.dev_set}: skipping the real-data table")
    else:
        store = SqliteVectorStore(str(ROOT / "var" / "bench-vectors.sqlite"))
        if args.prefixes:
            names = list(PREFIX_VARIANTS) if args.prefixes == "all" else [args.prefixes]
            prefix_variants(DevSet(args.dev_set), store, names)
        else:
            quality(DevSet(args.dev_set), store, fit=not args.no_fit)
    if not args.quality_only:
        speed(args.sizes, args.edits)


if __name__ == "__main__":
    main()
