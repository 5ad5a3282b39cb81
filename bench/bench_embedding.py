"""Throughput of the embedding model through the product's own path (``SemanticTextModel``).

    python bench/bench_embedding.py [--texts 192] [--processes 1 2] [--forum-texts 29123]

Texts of about 600 characters (the development set's length), all distinct so that none comes
from the cache, embedded by ``SemanticTextModel.raw`` with one process and with the worker
pool the background job uses (each pool process loads the model itself, which is counted).
The time for a forum's first embedding is extrapolated from the measured rate; the default
count is the 10,000-organisation synthetic forum's texts (docs/performance.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_match_real import embedding_speed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=int, default=192)
    ap.add_argument("--processes", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--forum-texts", type=int, default=29_123)
    args = ap.parse_args()
    print("| processes | texts | texts/s | first embedding of the forum's texts, h |")
    print("|---|---|---|---|")
    for p in args.processes:
        r = embedding_speed(args.texts, p)
        print(f"| {p} | {args.texts} | {r:.2f} | {args.forum_texts / r / 3600:.2f} |")


if __name__ == "__main__":
    main()
