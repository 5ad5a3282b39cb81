#!/usr/bin/env python3
"""`make prod-up` / `make prod-down`: the production stack on this machine, DEBUG off.

    python scripts/prod_stack.py up [--host 127.0.0.1] [--port 8000]
    python scripts/prod_stack.py down
    python scripts/prod_stack.py status

`up` reads the environment's settings as any production process does. Without
DATABASE_URL it is a trial: it starts a PostgreSQL server of its own under
MATCHFORUM_VAR_DIR/prod/postgres (kept between runs; as root the server runs as the
`postgres` user), generates a SECRET_KEY into MATCHFORUM_VAR_DIR/prod/secret-key, serves
plain HTTP on loopback and seeds the demo forum when the database holds no forum. Then,
in both cases: `migrate_locked`, `collectstatic`, gunicorn (one single-threaded worker
process per core), `db_worker` and `run_scheduler`, each in a session of its own with its
output in MATCHFORUM_VAR_DIR/prod/logs/ and its process id in MATCHFORUM_VAR_DIR/prod/pids/.

`down` stops exactly the processes named by those pid files (each checked against the
start time recorded with it, so a reused process id is never signalled) and the trial's
PostgreSQL server; nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from with_postgres import (
    cluster_init,
    cluster_start,
    cluster_stop,
    database_create,
    find_bindir,
    free_port,
    owned_by_server_user,
)

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
STOP_ORDER = ("web", "scheduler", "worker")  # the web first: no new work while the rest stop


def var_dir() -> Path:
    return Path(os.environ.get("MATCHFORUM_VAR_DIR", ROOT / "var")).resolve()


def stack_dir() -> Path:
    return var_dir() / "prod"


def _private_file(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)


def trial_secret_key() -> str:
    """The trial's own key: generated once, readable by its owner only, never committed
    (var/ is ignored by git)."""
    path = stack_dir() / "secret-key"
    if not path.exists():
        _private_file(path, secrets.token_urlsafe(60))
    return path.read_text().strip()


# --- processes -------------------------------------------------------------------------


def _start_time(pid: int) -> str | None:
    """The kernel's start time of the process (clock ticks since boot), None if it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def pid_path(name: str) -> Path:
    return stack_dir() / "pids" / f"{name}.pid"


def recorded_process(name: str) -> int | None:
    """The pid of the process this script started as `name`, when it still runs."""
    path = pid_path(name)
    try:
        pid_text, started = path.read_text().split()
        pid = int(pid_text)
    except (OSError, ValueError):
        return None
    return pid if _start_time(pid) == started else None


def spawn(name: str, command: list[str], env: dict[str, str]) -> int:
    logs = stack_dir() / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / f"{name}.log", "ab") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: `down` stops it with its children
        )
    started = _start_time(process.pid)
    pid_path(name).parent.mkdir(parents=True, exist_ok=True)
    pid_path(name).write_text(f"{process.pid} {started}\n")
    return process.pid


def stop(name: str, *, grace: float = 30.0) -> bool:
    """SIGTERM to the recorded process group, SIGKILL after `grace` seconds; True if it ran."""
    pid = recorded_process(name)
    pid_path(name).unlink(missing_ok=True)
    if pid is None:
        return False
    started = _start_time(pid)
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if _start_time(pid) != started or _is_zombie(pid):
            return True
        time.sleep(0.2)
    os.killpg(pid, signal.SIGKILL)
    return True


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


# --- the trial's PostgreSQL --------------------------------------------------------------


def trial_database_start() -> str:
    """Start (creating it the first time) the trial's PostgreSQL server; its DATABASE_URL."""
    bindir = find_bindir()
    root = stack_dir() / "postgres"
    data, sockets, log = root / "data", root / "run", root / "server.log"
    fresh = not (data / "PG_VERSION").exists()
    sockets.mkdir(parents=True, exist_ok=True)
    owned_by_server_user(root, sockets)
    if fresh:
        cluster_init(bindir, data)
    port = free_port()
    cluster_start(bindir, data, port=port, sockets=sockets, log=log, throwaway=False)
    (root / "port").write_text(f"{port}\n")
    if fresh:
        return database_create(bindir, port=port)
    return f"postgres://postgres@127.0.0.1:{port}/matchforum"


def trial_database_stop() -> bool:
    data = stack_dir() / "postgres" / "data"
    if not (data / "postmaster.pid").exists():
        return False
    cluster_stop(find_bindir(), data, mode="fast")
    (stack_dir() / "postgres" / "port").unlink(missing_ok=True)
    return True


# --- up / down ---------------------------------------------------------------------------


def stack_environment(args: argparse.Namespace, trial: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "false",
            "MATCHFORUM_VAR_DIR": str(var_dir()),
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    env.setdefault("LOG_FORMAT", "json")
    if trial:
        # A trial serves plain HTTP on loopback: no TLS redirect, no Secure-only cookies, no
        # HSTS. A real site sets DATABASE_URL and keeps the production defaults.
        env.setdefault("SECRET_KEY", trial_secret_key())
        env.setdefault("ALLOWED_HOSTS", f"{args.host},127.0.0.1,localhost")
        env.setdefault("SITE_URL", f"http://{args.host}:{args.port}")
        env.setdefault("SECURE_SSL_REDIRECT", "false")
        env.setdefault("SECURE_COOKIES", "false")
        env.setdefault("SECURE_HSTS_SECONDS", "0")
    return env


def static_is_current(env: dict[str, str]) -> bool:
    """True when STATIC_ROOT's manifest is newer than the install and every static source
    file of the project: collecting (hashing, compressing) again would write the same."""
    static_root = Path(env.get("STATIC_ROOT") or var_dir() / "static")
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [ROOT / "pyproject.toml", Path(sys.prefix) / ".installed"]
    sources += (ROOT / "src" / "matchforum" / "static").rglob("*")
    newest = max(path.stat().st_mtime for path in sources if path.exists())
    return manifest.stat().st_mtime > newest


def gunicorn_log_options(env: dict[str, str]) -> list[str]:
    """With LOG_FORMAT=json, gunicorn's own lines (start, worker exits) are JSON too."""
    if env.get("LOG_FORMAT") != "json":
        return []
    config = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "matchforum.core.logs.JsonLineFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            name: {"level": "INFO", "handlers": ["console"], "propagate": False}
            for name in ("gunicorn.error", "gunicorn.access")
        },
    }
    path = stack_dir() / "gunicorn-logging.json"
    path.write_text(json.dumps(config, indent=2) + "\n")
    return ["--log-config-json", str(path)]


def wait_until_served(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if recorded_process("web") is None:
            raise SystemExit(f"prod-up: gunicorn stopped; see {stack_dir() / 'logs' / 'web.log'}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own loopback URL
                return
        except (OSError, urllib.error.URLError):
            time.sleep(0.5)
    raise SystemExit(f"prod-up: nothing answered at {url} within {seconds:.0f} s")


def up(args: argparse.Namespace) -> int:
    running = [name for name in STOP_ORDER if recorded_process(name)]
    if running:
        print(f"prod-up: already running ({', '.join(running)}); `make prod-down` stops it.")
        return 1
    trial = not os.environ.get("DATABASE_URL")
    env = stack_environment(args, trial)
    if trial:
        env["DATABASE_URL"] = trial_database_start()
    try:
        manage(env, "migrate_locked", "--noinput", "-v", "0")
        if static_is_current(env):
            print("prod-up: static files collected after the last change; not collecting again")
        else:
            manage(env, "collectstatic", "--noinput", "-v", "0")
        seeded = False
        if trial and not _has_forum(env):
            # Its sign-in table is printed once, below, from the credentials file it writes.
            manage(env, "seed_demo", "--size", args.demo_size, capture=True)
            seeded = True
        spawn(
            "web",
            [
                str(BIN / "gunicorn"),
                "matchforum.wsgi:application",
                "--bind",
                f"{args.host}:{args.port}",
                "--workers",
                str(args.workers),
                "--threads",
                "1",
                "--worker-class",
                "gthread",
                "--timeout",
                "120",
                *gunicorn_log_options(env),
            ],
            env,
        )
        spawn("worker", [sys.executable, "manage.py", "db_worker"], env)
        spawn(
            "scheduler",
            [sys.executable, "manage.py", "run_scheduler", "--interval", str(args.tick)],
            env,
        )
        url = f"http://{args.host}:{args.port}/"
        wait_until_served(url + "health/live", args.wait)
    except BaseException:
        down(args)
        raise
    state = {"url": url, "trial": trial, "workers": args.workers}
    (stack_dir() / "stack.json").write_text(json.dumps(state) + "\n")
    print(f"\nmatchforum serves {url} (DEBUG off; {args.workers} web processes, a task worker,")
    print(f"the periodic scheduler). Logs: {stack_dir() / 'logs'}/. Stop it: make prod-down")
    credentials = var_dir() / "demo-credentials.txt"
    if trial and credentials.exists():
        fresh = "new demo forum" if seeded else "demo forum seeded earlier"
        print(f"Sign in at {url}accounts/sign-in/ ({fresh}):\n")
        print(credentials.read_text())
    elif trial:
        print(f"Sign in at {url}accounts/sign-in/ with an account of this database.")
    else:
        print("Sign in with an account of this database (`manage.py createsuperuser` makes one).")
    return 0


def _has_forum(env: dict[str, str]) -> bool:
    code = "from matchforum.forums.models import Forum; print(Forum.objects.exists())"
    return manage(env, "shell", "-c", code, capture=True).strip() == "True"


def down(args: argparse.Namespace | None = None) -> int:
    stopped = [name for name in STOP_ORDER if stop(name)]
    if trial_database_stop():
        stopped.append("postgres")
    (stack_dir() / "stack.json").unlink(missing_ok=True)
    print(f"prod-down: stopped {', '.join(stopped)}" if stopped else "prod-down: nothing running")
    return 0


def status(args: argparse.Namespace) -> int:
    for name in STOP_ORDER:
        pid = recorded_process(name)
        print(f"{name}: {'running, pid ' + str(pid) if pid else 'stopped'}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("up", "down", "status"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="web processes (one per core)"
    )
    parser.add_argument("--tick", type=float, default=5.0, help="seconds between scheduler ticks")
    parser.add_argument("--demo-size", default="small", help="size of a trial's demo forum")
    parser.add_argument("--wait", type=float, default=120.0, help="seconds to wait for gunicorn")
    args = parser.parse_args(argv)
    return {"up": up, "down": down, "status": status}[args.action](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
