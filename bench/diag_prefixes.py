"""Issue #20, after the pre-registered run: paired differences and cosine scales per prefix.

    python bench/diag_prefixes.py [--dev-set ../shared/benchmarks/match-dev]
    python bench/diag_prefixes.py --synthetic [--seed 1]

For each prefix variant of ``bench_match_real.py --prefixes`` (needs / offers), against
today's ``query/query`` on the same queries (paired, s.e. of the mean difference):

- the held-out figures: the weights the grid chose on one half (``--prefixes all``), on the
  other half;
- the product default, content only and the channels alone on all queries;
- the scale of the model's cosines: every pair of distinct texts (need prefix x offer
  prefix), and each organisation pair's best need-offer cosine with the rate at which such
  pairs became partners (the calibration of the explanation floor, docs/matching.md).

``--synthetic``: the product engine with each variant on the synthetic forum of
``bench_match.py --quick --synthetic-only`` (600 organisations; data we wrote ourselves),
NDCG@10 and RHR@10 same- and cross-language.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from bench.bench_match_real import (  # noqa: E402
    BM25_ROW,
    DEFAULT_DEV,
    PREFIX_VARIANTS,
    DevSet,
    engine_lists,
    engine_rows,
    grid_lists,
)
from matchforum.matching import engine  # noqa: E402
from matchforum.matching.embedding import SemanticTextModel, SqliteVectorStore  # noqa: E402
from matchforum.matching.index import profile_text  # noqa: E402

# The grid's choices in the pre-registered run (pair, lexical, tracks), per variant and
# tuning half: (tuned on A, tuned on B).
CHOSEN = {
    "query/query": ((0.5, 0.75, 0.0), (0.0, 0.5, 0.0)),
    "query/passage": ((0.0, 0.5, 1.0), (0.0, 0.5, 0.0)),
    "passage/passage": ((0.0, 0.5, 1.0), (0.25, 0.75, 1.0)),
}


def paired(x: np.ndarray, y: np.ndarray) -> str:
    d = x - y
    return f"{x.mean():.3f} ({d.mean():+.3f} ± {d.std(ddof=1) / math.sqrt(len(d)):.3f})"


def cosine_scale(dev: DevSet, store, prefixes: tuple[str, str]) -> str:
    model = SemanticTextModel(store=store, need_prefix=prefixes[0], offer_prefix=prefixes[1])
    by_org = dev.forum.profiles_by_org()
    texts = sorted({profile_text(p) for p in dev.forum.profiles})
    need = model.raw(texts, prefixes[0])
    offer = model.raw(texts, prefixes[1])
    s = need @ offer.T
    iu = np.triu_indices(len(texts), 1)
    # both orders of a pair of distinct texts (the cosine is not symmetric across prefixes)
    pairs = np.concatenate([s[iu], s.T[iu]])
    pos = {t: i for i, t in enumerate(texts)}
    ids = [o.id for o in dev.forum.organisations]
    rows = {
        oid: (
            [pos[profile_text(p)] for p in by_org.get(oid, []) if p.side == "need"],
            [pos[profile_text(p)] for p in by_org.get(oid, []) if p.side == "offer"],
        )
        for oid in ids
    }
    truth = {(a, b) for a, bs in dev.truth.items() for b in bs}
    best, hit = [], []
    for a in ids:
        na = rows[a][0]
        for b in ids:
            if a == b or b in dev.prior.get(a, ()) or not na or not rows[b][1]:
                continue
            best.append(float(s[np.ix_(na, rows[b][1])].max()))
            hit.append((a, b) in truth or (b, a) in truth)
    best_a, hit_a = np.array(best), np.array(hit)
    p99 = float(np.percentile(pairs, 99))
    base = hit_a.mean()
    cells = [
        f"texts: mean {pairs.mean():.3f}, sd {pairs.std():.3f}, p99 {p99:.3f}",
        f"org pairs' best pair: mean {best_a.mean():.3f}, sd {best_a.std():.3f}, "
        f"base rate {base:.3f}",
    ]
    qs = np.quantile(best_a, [0.5, 0.9, 0.95, 0.98, 0.99])
    cells.append("best-pair quantiles 50/90/95/98/99: " + ", ".join(f"{q:.3f}" for q in qs))
    for lo in (p99, *[round(x, 2) for x in np.arange(0.80, 0.95, 0.02)]):
        m = best_a >= lo
        if m.sum():
            cells.append(f"best ≥ {lo:.3f}: {m.sum()} pairs, partner rate {hit_a[m].mean():.3f}")
    return "\n  ".join(cells)


def synthetic(seed: int) -> None:
    from bench.bench_match import primary_language
    from bench.match_baselines import _lists
    from matchforum.matching.evaluation import evaluate
    from matchforum.matching.synthetic import generate_forum

    sf = generate_forum(600, seed=seed)
    ids = [o.id for o in sf.forum.organisations]
    lang = primary_language(sf)
    cross = {p for p in sf.true_pairs if len({lang.get(x) for x in p}) == 2}
    same = sf.true_pairs - cross
    store = SqliteVectorStore(str(ROOT / "var" / "bench-vectors.sqlite"))
    print(f"## Synthetic forum, 600 organisations, seed {seed} (product engine)\n")
    print("| needs / offers | NDCG@10 | RHR@10 | same-language | cross-language | ratio |")
    print("|---|---|---|---|---|---|")
    for name, prefixes in PREFIX_VARIANTS.items():
        idx = engine.build_product(sf.forum, store=store, processes=2, prefixes=prefixes)
        m = evaluate(_lists(idx), sf.partners, ids, pair_groups={"same": same, "cross": cross})
        ratio = m["RHR@10 cross"] / max(m["RHR@10 same"], 1e-9)
        print(
            f"| {name} | {m['NDCG@10']:.3f} | {m['RHR@10']:.3f} | {m['RHR@10 same']:.3f} | "
            f"{m['RHR@10 cross']:.3f} | {ratio:.2f} |",
            flush=True,
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev-set", type=Path, default=Path(os.environ.get("MATCH_DEV", DEFAULT_DEV)))
    ap.add_argument("--synthetic", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.synthetic:
        synthetic(args.seed)
        return
    dev = DevSet(args.dev_set)
    store = SqliteVectorStore(str(ROOT / "var" / "bench-vectors.sqlite"))
    every = sorted(dev.truth)
    base = PREFIX_VARIANTS["query/query"]
    print("## Held out, paired with query/query on the same half (NDCG@10, difference ± s.e.)\n")
    print("| needs / offers | tuned on A, reported on B | tuned on B, reported on A |")
    print("|---|---|---|")
    ref = {}
    for name, prefixes in PREFIX_VARIANTS.items():
        cells = []
        for fit_h, rep_h in ((0, 1), (1, 0)):
            lists = grid_lists(dev, store, CHOSEN[name][fit_h], prefixes)
            v = dev.per_query(lists, dev.halves[rep_h])
            ref.setdefault(rep_h, v)
            cells.append(paired(v, ref[rep_h]))
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    print("\n## All queries, paired with query/query (NDCG@10, difference ± s.e.)\n")
    print("| row | " + " | ".join(PREFIX_VARIANTS) + " |")
    print("|---|" + "---|" * len(PREFIX_VARIANTS))
    rows = {k: v for k, v in engine_rows().items() if k != BM25_ROW}  # BM25 has no prefix
    for row, kw in rows.items():
        ref_v = dev.per_query(engine_lists(dev, store, prefixes=base, **kw), every)
        cells = [paired(ref_v, ref_v)]
        for name, prefixes in PREFIX_VARIANTS.items():
            if name == "query/query":
                continue
            v = dev.per_query(engine_lists(dev, store, prefixes=prefixes, **kw), every)
            cells.append(paired(v, ref_v))
        print(f"| {row} | " + " | ".join(cells) + " |", flush=True)
    print("\n## The model's cosines per variant (need prefix x offer prefix)\n")
    for name, prefixes in PREFIX_VARIANTS.items():
        print(f"- {name}:\n  {cosine_scale(dev, store, prefixes)}", flush=True)


if __name__ == "__main__":
    main()
