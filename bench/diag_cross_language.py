"""What separates cross-language from same-language partners in the product engine.

    python bench/diag_cross_language.py [--seed 1] [--orgs 600]

On the synthetic forum (our own data), per term of the directional score ``D[a, b]``: the
per-row AUC of true partners against non-partners (ties counted half) for same-language
partners against same-language non-partners, cross-language partners against the same, and
cross-language partners against the non-partners of their own language (what a scale per
candidate language compares); then where the partners sit in the lists, who is above the
missed cross-language ones, and how each term makes up the partners' z-score. Vectors come
from ``var/bench-vectors.sqlite`` (embedded on first use). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from matchforum.matching.embedding import SqliteVectorStore  # noqa: E402
from matchforum.matching.engine import build_product  # noqa: E402
from matchforum.matching.scoring import ORG_KIND_MATRIX  # noqa: E402
from matchforum.matching.synthetic import generate_forum  # noqa: E402


def auc(m: np.ndarray, pos: np.ndarray, neg: np.ndarray) -> float:
    """Mean over rows of P(a positive outscores a negative), ties half."""
    out = []
    for a in range(len(m)):
        p, q = m[a, pos[a]], m[a, neg[a]]
        if len(p) and len(q):
            out.append(((p[:, None] > q[None, :]) + 0.5 * (p[:, None] == q[None, :])).mean())
    return float(np.mean(out))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--orgs", type=int, default=600)
    args = ap.parse_args()
    sf = generate_forum(args.orgs, seed=args.seed)
    idx = build_product(
        sf.forum, store=SqliteVectorStore(str(ROOT / "var" / "bench-vectors.sqlite"))
    )
    n, ch, w, td = idx._n, idx.channels, idx.weights, idx._text_dim
    assert ch is not None and idx.needs is not None and idx.offers is not None
    live = idx._live[:n] & ch.has[:n]
    rows = np.arange(n)
    g = idx._glang[:n]
    same = g[:, None] == g[None, :]
    eye = np.eye(n, dtype=bool)
    partner = np.zeros((n, n), bool)
    for a, bs in sf.partners.items():
        for b in bs:
            partner[idx.row[a], idx.row[b]] = True

    # the terms of D, recomputed as the index computes them
    sem = ch.need_c[:n] @ ch.offer_c[:n].T
    semx = ch.need_x[:n] @ ch.offer_x[:n].T
    whole = ch.weights.semantic * ch._z_rows(sem, rows, live, 0, semx)
    overlap = np.where(same, 1.0, ch.share[:n] @ ch.share[:n].T)
    lex_z = ch._z_rows(ch.lexical.block(0, n, n), rows, live, 2)
    lexical = ch.weights.lexical * overlap * np.maximum(lex_z, 0.0)
    nd, ndo = idx.needs.mat[: idx.needs.n], idx.needs.org[: idx.needs.n]
    of, ofo = idx.offers.mat[: idx.offers.n], idx.offers.org[: idx.offers.n]
    nd, ndo, of, ofo = nd[ndo >= 0], ndo[ndo >= 0], of[ofo >= 0], ofo[ofo >= 0]
    full = nd @ of.T
    text = nd[:, :td] @ of[:, :td].T
    pair_text = np.zeros((n, n))
    pair_meta = np.zeros((n, n))
    pair_cos = np.zeros((n, n))
    for a in np.unique(ndo):
        ra = np.flatnonzero(ndo == a)
        best = full[ra].argmax(axis=0)
        cols = np.arange(len(ofo))
        f, t = full[ra][best, cols], text[ra][best, cols]
        for b in np.unique(ofo):
            cb = np.flatnonzero(ofo == b)
            j = cb[f[cb].argmax()]
            pair_text[a, b], pair_meta[a, b] = t[j], f[j] - t[j]
            pair_cos[a, b] = text[ra][:, cb].max() / w.text
    kinds = w.org_kind * ORG_KIND_MATRIX[idx._kind[:n]][:, idx._kind[:n]]
    countries = idx.D[:n, :n] - whole - lexical - pair_text - pair_meta - kinds
    mu, sd = idx._stats()
    m_, s_ = (mu[:, g], sd[:, g]) if mu.ndim == 2 else (mu[:, None], sd[:, None])
    dz = (idx.D[:n, :n] - m_) / s_
    comb = np.stack([idx._combined_row(r, mu, sd) for r in range(n)])
    terms = {
        "whole-profile channel (z)": whole,
        "BM25 evidence (weighted)": lexical,
        "best pair, weighted text part": pair_text,
        "best pair, cosine": pair_cos,
        "best pair, structured terms": pair_meta,
        "organisation kinds": kinds,
        "countries of interest": countries,
        "directional score D (z per language)": dz,
        "reciprocal combined": comb,
    }
    scaled = ("directional score D (z per language)", "reciprocal combined")
    false_same = ~partner & same & ~eye
    own_group_pos = partner & ~same
    print(f"seed {args.seed}, {n} organisations, languages {sorted(Counter(g.tolist()).values())}")
    print(
        "| term | AUC same vs false same | AUC cross vs false same | "
        "AUC cross vs false of its language | partners' z share, same / cross |"
    )
    print("|---|---|---|---|---|")
    for name, t in terms.items():
        within = []
        shares = {"same": [], "cross": []}
        for a in range(n):
            for grp in np.unique(g):
                cols = g == grp
                cols[a] = False
                pos = np.flatnonzero(cols & partner[a])
                if not len(pos):
                    continue
                shares["same" if grp == g[a] else "cross"].extend(
                    (
                        (t[a, pos] - t[a, cols].mean()) / s_[a, pos[0] if s_.shape[1] > 1 else 0]
                    ).tolist()
                )
                neg = t[a, cols & ~partner[a]]
                if grp != g[a] and len(neg):
                    p = t[a, pos]
                    within.append(((p[:, None] > neg) + 0.5 * (p[:, None] == neg)).mean())
        if name in scaled:  # already a z-score: the partners' mean
            share = f"{t[partner & same].mean():.2f} / {t[partner & ~same].mean():.2f}"
        else:
            share = f"{np.mean(shares['same']):.2f} / {np.mean(shares['cross']):.2f}"
        print(
            f"| {name} | {auc(t, partner & same, false_same):.3f} | "
            f"{auc(t, own_group_pos, false_same):.3f} | {np.mean(within):.3f} | {share} |"
        )
    lists = {
        idx.row[a]: [idx.row[r.counterpart_id] for r in rs] for a, rs in idx.recommend_all().items()
    }
    above: Counter[str] = Counter()
    diffs: dict[str, list[float]] = {k: [] for k in terms}
    found = {"same": [], "cross": []}
    missed_rank = {"same": [], "cross": []}
    for a in range(n):
        order = np.argsort(-np.where(rows == a, -np.inf, comb[a]))
        rank = np.empty(n, int)
        rank[order] = np.arange(1, n + 1)
        top = set(lists.get(a, []))
        for b in np.flatnonzero(partner[a]):
            kind = "same" if same[a, b] else "cross"
            found[kind].append(b in top)
            if b in top:
                continue
            missed_rank[kind].append(rank[b])
            if kind == "same":
                continue
            for c in lists.get(a, []):
                if partner[a, c]:
                    continue
                who = "reader's" if g[c] == g[a] else "partner's" if g[c] == g[b] else "third"
                above[who] += 1
                if who == "reader's":
                    for k, t in terms.items():
                        diffs[k].append(float(t[a, c] - t[a, b]))
    for kind in ("same", "cross"):
        print(
            f"{kind}-language partners in the reader's list: {np.mean(found[kind]):.3f}; "
            f"missed ones' median rank {np.median(missed_rank[kind]):.0f}"
        )
    print(
        f"unrelated organisations above missed cross-language partners, by language: {dict(above)}"
    )
    print("mean (unrelated organisation of the reader's language - missed partner) per term:")
    for k, v in diffs.items():
        print(f"  {k}: {np.mean(v):+.3f}")


if __name__ == "__main__":
    main()
