"""Matching benchmark: quality on a synthetic forum with known true pairs, and speed.

    python bench/bench_match.py            # quality at 2,000 orgs + speed at 1,000 and 10,000
    python bench/bench_match.py --quick    # quality at 600 orgs + speed at 1,000
    python bench/bench_match.py --speed-only --sizes 10000

Speed runs each size in a fresh subprocess so peak RSS (resource.getrusage) is that run's own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from match_baselines import METHODS  # noqa: E402
from matchforum.matching import MatchIndex  # noqa: E402
from matchforum.matching.evaluation import evaluate, pair_hit_rate  # noqa: E402
from matchforum.matching.synthetic import generate_forum  # noqa: E402


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"numpy {np.__version__}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


def primary_language(sf) -> dict[str, str]:
    langs: dict[str, dict[str, int]] = {}
    for p in sf.forum.profiles:
        d = langs.setdefault(p.org_id, {})
        d[p.language] = d.get(p.language, 0) + 1
    return {o: max(sorted(d), key=d.get) for o, d in langs.items()}


def quality(n: int, seed: int) -> None:
    sf = generate_forum(n, seed=seed)
    ids = [o.id for o in sf.forum.organisations]
    lang = primary_language(sf)
    pairs = sf.true_pairs
    cross = {p for p in pairs if len({lang.get(x) for x in p}) == 2}
    same = pairs - cross
    deg = [len(v) for v in sf.partners.values()]
    print(
        f"\n## Quality: {n} organisations, seed {seed}, {len(sf.forum.profiles)} profiles, "
        f"{len(pairs)} true pairs ({len(cross)} cross-language), "
        f"{sum(d > 0 for d in deg)} orgs with ≥1 partner, mean {np.mean(deg):.1f} partners\n"
    )
    head = (
        "| group | method | P@10 | NDCG@10 | MRR | RHR@10 | RHR@10 same-lang | "
        "RHR@10 cross-lang | hit@10 same | hit@10 cross | coverage | exposure Gini | s |"
    )
    print(head)
    print("|---" * 13 + "|")
    results = {}
    for group, name, fn in METHODS:
        t = time.perf_counter()
        lists = fn(sf)
        dt = time.perf_counter() - t
        m = evaluate(lists, sf.partners, ids, pair_groups={"same": same, "cross": cross})
        hs, hc = pair_hit_rate(lists, same), pair_hit_rate(lists, cross)
        results[name] = m
        print(
            f"| {group} | {name} | {m['P@10']:.3f} | {m['NDCG@10']:.3f} | {m['MRR']:.3f} | "
            f"{m['RHR@10']:.3f} | {m['RHR@10 same']:.3f} | {m['RHR@10 cross']:.3f} | "
            f"{hs:.3f} | {hc:.3f} | {m['coverage']:.3f} | {m['gini']:.3f} | {dt:.1f} |",
            flush=True,
        )
    eng = results["full engine"]
    lines = []
    for group, name, _ in METHODS:
        if group == "engine" or name.startswith("no exposure"):
            continue  # exposure control trades accuracy for fairness; not a quality ablation
        r = results[name]
        ok = eng["NDCG@10"] > r["NDCG@10"] and eng["RHR@10"] > r["RHR@10"]
        lines.append(ok)
        if not ok:
            print(f"- engine does NOT beat {name}")
    print(f"\nEngine beats every baseline and ablation on NDCG@10 and RHR@10: {all(lines)}")
    prod = results["product engine (pretrained embedding, BM25)"]
    beats = all(
        prod["NDCG@10"] > results[name]["NDCG@10"] and prod["RHR@10"] > results[name]["RHR@10"]
        for group, name, _ in METHODS
        if group == "baseline"
    )
    ratio = prod["RHR@10 cross"] / max(prod["RHR@10 same"], 1e-9)
    print(
        f"Product engine beats every baseline on NDCG@10 and RHR@10: {beats}; "
        f"cross-language / same-language RHR@10: {ratio:.2f}"
    )


def speed_one(n: int, seed: int, edits: int) -> dict:
    sf = generate_forum(n, seed=seed, with_truth=False)
    idx = MatchIndex(seed=seed)
    load0 = os.getloadavg()[0]
    w, c = [time.perf_counter()], [time.process_time()]

    def mark() -> None:
        w.append(time.perf_counter())
        c.append(time.process_time())

    idx.load(sf.forum)
    idx.fit_text()
    mark()
    idx.vectorise()
    mark()
    idx.score_all()
    mark()
    all_recs = idx.recommend_all()
    assert len(all_recs) == n
    rng = random.Random(seed)
    lat, lat_cpu = [], []
    by_org = sf.forum.profiles_by_org()
    for oid in rng.sample([o.id for o in sf.forum.organisations], edits):
        edited = [
            replace(p, text=p.text + " Updated: now with night-vision option.") for p in by_org[oid]
        ]
        s, sc = time.perf_counter(), time.process_time()
        idx.upsert_org(idx.org(oid), edited)
        idx.recommend(oid)
        lat.append(time.perf_counter() - s)
        lat_cpu.append(time.process_time() - sc)
    mark()
    idx.recommend_all()  # lazily recompute the lists the edits made stale
    mark()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    return {
        "orgs": n,
        "profiles": len(sf.forum.profiles),
        "fit_s": w[1] - w[0],
        "fit_cpu": c[1] - c[0],
        "vec_s": w[2] - w[1],
        "vec_cpu": c[2] - c[1],
        "score_s": w[3] - w[2],
        "score_cpu": c[3] - c[2],
        "total_s": w[3] - w[0],
        "total_cpu": c[3] - c[0],
        "edit_p50_ms": 1000 * float(np.percentile(lat, 50)),
        "edit_p95_ms": 1000 * float(np.percentile(lat, 95)),
        "edit_cpu_p95_ms": 1000 * float(np.percentile(lat_cpu, 95)),
        "edits": edits,
        "stale_s": w[5] - w[4],
        "peak_rss_mib": peak,
        "load": f"{load0:.1f}→{os.getloadavg()[0]:.1f}",
    }


def speed(sizes: list[int], seed: int, edits: int) -> None:
    print("\n## Speed (each size in a fresh process; wall s / process CPU s)\n")
    print(
        "| orgs | profiles | fit text | vectorise | score + all lists | fit → all lists | "
        "edit+recommend p50 ms | p95 ms | p95 CPU ms | refresh stale lists s | peak RSS MiB | "
        "load avg |"
    )
    print("|---" * 12 + "|")
    for n in sizes:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--speed-one",
                str(n),
                "--seed",
                str(seed),
                "--edits",
                str(edits),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"| {r['orgs']} | {r['profiles']} | {r['fit_s']:.1f} / {r['fit_cpu']:.1f} | "
            f"{r['vec_s']:.1f} / {r['vec_cpu']:.1f} | {r['score_s']:.1f} / {r['score_cpu']:.1f} | "
            f"{r['total_s']:.1f} / {r['total_cpu']:.1f} | {r['edit_p50_ms']:.1f} | "
            f"{r['edit_p95_ms']:.1f} | {r['edit_cpu_p95_ms']:.1f} | {r['stale_s']:.1f} | "
            f"{r['peak_rss_mib']:.0f} | {r['load']} |",
            flush=True,
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--orgs", type=int, default=None, help="quality forum size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sizes", type=int, nargs="*", default=None)
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--quality-only", action="store_true")
    ap.add_argument("--synthetic-only", action="store_true", help="skip the real-data table")
    ap.add_argument("--speed-one", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.speed_one:
        print(json.dumps(speed_one(args.speed_one, args.seed, args.edits)))
        return
    print(f"# bench_match — {machine()}")
    if not args.speed_only and not args.synthetic_only:
        from bench_match_real import main as real_main

        real_main([] if not args.quick else ["--no-fit"], quality_only=True)
    if not args.speed_only:
        quality(args.orgs or (600 if args.quick else 2000), args.seed)
    if not args.quality_only:
        speed(args.sizes or ([1000] if args.quick else [1000, 10000]), args.seed, args.edits)
        if not args.synthetic_only:
            from bench_match_real import speed as product_speed

            product_speed(args.sizes or ([1000] if args.quick else [1000, 10000]), 20)


if __name__ == "__main__":
    main()
