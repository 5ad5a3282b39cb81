"""Words and sentences the demo composes organisations, people, profiles and posts from.

The tables are JSON files in `data/`, one per subject, read once by `phrasebook()`.
Everything in them is invented: organisation names are built from made-up stems, and
no name, unit or company refers to a real one. Texts are written per language
(en, uk, lt, lv, et, pl) so that profiles read naturally in each; templates only
insert noun phrases in the nominative (after a colon or as a title) to keep the
grammar of the inflected languages right.

Tables keyed by track use the slugs of `matchforum.forums.taxonomy`, the one track
vocabulary; loading fails when a file names a track the taxonomy does not have or
leaves one out, so the demo cannot drift from the seeded tracks.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from matchforum.forums.taxonomy import TRACK_SLUGS

DATA_FILES = (
    "countries",
    "tracks",
    "organisations",
    "people",
    "subjects",
    "profiles",
    "requests",
    "community",
)

# What an organisation offers or needs in a track: {"kinds": [...], "trl": (low, high),
# "name": {language: noun phrase}, "detail": {"en": sentence, "uk": sentence}}.
Subject = dict[str, Any]
# (male first names, female first names, male surnames, female surnames or None when
# the surname does not change with gender).
Names = tuple[list[str], list[str], list[str], list[str] | None]
# EUR (minimum low, minimum high, maximum factor low, maximum factor high) of a stage.
Ticket = tuple[int, int, float, float]
# A coalition thread: {"track", "kind", "title", "posts": [bodies in order],
# "report_last_post": the reason the first author reports the last post for, or None}.
Thread = dict[str, Any]
# A news article: {"title", "body", "tracks": [slugs]}.
Article = dict[str, Any]

_PEOPLE_FIELDS = ("male_first", "female_first", "male_last", "female_last")
_SYLLABLE_FIELDS = ("first", "second")
_TICKET_FIELDS = ("min_low", "min_high", "max_factor_low", "max_factor_high")


@dataclass(frozen=True)
class Phrasebook:
    """The demo's tables; texts in `{braces}` are `str.format` templates."""

    # countries.json
    country_weights: dict[str, float]  # country: weight among organisations
    country_language: dict[str, str]  # the forum language of a country, where it has one
    country_adjective: dict[str, str]
    country_cities: dict[str, list[str]]
    country_names: dict[str, dict[str, str]]  # language: country: name inside a sentence
    time_zones: dict[str, str]
    legal_form: dict[str, str]
    # tracks.json
    track_base_weights: dict[str, float]
    country_track_bias: dict[str, dict[str, float]]  # country: track: extra weight
    track_names: dict[str, dict[str, str]]  # track: language: name inside a sentence
    track_words: dict[str, list[str]]  # words of organisation names
    # organisations.json
    org_kind_weights: dict[str, float]
    size_weights: dict[str, dict[str, float]]  # kind: size: weight
    size_words: dict[str, str]
    investor_words: list[str]
    research_forms: list[str]
    association_forms: list[str]
    buyer_forms: dict[str, list[str]]  # "UA" or "other"
    other_forms: list[str]
    org_text: dict[str, list[str]]  # kind: sentences of the description
    roles: dict[str, list[str]]
    needs_information_reasons: list[str]
    rejection_reasons: list[str]
    # people.json
    people: dict[str, Names]
    name_syllables: dict[str, tuple[list[str], list[str]]]  # stems of organisation names
    # subjects.json
    subjects: dict[str, list[Subject]]
    # profiles.json; in titles {s} is the subject (nominative), first letter kept as written
    languages: list[str]
    title_prefix: dict[str, dict[str, dict[str, list[str]]]]  # language: side: kind: titles
    opening: dict[str, dict[str, list[str]]]
    follow_up: dict[str, dict[str, list[str]]]
    service_follow_up: dict[str, list[str]]
    stage_names: dict[str, dict[str, str]]
    tickets: dict[str, Ticket]
    investor_titles: dict[str, list[str]]
    investor_text: dict[str, list[str]]
    raising_titles: dict[str, list[str]]
    raising_text: dict[str, list[str]]
    # requests.json
    decline_reasons: dict[str, list[str]]
    calendar_full: dict[str, str]
    messages: dict[str, list[str]]
    # community.json: the coalition pages and the news of the demo forum (in English)
    threads: list[Thread]
    articles: list[Article]


def _read(name: str) -> dict[str, Any]:
    text = (files("matchforum.demo") / "data" / f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


def _merge(parts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The tables of all files in one mapping; a table named in two files is an error."""
    tables: dict[str, Any] = {}
    for file_name, part in parts.items():
        if clash := sorted(set(tables) & set(part)):
            raise ValueError(f"demo/data/{file_name}.json repeats tables: {', '.join(clash)}")
        tables.update(part)
    return tables


def _tuples(table: dict[str, dict[str, Any]], fields: tuple[str, ...]) -> dict[str, tuple]:
    return {key: tuple(row[field] for field in fields) for key, row in table.items()}


def _check_tracks(tables: dict[str, Any]) -> None:
    """Track-keyed tables cover exactly the taxonomy's tracks; other slugs are among them."""
    known = set(TRACK_SLUGS)
    for name in ("track_base_weights", "track_names", "track_words", "subjects"):
        slugs = set(tables[name])
        if slugs != known:
            raise ValueError(
                f"demo/data: {name} must name exactly the taxonomy's tracks; "
                f"unknown: {sorted(slugs - known)}, missing: {sorted(known - slugs)}"
            )
    named = {
        **{
            f"country_track_bias[{c}]": set(bias)
            for c, bias in tables["country_track_bias"].items()
        },
        "threads": {thread["track"] for thread in tables["threads"]},
        "articles": {slug for article in tables["articles"] for slug in article["tracks"]},
    }
    for name, slugs in named.items():
        if unknown := slugs - known:
            raise ValueError(
                f"demo/data: {name} names tracks outside the taxonomy: {sorted(unknown)}"
            )


@functools.cache
def phrasebook() -> Phrasebook:
    """The demo's tables, read from the package's JSON files on first use."""
    tables = _merge({name: _read(name) for name in DATA_FILES})
    _check_tracks(tables)
    tables["people"] = _tuples(tables["people"], _PEOPLE_FIELDS)
    tables["name_syllables"] = _tuples(tables["name_syllables"], _SYLLABLE_FIELDS)
    tables["tickets"] = _tuples(tables["tickets"], _TICKET_FIELDS)
    tables["subjects"] = {
        track: [{**subject, "trl": tuple(subject["trl"])} for subject in subjects]
        for track, subjects in tables["subjects"].items()
    }
    return Phrasebook(**tables)
