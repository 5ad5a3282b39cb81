"""Extracting the project's strings with Django's makemessages (needs GNU gettext).

`catalogues_extract_fresh` runs makemessages on a copy of the source tree: the
result is what `make messages` would produce, without touching the real files, so
the completeness report and its test see strings that nobody has extracted yet.
"""

from __future__ import annotations

import shutil
from contextlib import chdir
from io import StringIO
from pathlib import Path

from django.conf import settings

from .catalogues import SOURCE_LANGUAGE

# Directories of the source tree that hold no strings of ours.
IGNORED = ["static", "locale", "migrations", "__pycache__", "scheduling", "matching"]


def source_dir() -> Path:
    return Path(settings.BASE_DIR)


def all_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translated_languages() -> list[str]:
    return [code for code in all_languages() if code != SOURCE_LANGUAGE]


def messages_make(*, source: Path | None = None, languages: list[str] | None = None) -> None:
    """Run makemessages over the project's source (not the venv, not Django's strings)."""
    from django.core.management import call_command

    with chdir(source or source_dir()):
        call_command(
            "makemessages",
            locale=languages or all_languages(),
            ignore_patterns=IGNORED,
            add_location="file",
            no_obsolete=True,
            verbosity=0,
            stdout=StringIO(),
        )


def catalogues_extract_fresh(destination: Path) -> Path:
    """Copy the source tree to destination and run makemessages there; its locale dir."""
    tree = destination / "matchforum"
    shutil.copytree(
        source_dir(),
        tree,
        ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo", "*.pyc", "media"),
    )
    messages_make(source=tree, languages=translated_languages())
    return tree / "locale"
