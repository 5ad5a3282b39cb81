"""The production stack as an operator starts it: `scripts/prod_stack.py up`, then `down`.

A trial stack (its own PostgreSQL server, gunicorn, the task worker, the scheduler; DEBUG
off) on a free loopback port, driven over HTTP only, as a browser would: sign in, send a
meeting request, accept it as the other side, see the worker mail the notification, run
the scheduler, watch /health/ready follow the worker, stop everything. It runs in the
PostgreSQL leg (`make test-postgres`), where the server binaries are known to be there.
Every wait polls with a generous limit; nothing asserts how long anything took.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from scripts.with_postgres import free_port

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "prod_stack.py"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("MATCHFORUM_EXPECT_DB") != "postgresql",
        reason="the stack test runs in the PostgreSQL leg (make test-postgres)",
    ),
]


def poll(what: str, probe: Callable[[], object], seconds: float = 240.0) -> object:
    """probe() until it returns something truthy; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.5)


class Stack:
    def __init__(self, var: Path, port: int) -> None:
        self.var = var
        self.url = f"http://127.0.0.1:{port}"
        self.port = port
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "MATCHFORUM_EXPECT_DB", "DJANGO_SETTINGS_MODULE")
        } | {
            "MATCHFORUM_VAR_DIR": str(var),
            # Collected once per checkout (hashing and compressing takes a while), then
            # found current by later runs, as a restarted stack finds its own.
            "STATIC_ROOT": str(ROOT / "var" / "stack-test-static"),
            "EMAIL_URL": f"filemail:///{var / 'mail'}",  # four slashes: an absolute path
            # Heartbeats every 2 s, stale after 10 s: the worker check turns within seconds.
            "WORKER_HEARTBEAT_SECONDS": "2",
            "HEALTH_HEARTBEAT_MAX_SECONDS": "10",
        }

    def run(self, action: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(SCRIPT), action, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def query(self, code: str) -> object:
        """Run `code` (which prints JSON) in the stack's database with its settings."""
        port = (self.var / "prod" / "postgres" / "port").read_text().strip()
        env = self.env | {
            "DEBUG": "false",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/matchforum",
            "SECRET_KEY": (self.var / "prod" / "secret-key").read_text().strip(),
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    def pid(self, name: str) -> int:
        return int((self.var / "prod" / "pids" / f"{name}.pid").read_text().split()[0])

    def credentials(self) -> dict[str, str]:
        """{e-mail: password} from the sign-in table the trial printed and wrote."""
        text = (self.var / "demo-credentials.txt").read_text()
        found = re.findall(r"(\S+@demo\.matchforum\.test)\s+(\S+)", text)
        return dict(found)

    def sign_in(self, email: str, password: str) -> requests.Session:
        session = requests.Session()
        session.get(f"{self.url}/accounts/sign-in/", timeout=60).raise_for_status()
        response = session.post(
            f"{self.url}/accounts/sign-in/",
            data={
                "username": email,
                "password": password,
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
            timeout=60,
        )
        response.raise_for_status()
        assert "sessionid" in session.cookies, f"{email} was not signed in"
        return session

    def post(self, session: requests.Session, path: str, data: dict) -> requests.Response:
        data = {"csrfmiddlewaretoken": session.cookies["csrftoken"], **data}
        response = session.post(f"{self.url}{path}", data=data, timeout=120)
        response.raise_for_status()
        return response

    def ready(self) -> tuple[int, dict]:
        response = requests.get(f"{self.url}/health/ready", timeout=60)
        return response.status_code, response.json()


def process_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def stack():
    # PostgreSQL runs as the `postgres` user when we are root: it must reach its directory.
    var = Path(tempfile.mkdtemp(prefix="matchforum-stack-"))
    var.chmod(0o755)
    stack = Stack(var, free_port())
    try:
        yield stack
    finally:
        stack.run("down")
        shutil.rmtree(var, ignore_errors=True)


PAIR_WITHOUT_REQUEST = """
import json, itertools
from django.db.models import Q
from matchforum.meetings.models import MeetingRequest
from matchforum.organisations.models import Delegate
emails = ["drones.ua", "investor.lv", "demining.lt", "brigade.ua"]
delegates = [Delegate.objects.select_related("user").get(user__email=f"{e}@demo.matchforum.test")
             for e in emails]
for a, b in itertools.permutations(delegates, 2):
    between = Q(sender__organisation=a.organisation, recipient_organisation=b.organisation) | Q(
        sender__organisation=b.organisation, recipient_organisation=a.organisation)
    if not MeetingRequest.objects.filter(between).exists():
        print(json.dumps([a.user.email, b.user.email, b.organisation_id]))
        break
else:
    print(json.dumps(None))
"""


def test_the_stack_serves_delivers_schedules_and_stops(stack):
    started = stack.run("up", "--port", str(stack.port), "--tick", "1")
    assert started.returncode == 0, started.stdout + started.stderr
    assert f"serves {stack.url}/" in started.stdout
    assert "organiser@demo.matchforum.test" in started.stdout  # how to sign in
    passwords = stack.credentials()
    pids = {name: stack.pid(name) for name in ("web", "worker", "scheduler")}

    # A delegate sends a request to an organisation it has no request with yet.
    pair = stack.query(PAIR_WITHOUT_REQUEST)
    assert pair, "the demo forum has no pair of demo delegates without a request"
    sender_email, recipient_email, recipient_organisation = pair
    sender = stack.sign_in(sender_email, passwords[sender_email])
    sent_page = stack.post(
        sender,
        f"/meetings/request/{recipient_organisation}/",
        {"message": "Shall we meet?", "session_wish": "any"},
    )
    request_pk = stack.query(
        "import json; from matchforum.meetings.models import MeetingRequest; print(json.dumps("
        "list(MeetingRequest.objects.filter(sender__user__email="
        f"{sender_email!r}, recipient_organisation_id={recipient_organisation}, status='pending')"
        ".values_list('pk', flat=True))))"
    )
    assert len(request_pk) == 1, sent_page.text[:3000]

    # The other side accepts; the worker mails the sender that it was accepted.
    recipient = stack.sign_in(recipient_email, passwords[recipient_email])
    stack.post(recipient, f"/meetings/requests/{request_pk[0]}/accept/", {})
    sent = poll(
        "the acceptance notification to be sent",
        lambda: stack.query(
            "import json; from matchforum.notifications.models import Notification; "
            "print(json.dumps(list(Notification.objects.filter(user__email="
            f"{sender_email!r}, kind='request_accepted', sent_at__isnull=False)"
            ".values_list('subject', flat=True))))"
        ),
    )
    mails = "".join(p.read_text() for p in (stack.var / "mail").glob("*.log"))
    assert f"To: {sender_email}" in mails
    assert sent[0] in mails or "Subject:" in mails

    # The organiser starts a scheduling run; the worker finishes it.
    organiser_email = "organiser@demo.matchforum.test"
    organiser = stack.sign_in(organiser_email, passwords[organiser_email])
    page = stack.post(organiser, "/console/runs/", {"time_limit": "10"})
    run_pk = int(re.search(r"/console/runs/(\d+)/", page.url).group(1))
    status = poll(
        "the scheduling run to finish",
        lambda: stack.query(
            "import json; from matchforum.schedules.models import SchedulingRun; "
            f"s = SchedulingRun.objects.get(pk={run_pk}).status; "
            "print(json.dumps(s if s not in ('queued', 'running') else None))"
        ),
    )
    assert status == "finished"

    # Ready while the worker runs; 503 naming the worker once it is stopped.
    poll("/health/ready to answer 200", lambda: stack.ready()[0] == 200)
    os.killpg(pids["worker"], signal.SIGTERM)
    poll("the worker to stop", lambda: not process_alive(pids["worker"]), 120)
    _status, body = poll("/health/ready to fail", lambda: (r := stack.ready())[0] == 503 and r)
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True

    # Structured request logs: JSON lines, route templates, no e-mail addresses.
    lines = (stack.var / "prod" / "logs" / "web.log").read_text().splitlines()
    requests_logged = [
        entry for entry in map(json.loads, filter(None, lines)) if entry.get("event") == "request"
    ]
    assert "/meetings/requests/<int:pk>/accept/" in {entry["route"] for entry in requests_logged}
    assert not any("@" in json.dumps(entry) for entry in requests_logged)

    stopped = stack.run("down")
    assert stopped.returncode == 0, stopped.stderr
    for name in ("web", "scheduler"):
        poll(f"{name} to be gone", lambda pid=pids[name]: not process_alive(pid), 60)
    assert not list((stack.var / "prod" / "pids").glob("*.pid"))
    assert not (stack.var / "prod" / "postgres" / "data" / "postmaster.pid").exists()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{stack.url}/health/live", timeout=10)
