#!/usr/bin/env python3
"""Audit the pinned dependencies of pyproject.toml with pip-audit, saying plainly what was checked.

    python scripts/audit_dependencies.py            # part of `make lint`
    AUDIT_STRICT=1 python scripts/audit_dependencies.py   # fail when the database is unreachable

pip-audit needs a vulnerability database (PyPI's JSON API or OSV). Where neither can be
reached (an offline machine, a registry mirror without that API) it would otherwise print
"No known vulnerabilities found" while having checked nothing; this wrapper reports such a
run as NOT AUDITED instead, and fails only on real findings (or, with AUDIT_STRICT=1, on
an unaudited run too). It never hangs: each request has a timeout, and the run a limit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def pinned_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        pins += extra
    return sorted({pin for pin in pins if "==" in pin})


def main() -> int:
    pins = pinned_requirements()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(pins) + "\n")
        requirements = handle.name
    command = [
        str(BIN / "pip-audit"),
        "--disable-pip",
        "--no-deps",
        "--requirement",
        requirements,
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "--timeout",
        "15",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return report_unaudited(len(pins), "pip-audit took longer than 5 minutes")
    finally:
        os.unlink(requirements)
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        report = {}
    dependencies = report.get("dependencies", [])
    if not dependencies:
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return report_unaudited(len(pins), reason[:300])
    audited = [d for d in dependencies if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            name, version = dependency["name"], dependency["version"]
            print(f"VULNERABLE {name} {version}: {vuln['id']} ({fixes})")
    if not audited:
        return report_unaudited(len(pins), dependencies[0].get("skip_reason", "")[:300])
    skipped = len(dependencies) - len(audited)
    print(
        f"pip-audit: {len(audited)} pinned packages audited, {skipped} could not be, "
        f"{len(vulnerable)} vulnerable."
    )
    return 1 if vulnerable else 0


def report_unaudited(count: int, reason: str) -> int:
    print(
        f"pip-audit: NOT AUDITED — the vulnerability database could not be reached for any of "
        f"the {count} pinned packages ({reason}). Run `make audit` on a machine with access "
        "to PyPI's JSON API or OSV."
    )
    return 1 if os.environ.get("AUDIT_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
