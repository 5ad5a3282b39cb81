"""What a progress callback receives (kept apart so that importing it loads no solver)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Progress:
    """What a progress callback receives."""

    best: int | None
    bound: int
    elapsed: float
    phase: str = "breaks"
