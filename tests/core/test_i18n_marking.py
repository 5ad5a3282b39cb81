"""Every visible string of every template is marked for translation.

Each template is tokenised with Django's own lexer; translated blocks, comments,
tags and variables are dropped; what is left is read as HTML and every text node
and user-visible attribute (title, placeholder, aria-label, alt) that still holds
a letter is an unmarked string.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

import matchforum

SOURCE = Path(matchforum.__file__).resolve().parent
TEMPLATE_FILES = sorted(
    path
    for pattern in (
        "templates/**/*.html",
        "templates/**/*.txt",
        "*/templates/**/*.html",
        "*/templates/**/*.txt",
    )
    for path in SOURCE.glob(pattern)
)
# Words that are the same in every language: the product's name.
ALLOWED = {"matchforum"}
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
SKIPPED_BLOCKS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}
LETTER = re.compile(r"[^\W\d_]")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip_depth = 0

    def _check(self, text: str) -> None:
        text = " ".join(text.split())
        words = [word for word in re.split(r"[\s·–—:,()]+", text) if word]
        if any(LETTER.search(word) and word.lower() not in ALLOWED for word in words):
            self.found.append(text)

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip_depth += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self._check(value)
            if name == "value" and tag == "input" and ("type", "submit") in attrs and value:
                self._check(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data):
        if not self._skip_depth:
            self._check(data)


def unmarked_strings(source: str) -> list[str]:
    """The visible strings of a template that are not inside a translation tag."""
    pieces: list[str] = []
    closing: str | None = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.COMMENT:
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if closing:
                if name == closing:
                    closing = None
                continue
            closing = SKIPPED_BLOCKS.get(name)
            pieces.append(" ")
        elif closing:
            continue
        elif token.token_type == TokenType.VAR:
            pieces.append(" ")
        else:
            pieces.append(token.contents)
    collector = _TextCollector()
    collector.feed("".join(pieces))
    collector.close()
    return collector.found


def test_there_are_templates_to_check():
    assert len(TEMPLATE_FILES) > 10


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_every_visible_template_string_is_marked_for_translation(path):
    assert unmarked_strings(path.read_text()) == []


def test_the_check_finds_unmarked_text_and_attributes():
    source = (
        '{% load i18n %}<h1>Welcome</h1><p>{% translate "Fine" %}</p>'
        '<input placeholder="Search here"><a title="{% translate \'ok\' %}">{{ name }}</a>'
        "{% blocktranslate %}Also fine {{ x }}{% endblocktranslate %}"
        "<script>var notText = 1;</script>{# a comment #} · 42 matchforum"
    )
    assert unmarked_strings(source) == ["Welcome", "Search here"]


UNTRANSLATED_TRACK_TEXT = re.compile(r"\{\{\s*\w*track\w*\.(name|description)\b")


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_templates_show_tracks_through_their_translated_names(path):
    """ADR 0005: `track.display_name` / `display_description`, never the stored English."""
    assert UNTRANSLATED_TRACK_TEXT.findall(path.read_text()) == []


def test_the_track_check_finds_raw_names():
    assert UNTRANSLATED_TRACK_TEXT.search("<b>{{ track.name }}</b>")
    assert UNTRANSLATED_TRACK_TEXT.search("{{ other_track.description|truncatewords:5 }}")
    assert not UNTRANSLATED_TRACK_TEXT.search(
        "{{ track.display_name }} {{ track.lead_country.name }}"
    )
