"""Phrase lists for the synthetic forum generator (kept apart from the matching lexicon).

These paraphrases were written separately from :mod:`matchforum.matching.lexicon` and use
many words the lexicon does not contain (brand-like product words, adjectives, synonyms), so
the benchmark does not simply replay lexicon entries. They are still written by the same
author, which makes lexicon coverage on synthetic data optimistic; docs/matching.md says so.
"""

from __future__ import annotations

from matchforum.matching.data import load

# The phrases are data: matching/data/synthetic_phrases.json.
_PHRASES = load("synthetic_phrases.json")

TRACKS: list[str] = _PHRASES["TRACKS"]
TRACK_PHRASES: dict[str, dict[str, list[str]]] = _PHRASES["TRACK_PHRASES"]
FACETS: dict[str, tuple[str, dict[str, list[str]]]] = _PHRASES["FACETS"]
FRAMES: dict[str, dict[str, list[str]]] = _PHRASES["FRAMES"]
STAGE_WORDS: dict[str, dict[str, str]] = _PHRASES["STAGE_WORDS"]
NOISE: dict[str, list[str]] = _PHRASES["NOISE"]
ROLE_TITLES: dict[str, dict[str, str]] = _PHRASES["ROLE_TITLES"]
DISTRACT: dict[str, list[str]] = _PHRASES["DISTRACT"]
NAME_PARTS: tuple[list[str], ...] = _PHRASES["NAME_PARTS"]
