"""The summary of a run's result: its figures without the lists that grow with the forum.

A finished run's `result` holds every placement and every change against the live
schedule (about 15,000 each on a large forum, megabytes of JSON). The console's pages
show its figures, the first meetings that could not fit and one page of its changes, so
the run also stores `summary` (written with the result; `result_summary` is pure) and
the pages read that, and a page of the changes in SQL, never the whole result.
"""

from __future__ import annotations

from typing import Any

# Meetings that could not fit listed in the summary (the count is always there).
UNSCHEDULED_SHOWN = 100

# The result's keys that grow with the forum: never copied into the summary.
BULKY_KEYS = ("placements", "moves", "meeting_ids", "unscheduled")


def result_summary(result: dict[str, Any]) -> dict[str, Any]:
    """The result's figures, the first `UNSCHEDULED_SHOWN` meetings that could not fit and
    the counts of the lists left out: `unscheduled_count`, `moves_count` (meetings whose
    place changes against the live schedule) and `moved_count` (of those, the ones that had
    a place)."""
    summary = {key: value for key, value in result.items() if key not in BULKY_KEYS}
    unscheduled = result.get("unscheduled") or []
    moves = result.get("moves") or []
    summary.update(
        unscheduled=unscheduled[:UNSCHEDULED_SHOWN],
        unscheduled_count=len(unscheduled),
        moves_count=len(moves),
        moved_count=sum(1 for move in moves if move.get("from") is not None),
    )
    return summary
