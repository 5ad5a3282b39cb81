"""The words of a marketplace search, reduced to stems that match every inflected form.

A search of several words finds what contains all of them, each word in any field. A
word matches by its stem as a substring, so "drones" finds "drone" and "дронів" finds
"дрон". The endings per language are data (`data/search_endings.json`); since the
language of a query is unknown, the longest ending of any language that leaves a long
enough stem is stripped. This is plain substring matching, so it runs the same on
PostgreSQL and SQLite.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from importlib.resources import files

_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)


@functools.cache
def _endings() -> tuple[int, tuple[str, ...]]:
    data = json.loads(files(__package__).joinpath("data/search_endings.json").read_text("utf-8"))
    endings = {ending for per_language in data["endings"].values() for ending in per_language}
    return int(data["min_stem"]), tuple(sorted(endings, key=len, reverse=True))


def word_stem(word: str) -> str:
    """The word without its longest known ending, when at least `min_stem` letters remain."""
    min_stem, endings = _endings()
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= min_stem:
            return word[: -len(ending)]
    return word


def search_stems(text: str) -> list[str]:
    """The distinct stems of the words of a query, lower-cased, in query order.

    Words are split on white space only, so "dual-use" stays one word; punctuation at
    either end of a word is dropped.
    """
    stems: list[str] = []
    for raw in unicodedata.normalize("NFKC", text).lower().split():
        word = _EDGE_PUNCTUATION.sub("", raw)
        if not word:
            continue
        stem = word_stem(word)
        if stem not in stems:
            stems.append(stem)
    return stems


def case_variants(stem: str) -> set[str]:
    """Spellings a case-insensitive substring match must try for one stem.

    SQLite's LIKE folds case for ASCII letters only, so a Cyrillic or accented stem is
    also tried capitalised and in upper case; PostgreSQL folds all of them anyway.
    """
    if stem.isascii():
        return {stem}
    return {stem, stem.capitalize(), stem.upper()}
