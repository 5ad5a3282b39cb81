"""Time of one computation of every row's scale per candidate language (decision 0012).

    python bench/bench_language_scale.py [--orgs 10000] [--languages 6]

The index recomputes these scales once after each edit. Compared, alternated in one process:
the fixed prior of decision 0008 (ten organisations towards the row's overall scale) and the
prior measured on the forum (``matching/language_scale.py``). Random statistics stand in for a
forum's; only the time is measured.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from matchforum.matching.index import MAX_LANGUAGE_GROUPS
from matchforum.matching.language_scale import language_scales


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orgs", type=int, default=10000)
    ap.add_argument("--languages", type=int, default=6)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    n, groups = args.orgs, MAX_LANGUAGE_GROUPS
    lang = rng.integers(0, args.languages, n)
    cnt = np.bincount(lang, minlength=groups).astype(float)
    c = np.maximum(cnt[None, :] - (lang[:, None] == np.arange(groups)[None, :]), 0.0)
    mean = rng.normal(0.0, 0.1, (n, groups)) * (c > 0)
    var = rng.uniform(0.8, 1.5, (n, groups)) * (c > 0)
    row_mean, row_var = mean.mean(axis=1), var.mean(axis=1)

    def fixed_prior() -> None:
        k = 10.0
        m = (c * mean + k * row_mean[:, None]) / (c + k)
        v = (
            c * (var + (mean - m) ** 2) + k * (row_var[:, None] + (row_mean[:, None] - m) ** 2)
        ) / (c + k)
        np.sqrt(v)

    def measured_prior() -> None:
        _, v = language_scales(c, mean, var, lang, row_mean, row_var)
        np.sqrt(v)

    methods = {
        "fixed prior, ten organisations (decision 0008)": fixed_prior,
        "prior measured on the forum (decision 0012)": measured_prior,
    }
    times: dict[str, list[float]] = {name: [] for name in methods}
    for f in methods.values():
        f()
    for _ in range(args.runs):
        for name, f in methods.items():
            t = time.perf_counter()
            f()
            times[name].append(time.perf_counter() - t)
    print(f"{n} organisations, {args.languages} languages, {args.runs} alternated runs")
    print("| method | median ms | min ms |\n|---|---|---|")
    for name, ts in times.items():
        print(f"| {name} | {1000 * np.median(ts):.1f} | {1000 * min(ts):.1f} |")


if __name__ == "__main__":
    main()
