#!/usr/bin/env python3
"""Run a command against a throw-away PostgreSQL server that this script starts and stops.

    python scripts/with_postgres.py -- pytest -q

It initialises a cluster in a temporary directory with Debian's binaries, starts it on
a free loopback port, exports DATABASE_URL for the command, and removes everything
afterwards. PostgreSQL refuses to run as root, so as root the server runs as the
unprivileged `postgres` user (created by Debian's package). If the server cannot start,
the script fails loudly: a PostgreSQL leg that silently runs on SQLite proves nothing.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def find_bindir() -> Path:
    override = os.environ.get("PG_BINDIR")
    if override:
        return Path(override)
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    if candidates:
        return Path(candidates[-1])
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        return Path(pg_ctl).resolve().parent
    sys.exit("with_postgres: no PostgreSQL server binaries found (install Debian's postgresql).")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def cluster_init(bindir: Path, data: Path) -> None:
    """Create a cluster in `data` (trust authentication on loopback, UTF-8)."""
    subprocess.run(
        as_server_user(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def cluster_start(
    bindir: Path, data: Path, *, port: int, sockets: Path, log: Path, throwaway: bool = True
) -> None:
    """Start the cluster on 127.0.0.1:port; `throwaway` trades durability for speed."""
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c max_connections=200"
    if throwaway:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(
        as_server_user(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def cluster_stop(bindir: Path, data: Path, *, mode: str = "immediate") -> None:
    subprocess.run(
        as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", mode, "-w", "stop"]),
        stdout=subprocess.DEVNULL,
        check=False,
    )


def database_create(bindir: Path, *, port: int, name: str = "matchforum") -> str:
    """Create the database `name`; its DATABASE_URL."""
    subprocess.run(
        [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", name],
        check=True,
    )
    return f"postgres://postgres@127.0.0.1:{port}/{name}"


def owned_by_server_user(*paths: Path) -> None:
    """As root the server runs as `postgres`, which must own its directories."""
    if os.geteuid() == 0:
        for path in paths:
            shutil.chown(path, "postgres", "postgres")


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        sys.exit("usage: with_postgres.py -- COMMAND [ARGS...]")
    bindir = find_bindir()
    root = Path(tempfile.mkdtemp(prefix="matchforum-pg-"))
    data, sockets, log = root / "data", root / "run", root / "server.log"
    sockets.mkdir()
    owned_by_server_user(root, sockets)
    port = free_port()
    started = False
    try:
        cluster_init(bindir, data)
        cluster_start(bindir, data, port=port, sockets=sockets, log=log)
        started = True
        url = database_create(bindir, port=port)
        print(f"with_postgres: PostgreSQL {bindir.parent.name} on 127.0.0.1:{port}", flush=True)
        env = {**os.environ, "DATABASE_URL": url, "MATCHFORUM_EXPECT_DB": "postgresql"}
        return subprocess.call(argv, env=env)
    except subprocess.CalledProcessError as exc:
        if log.exists():
            sys.stderr.write(log.read_text())
        sys.exit(f"with_postgres: PostgreSQL could not start ({exc}); failing instead of skipping.")
    finally:
        if started:
            cluster_stop(bindir, data)
            time.sleep(0.2)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
