"""Command line: recommend from a JSON forum, generate a synthetic forum, evaluate quickly.

python -m matchforum.matching recommend PROFILES.json [--top K] [--out RECS.json] [--vectors DB]
python -m matchforum.matching generate --orgs 300 --seed 1 --out forum.json
python -m matchforum.matching evaluate --orgs 1000 --seed 1
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from matchforum.matching.embedding import SqliteVectorStore, VectorStore
from matchforum.matching.engine import build_product
from matchforum.matching.explain import explain
from matchforum.matching.index import MatchIndex
from matchforum.matching.model import forum_from_dict

DEFAULT_VECTORS = os.path.join("~", ".cache", "matchforum", "vectors.sqlite")


def recommend_json(
    data: dict,
    top: int = 10,
    with_explanations: bool = True,
    store: VectorStore | None = None,
) -> dict:
    """Run the product engine on the JSON input format and return the JSON output format."""
    forum = forum_from_dict(data)
    idx = build_product(forum, store=store, k=top)
    out: dict[str, list[dict]] = {}
    for oid, recs in idx.recommend_all().items():
        rows = []
        for r in recs:
            row: dict = {
                "rank": r.rank,
                "counterpart": r.counterpart_id,
                "name": idx.org(r.counterpart_id).name,
                "score": r.score,
                "score_they_answer_you": r.score_ab,
                "score_you_answer_them": r.score_ba,
            }
            if with_explanations:
                ex = explain(idx, oid, r.counterpart_id)
                row["explanation"] = ex.text
                row["reasons"] = ex.reasons
                for key, pm in (
                    ("they_answer_you", ex.they_answer_you),
                    ("you_answer_them", ex.you_answer_them),
                ):
                    row[key] = (
                        None
                        if pm is None
                        else {
                            "need_id": pm.need_id,
                            "need_title": pm.need_title,
                            "offer_id": pm.offer_id,
                            "offer_title": pm.offer_title,
                            "shared_tracks": pm.shared_tracks,
                        }
                    )
            rows.append(row)
        out[oid] = rows
    return {"top": top, "recommendations": out}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m matchforum.matching")
    sub = ap.add_subparsers(dest="cmd", required=True)
    rec = sub.add_parser("recommend", help="recommend counterparts for every organisation")
    rec.add_argument("profiles", help="forum JSON (see docs/matching.md)")
    rec.add_argument("--top", type=int, default=10)
    rec.add_argument("--out", help="write the recommendations JSON here (default: stdout)")
    rec.add_argument("--no-explanations", action="store_true")
    rec.add_argument(
        "--vectors",
        default=os.environ.get("MATCHFORUM_VECTORS", DEFAULT_VECTORS),
        help="file that caches text embeddings between runs (default: %(default)s)",
    )
    gen = sub.add_parser("generate", help="write a synthetic forum in the input format")
    gen.add_argument("--orgs", type=int, default=300)
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--out")
    ev = sub.add_parser("evaluate", help="quality of the engine on a synthetic forum")
    ev.add_argument("--orgs", type=int, default=1000)
    ev.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    if args.cmd == "recommend":
        with open(args.profiles, encoding="utf-8") as f:
            data = json.load(f)
        store = SqliteVectorStore(os.path.expanduser(args.vectors))
        result = recommend_json(data, args.top, not args.no_explanations, store)
        _write(result, args.out)
    elif args.cmd == "generate":
        from matchforum.matching.synthetic import generate_dicts

        _write(generate_dicts(args.orgs, args.seed), args.out)
    else:
        from matchforum.matching.evaluation import evaluate
        from matchforum.matching.synthetic import generate_forum

        sf = generate_forum(args.orgs, args.seed)
        idx = MatchIndex.build(sf.forum)
        lists = {a: [r.counterpart_id for r in rs] for a, rs in idx.recommend_all().items()}
        m = evaluate(lists, sf.partners, [o.id for o in sf.forum.organisations])
        for key, v in m.items():
            print(f"{key:>12}: {v:.3f}")
    return 0


def _write(obj: dict, path: str | None) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=1)
    if path:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text + "\n")
