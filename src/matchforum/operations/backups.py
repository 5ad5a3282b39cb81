"""Backups that restore: one tar.gz with the database, the uploaded files and a manifest.

Layout of an archive::

    manifest.json        app version, database vendor, applied migrations, created_at,
                         row counts per table, SHA-256 of every other member
    database.sqlite3     SQLite's online backup of the file database, or
    database.pgdump      `pg_dump --format=custom` of the PostgreSQL database
    media/...            MEDIA_ROOT (post attachments)
    private/...          PRIVATE_FILES_ROOT (technical annexes under NDA)

Restore checks the checksums before it touches anything, refuses an archive whose schema is
newer than the code (a migration the code does not know), replaces the database and the
uploaded files, and then compares every table's row count with the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - pg_dump and pg_restore, found on PATH, no shell
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA = "media"
PRIVATE = "private"
FORMAT = 1


def _file_roots() -> list[tuple[str, Path]]:
    """The uploaded files' directories, by their folder in the archive."""
    return [(MEDIA, Path(settings.MEDIA_ROOT)), (PRIVATE, Path(settings.PRIVATE_FILES_ROOT))]


DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict
    pending_migrations: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _app_version() -> str:
    try:
        return metadata.version("matchforum")
    except metadata.PackageNotFoundError:
        return "unknown"


def _vendor() -> str:
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def table_row_counts() -> dict[str, int]:
    """Rows of every table in the database (not only the models': the task queue too)."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608  # nosec B608 - catalogue names
            counts[table] = cursor.fetchone()[0]
    return counts


def _applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found on PATH: install PostgreSQL's client programs "
            "(Debian: postgresql-client) in the version of the server or newer"
        )
    return path


def _pg_command(tool: str) -> tuple[list[str], dict[str, str]]:
    """The tool with the connection options of the default database; password in the env."""
    db = settings.DATABASES[DEFAULT_DB_ALIAS]
    command = [_pg_tool(tool), "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return command, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603  # nosec B603 - PostgreSQL's own tools, no shell
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _sqlite_path() -> Path:
    name = str(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"])
    if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        raise BackupError("an in-memory SQLite database cannot be backed up: use a file database")
    return Path(name)


def _database_dump(vendor: str, target: Path) -> None:
    if vendor == "sqlite":
        source = sqlite3.connect(_sqlite_path())
        dest = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent snapshot while others write.
            source.backup(dest)
        finally:
            dest.close()
            source.close()
        return
    command, env = _pg_command("pg_dump")
    db_name = str(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"])
    _run([*command, "--format=custom", "--no-owner", f"--file={target}", db_name], env)


def _database_load(vendor: str, source: Path) -> None:
    connections.close_all()
    if vendor == "sqlite":
        path = _sqlite_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(source)
        dest = sqlite3.connect(path)
        try:
            # Copies every page into the live file, so no stale WAL or journal is left.
            src.backup(dest)
        finally:
            dest.close()
            src.close()
        return
    command, env = _pg_command("pg_restore")
    db_name = str(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"])
    _clear_postgres_schema()
    _run(
        [
            *command,
            # Tables belong to the restoring role; the source site's roles need not exist.
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={db_name}",
            str(source),
        ],
        env,
    )


def _clear_postgres_schema() -> None:
    """Drop every table (and with it its sequences), so the dump loads into an empty
    database: pg_restore --clean would leave behind tables the archive does not hold."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if tables:
            names = ", ".join(connection.ops.quote_name(table) for table in tables)
            cursor.execute(f"DROP TABLE IF EXISTS {names} CASCADE")  # catalogue names, no input
    connections.close_all()


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def backup_create(*, output_dir: Path, now: dt.datetime | None = None) -> Path:
    """Write one archive of the database and the uploaded files into output_dir."""
    now = now or timezone.now()
    vendor = _vendor()
    output_dir.mkdir(parents=True, exist_ok=True)
    archive = output_dir / f"matchforum-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as work:
        database = Path(work) / DATABASE_MEMBERS[vendor]
        _database_dump(vendor, database)
        files = [
            (f"{folder}/{path.relative_to(root).as_posix()}", path)
            for folder, root in _file_roots()
            for path in _media_files(root)
        ]
        checksums = {database.name: _sha256(database)}
        for name, path in files:
            checksums[name] = _sha256(path)
        manifest = {
            "format": FORMAT,
            "app_version": _app_version(),
            "created_at": now.isoformat(),
            "database": vendor,
            "migrations": _applied_migrations(),
            "counts": table_row_counts(),
            "media_files": len(files),
            "checksums": checksums,
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            tar.add(database, arcname=database.name)
            for name, path in files:
                tar.add(path, arcname=name)
        # A half-written archive never carries the final name.
        partial.replace(archive)
    return archive


def backup_manifest_read(*, archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile(MANIFEST)
        if member is None:
            raise BackupError(f"{archive} holds no {MANIFEST}: not a matchforum backup")
        return json.loads(member.read())


def _check_schema_not_newer(manifest: dict) -> None:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(tuple(entry) for entry in manifest["migrations"] if tuple(entry) not in known)
    if unknown:
        shown = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"the archive's schema is newer than this code (unknown migrations: {shown}); "
            f"install matchforum {manifest.get('app_version', '?')} or later to restore it"
        )


def _check_checksums(manifest: dict, root: Path) -> None:
    expected = manifest["checksums"]
    present = {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path.name != MANIFEST
    }
    if present != set(expected):
        missing = sorted(set(expected) - present)
        extra = sorted(present - set(expected))
        raise BackupError(
            f"the archive does not match its manifest (missing {missing}, extra {extra})"
        )
    for name, checksum in expected.items():
        if _sha256(root / name) != checksum:
            raise BackupError(f"checksum mismatch for {name}: the archive is damaged")


def forum_data_present() -> bool:
    """True when restoring would replace what people entered: an account, a forum or an
    uploaded file. Rows that migrations seed (content types, the track taxonomy) do not
    count, so a freshly migrated database takes a restore without --yes."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    from django.contrib.auth import get_user_model

    from matchforum.forums.models import Forum

    for model in (get_user_model(), Forum):
        if model._meta.db_table in tables and model.objects.exists():
            return True
    return any(_media_files(root) for _folder, root in _file_roots())


def _media_replace(source: Path, media_root: Path) -> None:
    media_root.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(dir=media_root.parent, prefix=".media-restore-"))
    if source.is_dir():
        shutil.copytree(source, incoming, dirs_exist_ok=True)
    if media_root.exists():
        retired = media_root.with_name(f".media-replaced-{os.getpid()}")
        media_root.rename(retired)
        incoming.rename(media_root)
        shutil.rmtree(retired)
    else:
        incoming.rename(media_root)


def backup_restore(*, archive: Path, replace: bool = False) -> RestoreResult:
    """Restore an archive of backup_create into this database and MEDIA_ROOT.

    Refuses, before it changes anything, a damaged archive, an archive of another database
    vendor, one with a newer schema, and (unless replace) a database or media directory
    that already holds data.
    """
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist")
    manifest = backup_manifest_read(archive=archive)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    vendor = _vendor()
    if manifest["database"] != vendor:
        raise BackupError(
            f"the archive holds a {manifest['database']} database; this site uses {vendor}"
        )
    _check_schema_not_newer(manifest)
    if not replace and forum_data_present():
        raise BackupError(
            "this site already holds data; restoring replaces the database and the uploaded "
            "files: pass --yes to confirm"
        )
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as work:
        root = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(root, filter="data")
        _check_checksums(manifest, root)
        _database_load(vendor, root / DATABASE_MEMBERS[vendor])
        for folder, files_root in _file_roots():
            _media_replace(root / folder, files_root)
    counts = table_row_counts()
    wrong = {
        table: (expected, counts.get(table))
        for table, expected in manifest["counts"].items()
        if counts.get(table) != expected
    }
    if wrong:
        raise BackupError(f"row counts differ from the manifest after restore: {wrong}")
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return RestoreResult(manifest=manifest, pending_migrations=pending)
