"""Organisation names as people read them.

Two names that look the same must be the same name: a zero-width space, a full-width
letter or a Cyrillic "О" in place of a Latin "O" must not let a second "Ozolavots
Partners SIA" register next to the first. `name_clean` is what we store (invisible format
characters removed, spaces collapsed); `name_key` is what we compare: NFKC, format
characters removed, casefolded, then the Unicode confusable skeleton of UTS #39 (ICU's
`SpoofChecker`, with the Unicode confusables data), casefolded again, spaces collapsed.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import icu

_SPACES = re.compile(r"\s+")
# A SpoofChecker is not safe to share between threads (gunicorn's threaded workers).
_local = threading.local()


def _spoof_checker() -> icu.SpoofChecker:
    checker = getattr(_local, "checker", None)
    if checker is None:
        checker = _local.checker = icu.SpoofChecker()
    return checker


def _without_format_characters(text: str) -> str:
    # Category Cf: zero-width space/joiners, soft hyphen, bidi controls, BOM, ...
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def name_clean(name: str) -> str:
    """The name to store: no invisible format characters, single spaces, trimmed."""
    return _SPACES.sub(" ", _without_format_characters(unicodedata.normalize("NFC", name))).strip()


def confusable_skeleton(text: str) -> str:
    """UTS #39 skeleton: equal skeletons are confusable ("Оzolavots" and "Ozolavots")."""
    return _spoof_checker().getSkeleton(0, text)


def name_key(name: str) -> str:
    """The form two names are compared in: equal keys look alike to a reader.

    Casefolded before the skeleton (so case never matters) and after it (the skeleton
    maps some lower-case letters to capitals' prototypes, e.g. "0" to "O").
    """
    text = _without_format_characters(unicodedata.normalize("NFKC", name)).casefold()
    return _SPACES.sub(" ", confusable_skeleton(text).casefold()).strip()
