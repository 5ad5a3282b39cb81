#!/usr/bin/env python3
"""Rebuild the upgrade test's fixture: a small demo forum made by an older commit's code.

    python scripts/build_upgrade_fixture.py [--commit HASH]

It extracts the commit's tree (`git archive`) into a temporary directory, runs that code's
`migrate` and seeds a scaled-down demo forum with it into a fresh SQLite database (using
this checkout's virtualenv: pick a commit whose pinned dependencies still install), then
writes the database, vacuumed, to tests/operations/fixtures/upgrade-<commit>.sqlite3 and
the row counts the test expects after migrating to tests/operations/fixtures/
upgrade-<commit>.json. tests/operations/test_upgrade.py reads both.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "operations" / "fixtures"
# The 40th commit before this script was written (after the operations app's first migration).
DEFAULT_COMMIT = "6814750"

SEED = """
import json
from matchforum.demo.services import demo_forum_seed
result = demo_forum_seed(size="small", seed=1, scale=0.05, write_credentials=False)
print(json.dumps({"forum_slug": result.forum.slug}))
"""

COUNTS = """
import json
from matchforum.accounts.models import User
from matchforum.forums.models import Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.organisations.models import Delegate, Organisation
print(json.dumps({m.__name__: m.objects.count() for m in
    (User, Forum, Organisation, Delegate, CooperationProfile, MeetingRequest, Meeting)}))
"""


def run_old(tree: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commit", default=DEFAULT_COMMIT)
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short=7", args.commit],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    work = Path(tempfile.mkdtemp(prefix="matchforum-upgrade-"))
    try:
        tree, var = work / "tree", work / "var"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "archive", commit], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "MATCHFORUM_EXPECT_DB")
        } | {
            "PYTHONPATH": str(tree / "src"),
            "MATCHFORUM_VAR_DIR": str(var),
            "DEBUG": "true",
        }
        run_old(tree, env, "migrate", "--noinput", "-v", "0")
        run_old(tree, env, "shell", "-c", SEED)
        counts = json.loads(run_old(tree, env, "shell", "-c", COUNTS))
        database = var / "matchforum.sqlite3"
        with sqlite3.connect(database) as connection:
            connection.execute("PRAGMA journal_mode=DELETE")
        with sqlite3.connect(database) as connection:
            connection.execute("VACUUM")
        FIXTURES.mkdir(parents=True, exist_ok=True)
        target = FIXTURES / f"upgrade-{commit}.sqlite3"
        shutil.copyfile(database, target)
        (FIXTURES / f"upgrade-{commit}.json").write_text(
            json.dumps({"commit": commit, "counts": counts}, indent=2) + "\n"
        )
        print(f"{target} ({target.stat().st_size / 1e6:.2f} MB): {counts}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
