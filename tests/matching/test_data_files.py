"""The matching package's data files: read once, in the shapes the code expects."""

from __future__ import annotations

from matchforum.matching import synthetic_phrases as sp
from matchforum.matching.data import load
from matchforum.matching.text import tokens

LANGUAGES = {"en", "uk", "lt", "lv", "et", "pl"}


def test_each_file_is_read_once():
    assert load("synthetic_phrases.json") is load("synthetic_phrases.json")
    assert load("language.json") is load("language.json")


def test_the_phrase_tables_keep_their_shapes():
    assert all(isinstance(v, tuple) and len(v) == 2 for v in sp.FACETS.values())
    assert isinstance(sp.NAME_PARTS, tuple)
    for track in sp.TRACKS:
        assert set(sp.TRACK_PHRASES[track]) == LANGUAGES, track


def test_stop_words_and_suffixes_come_from_the_language_file():
    data = load("language.json")
    assert data["uk_suffixes"] == sorted(data["uk_suffixes"], key=len, reverse=True)
    assert "the" in data["stop_words"]
    assert tokens("The detection of drones", "en") == tokens("detection drones", "en")


def test_the_synthetic_forum_names_tracks_by_the_taxonomys_slugs():
    from matchforum.forums.taxonomy import TRACK_SLUGS

    assert set(sp.TRACKS) <= set(TRACK_SLUGS)
