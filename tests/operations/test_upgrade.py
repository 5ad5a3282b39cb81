"""An older release's database migrates to the current schema and the forum still works.

There are no release tags yet: the fixture is a small demo forum (a 5 % scale of the small
demo) that the code of an older commit of main created and migrated, in SQLite
(tests/operations/fixtures/upgrade-<commit>.sqlite3, with the row counts it held in
upgrade-<commit>.json). `python scripts/build_upgrade_fixture.py --commit HASH` rebuilds it
from another commit. The test migrates a copy with this code, in a process of its own (as
an operator's `migrate` would), then renders the sign-in page, the marketplace and the
agenda of a delegate and compares the counts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).with_name("fixtures")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("MATCHFORUM_EXPECT_DB") == "postgresql",
        reason="the fixture is SQLite: it runs once, in the SQLite leg",
    ),
]

CHECK = """
import json
from django.test import Client
from django.urls import reverse
from matchforum.accounts.models import User
from matchforum.forums.models import Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.organisations.models import Delegate, Organisation
counts = {m.__name__: m.objects.count() for m in
    (User, Forum, Organisation, Delegate, CooperationProfile, MeetingRequest, Meeting)}
client = Client()
pages = {"sign_in": client.get(reverse("accounts:login")).status_code}
delegate = Delegate.objects.filter(organisation__accreditation="approved").first()
client.force_login(delegate.user)
pages["marketplace"] = client.get(reverse("marketplace:search")).status_code
pages["agenda"] = client.get(reverse("agenda:agenda")).status_code
print(json.dumps({"counts": counts, "pages": pages}))
"""


def fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("upgrade-*.sqlite3"))


@pytest.mark.parametrize("database", fixtures(), ids=lambda path: path.stem)
def test_an_older_database_migrates_and_the_forum_still_works(database, tmp_path):
    expected = json.loads(database.with_suffix(".json").read_text())
    shutil.copyfile(database, tmp_path / "matchforum.sqlite3")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "MATCHFORUM_EXPECT_DB")
    } | {"MATCHFORUM_VAR_DIR": str(tmp_path), "DEBUG": "true"}

    def manage(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    manage("migrate", "--noinput")
    manage("migrate", "--check")  # nothing left to apply
    found = json.loads(manage("shell", "-c", CHECK).strip().splitlines()[-1])
    assert found["counts"] == expected["counts"]
    assert found["pages"] == {"sign_in": 200, "marketplace": 200, "agenda": 200}


def test_the_fixture_is_there_and_small():
    assert fixtures(), "no upgrade fixture: run scripts/build_upgrade_fixture.py"
    assert all(path.stat().st_size < 2_000_000 for path in fixtures())
