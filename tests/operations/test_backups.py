"""manage.py backup and restore, run as an operator runs them: in their own processes.

The SQLite round trip runs on a file database in tmp_path (the test database is in memory,
which SQLite's backup API cannot copy between processes). The PostgreSQL round trip runs
on the PostgreSQL leg of `make test` and is skipped without pg_dump or the server.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from matchforum.operations.backups import (
    DATABASE_MEMBERS,
    FORMAT,
    MANIFEST,
    BackupError,
    backup_restore,
)

ROOT = Path(__file__).resolve().parents[2]

MAKE_FORUM = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from tests.factories import DelegateFactory, OrganisationFactory, forum_build
forum = forum_build(name="Backup Forum", slug="backup-forum")
for number in range(3):
    organisation = OrganisationFactory(forum=forum, name=f"Backed-up organisation {number}")
    DelegateFactory(organisation=organisation, user__email=f"delegate{number}@example.org")
default_storage.save("community/2027/03/brief.pdf", ContentFile(b"%PDF-1.4 the brief"))
from matchforum.annexes.storage import private_storage
private_storage().save("annexes/2027/03/drawing.pdf", ContentFile(b"%PDF-1.4 the drawing"))
"""

DELETE_FORUM = """
import shutil
from django.conf import settings
from matchforum.accounts.models import User
from matchforum.forums.models import Forum
Forum.objects.all().delete()
User.objects.all().delete()
shutil.rmtree(settings.MEDIA_ROOT)
shutil.rmtree(settings.PRIVATE_FILES_ROOT)
"""

# Every table's row count and a sample of rows, as JSON on stdout.
SNAPSHOT = """
import json
from matchforum.accounts.models import User
from matchforum.operations.backups import table_row_counts
from matchforum.organisations.models import Organisation
print(json.dumps({
    "counts": table_row_counts(),
    "organisations": sorted(Organisation.objects.values_list("name", "country", "forum__slug")),
    "users": sorted(User.objects.values_list("email", "password")),
}))
"""


def site_env(var_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "CACHE_URL"}
    }
    env.update({"MATCHFORUM_VAR_DIR": str(var_dir), "MATCHFORUM_TESTING": "true"})
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def snapshot(env: dict[str, str]) -> dict:
    return json.loads(manage(env, "shell", "-c", SNAPSHOT).stdout.strip().splitlines()[-1])


def back_up(env: dict[str, str], out: Path) -> Path:
    archive = Path(manage(env, "backup", "--output", str(out)).stdout.strip().splitlines()[-1])
    assert archive.is_file() and archive.parent == out
    return archive


@pytest.mark.slow
def test_sqlite_backup_restores_rows_and_uploaded_files(tmp_path):
    env = site_env(tmp_path / "site")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "shell", "-c", MAKE_FORUM)
    before = snapshot(env)
    assert len(before["organisations"]) == 3
    archive = back_up(env, tmp_path / "backups")

    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile(MANIFEST))
    assert {
        MANIFEST,
        "database.sqlite3",
        "media/community/2027/03/brief.pdf",
        "private/annexes/2027/03/drawing.pdf",
    } <= names
    assert manifest["database"] == "sqlite"
    assert manifest["counts"]["organisations_organisation"] == 3
    assert ["operations", "0001_initial"] in manifest["migrations"]
    assert set(manifest["checksums"]) == names - {MANIFEST}

    refused = manage(env, "restore", str(archive), check=False)
    assert refused.returncode != 0
    assert "--yes" in refused.stderr

    manage(env, "shell", "-c", DELETE_FORUM)
    assert snapshot(env)["organisations"] == []
    restored = manage(env, "restore", str(archive))
    assert "restored the backup" in restored.stdout
    assert snapshot(env) == before
    brief = tmp_path / "site" / "media" / "community" / "2027" / "03" / "brief.pdf"
    assert brief.read_bytes() == b"%PDF-1.4 the brief"
    drawing = tmp_path / "site" / "private" / "annexes" / "2027" / "03" / "drawing.pdf"
    assert drawing.read_bytes() == b"%PDF-1.4 the drawing"

    # Elsewhere: a new site whose database does not exist yet.
    elsewhere = site_env(tmp_path / "elsewhere")
    manage(elsewhere, "restore", str(archive))
    assert snapshot(elsewhere) == before
    assert (tmp_path / "elsewhere" / "media" / "community" / "2027" / "03" / "brief.pdf").is_file()
    # The restored site answers as the original: its migrations are all applied.
    assert "[ ]" not in manage(elsewhere, "showmigrations", "--list").stdout


def write_archive(path: Path, manifest: dict, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in {MANIFEST: json.dumps(manifest).encode(), **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def manifest_of(**fields) -> dict:
    manifest = {
        "format": FORMAT,
        "app_version": "0.1.0",
        "created_at": "2027-03-16T08:00:00+00:00",
        "database": connection.vendor,
        "migrations": [["operations", "0001_initial"]],
        "counts": {},
        "media_files": 0,
        "checksums": {},
    }
    manifest.update(fields)
    return manifest


@pytest.mark.django_db
def test_restore_refuses_an_archive_with_a_newer_schema(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = write_archive(
        tmp_path / "newer.tar.gz",
        manifest_of(migrations=[["operations", "0001_initial"], ["operations", "9999_future"]]),
        {},
    )
    with pytest.raises(BackupError, match=r"newer than this code.*operations\.9999_future"):
        backup_restore(archive=archive, replace=True)


@pytest.mark.django_db
def test_restore_refuses_a_damaged_archive_before_changing_anything(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "kept.txt").write_text("still here")
    member = DATABASE_MEMBERS[connection.vendor]
    archive = write_archive(
        tmp_path / "damaged.tar.gz",
        manifest_of(checksums={member: "0" * 64}),
        {member: b"not the bytes the manifest describes"},
    )
    with pytest.raises(BackupError, match="checksum mismatch"):
        backup_restore(archive=archive, replace=True)
    assert (tmp_path / "media" / "kept.txt").read_text() == "still here"


@pytest.mark.django_db
def test_restore_refuses_an_archive_of_another_database(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = write_archive(tmp_path / "other.tar.gz", manifest_of(database=other), {})
    with pytest.raises(BackupError, match=f"holds a {other} database"):
        backup_restore(archive=archive, replace=True)


def postgres_admin():
    import psycopg

    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def postgres_url(name: str) -> str:
    db = settings.DATABASES["default"]
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{name}"


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor != "postgresql"
    or not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="needs the PostgreSQL leg of `make test` and PostgreSQL's pg_dump and pg_restore",
)
def test_postgres_backup_restores_into_another_database(tmp_path):
    names = ("matchforum_backup_source", "matchforum_backup_target")
    with postgres_admin() as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        source = site_env(tmp_path / "source", postgres_url(names[0]))
        manage(source, "migrate", "--noinput", "--verbosity", "0")
        manage(source, "shell", "-c", MAKE_FORUM)
        before = snapshot(source)
        archive = back_up(source, tmp_path / "backups")
        with tarfile.open(archive) as tar:
            assert json.load(tar.extractfile(MANIFEST))["database"] == "postgresql"
            assert "database.pgdump" in tar.getnames()

        target = site_env(tmp_path / "target", postgres_url(names[1]))
        manage(target, "restore", str(archive))
        assert snapshot(target) == before
        assert (tmp_path / "target" / "media" / "community" / "2027" / "03" / "brief.pdf").is_file()

        # Restoring over data asks for --yes, then replaces it.
        refused = manage(target, "restore", str(archive), check=False)
        assert refused.returncode != 0 and "--yes" in refused.stderr
        manage(target, "restore", str(archive), "--yes")
        assert snapshot(target) == before
    finally:
        with postgres_admin() as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_missing_pg_dump_is_a_clear_error(monkeypatch):
    from matchforum.operations.backups import _pg_tool

    monkeypatch.setenv("PATH", "")
    with pytest.raises(BackupError, match=r"pg_dump was not found on PATH.*postgresql-client"):
        _pg_tool("pg_dump")
