"""SQL functions Django does not ship, for the databases the project runs on."""

from __future__ import annotations

from typing import Any

from django.db.models import Func, IntegerField


class JSONArrayLength(Func):
    """The length of a JSON array (NULL when the value is missing), counted in the database
    so that a list page need not load a large JSON document to show one number."""

    function = "JSON_ARRAY_LENGTH"  # SQLite
    output_field = IntegerField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="JSONB_ARRAY_LENGTH", **extra)
