"""Compiling the translation catalogues and measuring them, without Django.

Runs as `python -m matchforum.core.catalogues compile` from the Makefile (before any
settings exist, so `make install` needs no SECRET_KEY): GNU msgfmt when installed,
the pure-Python polib otherwise, so `make run` never needs apt. Each .mo is written
beside its .po and renamed into place, so parallel test workers compiling at once
do no harm.
"""

from __future__ import annotations

import os
import shutil
import subprocess  # nosec B404 - runs GNU msgfmt on our own catalogues
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"
# The least share of translated, not fuzzy, strings each language must have (issue 8).
REQUIRED_COMPLETENESS = {"uk": 1.0, "lt": 1.0, "lv": 0.95, "et": 0.95, "pl": 0.95}


def _compile_one(po_path: Path, mo_path: Path) -> None:
    fd, tmp_name = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
    os.close(fd)
    try:
        msgfmt = shutil.which("msgfmt")
        if msgfmt:
            subprocess.run(  # noqa: S603  # nosec B603 - a fixed program on our own files
                [msgfmt, "--check-format", "-o", tmp_name, str(po_path)],
                check=True,
                capture_output=True,
            )
        else:
            polib.pofile(str(po_path)).save_as_mofile(tmp_name)
        os.replace(tmp_name, mo_path)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def catalogues_compile(*, locale_dir: Path = LOCALE_DIR, stale_only: bool = False) -> list[Path]:
    """Compile each catalogue of the project; with stale_only, those newer than their .mo."""
    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if stale_only and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        _compile_one(po_path, mo_path)
        compiled.append(mo_path)
    return compiled


@dataclass
class Completeness:
    language: str
    total: int = 0
    translated: int = 0
    fuzzy: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.translated / self.total if self.total else 1.0

    @property
    def required(self) -> float:
        return REQUIRED_COMPLETENESS.get(self.language, 0.0)

    @property
    def passes(self) -> bool:
        if self.required >= 1.0:
            return self.total > 0 and not self.fuzzy and not self.missing
        return self.total > 0 and self.ratio >= self.required


def catalogue_completeness(locale_dir: Path, language: str) -> Completeness:
    """Translated, fuzzy and missing strings of one language's django.po."""
    result = Completeness(language=language)
    path = locale_dir / language / "LC_MESSAGES" / "django.po"
    if not path.exists():
        return result
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        result.total += 1
        label = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.fuzzy:
            result.fuzzy.append(label)
        elif entry.translated():
            result.translated += 1
        else:
            result.missing.append(label)
    return result


def catalogues_report(locale_dir: Path, languages: list[str]) -> list[Completeness]:
    return [catalogue_completeness(locale_dir, language) for language in languages]


if __name__ == "__main__":
    if sys.argv[1:] != ["compile"]:
        sys.exit("usage: python -m matchforum.core.catalogues compile")
    done = catalogues_compile()
    print(f"{len(done)} catalogue(s) compiled ({'msgfmt' if shutil.which('msgfmt') else 'polib'}).")
