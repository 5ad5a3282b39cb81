"""Input hygiene shared by every API view.

Every malformed body is bad input (400), never a server error (500):
- PostgreSQL text cannot hold NUL (0x00) characters: a request carrying one must be
  refused, never reach a query and fail there.
- Python's JSON decoder recurses once per nesting level, so a body such as `{"a":`
  repeated thousands of times raises RecursionError rather than ValueError; no
  endpoint takes anything nested deeper than a few levels, so bodies deeper than
  `MAX_JSON_DEPTH` are refused before they reach a serializer.
"""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.filters import SearchFilter
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 32

TOO_DEEP = f"The JSON body is nested too deeply (more than {MAX_JSON_DEPTH} levels)."
HAS_NUL = "Text must not contain NUL characters."


def json_problem(data: Any) -> str | None:
    """Why a decoded body is refused (too deep, or text with NUL), or None when it is fine.

    Iterative, so that checking a deep value cannot itself exhaust the stack.
    """
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return HAS_NUL
        elif isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                return TOO_DEEP
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and "\x00" in key:
                    return HAS_NUL
                pending.append((item, depth + 1))
    return None


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        problem = json_problem(data)
        if problem:
            raise ParseError(problem)
        return data


class NulSafeSearchFilter(SearchFilter):
    def get_search_terms(self, request):
        terms = super().get_search_terms(request)
        if any("\x00" in term for term in terms):
            raise ParseError("Search text must not contain NUL characters.")
        return terms
