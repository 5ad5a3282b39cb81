"""Values the fuzz tests send: hostile and random text, wrong types, out-of-range numbers
and dates. Text values start with a marker so that the test can find where they were stored."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

MEGABYTE = 1_000_000

HOSTILE_TEXT = [
    "",
    "   ",
    "a\x00b",
    "\x00",
    "\u202eevil\u202c",  # right-to-left override … pop
    "\u202dleft\u202c",  # left-to-right override
    "\u200fmark\u200e",  # right-to-left and left-to-right marks
    "zero\u200bwidth\u200d\ufeff",
    "drone 🚁 team 👩‍👩‍👧‍👦",
    "x" * MEGABYTE,
    "y" * 10_001,
    "'; DROP TABLE organisations_organisation; --",
    "' OR '1'='1",
    "{{ request.user.password }}{% debug %}${7*7}",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "line one\r\nline two\n\n",
    "  padded  ",
    "Ünïcödé ĀČĒ ąčęėįšųūž šž ĄĆĘŁŃÓŚŹŻ ґєії õäöü",
]

WRONG_VALUES = [
    "",
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "abc",
    "2027-02-30",
    "0001-01-01",
    "9999-12-31",
    "9999-12-31T23:59",
    "25:61",
    "[]",
    '{"a": 1}',
    "\x00",
    "on",
]

# Small enough to keep the run quick; st.text includes NUL and astral characters.
random_text = st.text(max_size=40)
text_values = st.one_of(st.sampled_from(HOSTILE_TEXT), random_text)
wrong_values = st.sampled_from(WRONG_VALUES)

MARK = "fzz"
_markers = itertools.count()


def marked(text: str) -> tuple[str, str]:
    """(marker, value): the value begins with a marker unique in this test run
    (`MARK`, a number, "q": no marker is the beginning of another)."""
    marker = f"{MARK}{next(_markers)}q"
    return marker, marker + text
