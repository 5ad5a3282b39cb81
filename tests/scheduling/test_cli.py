"""The command line solves and checks (run as a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from matchforum.scheduling import problem_to_dzn

from .helpers import tiny

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(
        [sys.executable, "-m", "matchforum.scheduling", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_solve_then_check(tmp_path):
    p = tiny([(1, 2), (1, 3), (2, 3), (3, 4)], 5, tables=2)
    f = tmp_path / "small.dzn"
    f.write_text(problem_to_dzn(p))
    out = tmp_path / "s.json"
    r = _run(
        "solve",
        str(f),
        "--fairness",
        "1",
        "--time-limit",
        "20",
        "--workers",
        "1",
        "--out",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert len(data["slots"]) == 4 and len(data["tables"]) == 4
    assert data["proven_optimal"] is True
    r = _run("check", str(f), str(out), "--fairness", "1")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "valid" in r.stdout
    # corrupt: put meetings 1 and 2 (both with participant 1) in the same slot
    data["slots"][1] = data["slots"][0]
    out.write_text(json.dumps(data))
    r = _run("check", str(f), str(out), "--fairness", "1")
    assert r.returncode == 1
    assert "participant 1 has 2 meetings in slot" in r.stdout


def test_bad_input_is_reported(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text("{not json")
    r = _run("solve", str(f))
    assert r.returncode == 2 and "error:" in r.stderr


def test_solving_a_small_instance_loads_no_cp_sat(tmp_path):
    # CP-SAT's import (numpy, pandas) alone takes longer than solving a small instance:
    # the CLI, the heuristic, the bound and the SAT search must not need it
    p = tiny([(1, 2), (1, 3), (2, 3), (3, 4), (2, 4)], 6, tables=2)
    f = tmp_path / "small.dzn"
    f.write_text(problem_to_dzn(p))
    script = (
        "import sys\n"
        "from matchforum.scheduling.cli import main\n"
        f"code = main(['solve', {str(f)!r}, '--time-limit', '5', '--quiet', "
        f"'--out', {str(tmp_path / 'o.json')!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('ortools', 'pandas'))\n"
        "print(code, loaded)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[0] == "0 []"
    assert json.loads((tmp_path / "o.json").read_text())["proven_optimal"] is True
