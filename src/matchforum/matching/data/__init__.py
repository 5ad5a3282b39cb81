"""Data files of the matching package (phrase lists, language data), read once."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__tuple__"}:
            return tuple(_decode(v) for v in value["__tuple__"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


@cache
def load(name: str) -> dict[str, Any]:
    """The JSON file ``name`` of this folder; ``{"__tuple__": [...]}`` comes back as a tuple."""
    return _decode(json.loads((HERE / name).read_text(encoding="utf-8")))
