"""A real benchmark instance solved to its published optimum, checked independently."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from matchforum.scheduling import read_dzn, solve, validate


def _bench_dir() -> Path:
    env = os.environ.get("MATCHFORUM_B2B_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared/benchmarks/b2b"


BENCH = _bench_dir()
if not BENCH.is_dir():
    BENCH = Path("/work/shared/benchmarks/b2b")


@pytest.mark.skipif(not BENCH.is_dir(), reason="benchmark directory absent")
@pytest.mark.parametrize("name", ["tic-12", "tic-13crafb"])
def test_published_optimum(name):
    published = {
        r["instance"]: int(r["published_optimum_breaks"])
        for r in csv.DictReader((BENCH / "published.csv").open())
    }
    problem = read_dzn(BENCH / "instances" / f"{name}.dzn")
    sched = solve(problem, fairness=2, time_limit=120, workers=2)
    rep = validate(problem, sched, fairness=2)
    assert rep.ok, rep.errors
    assert sched.proven_optimal
    assert rep.breaks == published[name]
