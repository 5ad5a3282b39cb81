"""SQL functions Django does not ship, for the databases the project runs on."""

from __future__ import annotations

from typing import Any

from django.db.models import Func, JSONField

SQLITE_SLICE = (
    "(SELECT COALESCE(JSON_GROUP_ARRAY(JSON(item.value)), JSON('[]')) FROM "
    "(SELECT value FROM JSON_EACH({inner}) ORDER BY key LIMIT %s OFFSET %s) AS item)"
)


class JSONArraySlice(Func):
    """Items `start` to `stop` (exclusive, as a Python slice) of a JSON array, taken in the
    database, so that a page showing 200 items of a 15,000-item array neither sends nor
    decodes the rest. Missing or out-of-range items are left out (an empty array)."""

    output_field = JSONField()

    def __init__(self, expression: Any, *, start: int, stop: int, **extra: Any) -> None:
        if not (0 <= start <= stop):
            raise ValueError(f"a slice from {start} to {stop}")
        self.start, self.stop = int(start), int(stop)
        super().__init__(expression, **extra)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # SQLite
        inner, params = compiler.compile(self.source_expressions[0])
        # `inner` is the compiled column expression; the numbers go as parameters.
        sql = SQLITE_SLICE.replace("{inner}", inner)
        return sql, (*params, self.stop - self.start, self.start)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        inner, params = compiler.compile(self.source_expressions[0])
        if self.stop == self.start:
            return "'[]'::jsonb", ()
        path = f"$[{self.start} to {self.stop - 1}]"
        return f"JSONB_PATH_QUERY_ARRAY({inner}, %s::jsonpath)", (*params, path)
