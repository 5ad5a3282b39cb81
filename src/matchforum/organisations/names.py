"""Organisation names as people read them.

Two names that look the same must be the same name: a zero-width space or a full-width
letter must not let a second "Ozolavots Partners SIA" register next to the first.
`name_clean` is what we store (invisible format characters removed, spaces collapsed);
`name_key` is what we compare (NFKC, format characters removed, casefolded, spaces
collapsed).
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def _without_format_characters(text: str) -> str:
    # Category Cf: zero-width space/joiners, soft hyphen, bidi controls, BOM, ...
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def name_clean(name: str) -> str:
    """The name to store: no invisible format characters, single spaces, trimmed."""
    return _SPACES.sub(" ", _without_format_characters(unicodedata.normalize("NFC", name))).strip()


def name_key(name: str) -> str:
    """The form two names are compared in: equal keys look alike to a reader."""
    text = _without_format_characters(unicodedata.normalize("NFKC", name))
    return _SPACES.sub(" ", text.casefold()).strip()
