"""Row locks that order simultaneous writes (PostgreSQL `SELECT … FOR UPDATE`)."""

from __future__ import annotations

from django.db import models


def row_lock(model: type[models.Model], pk: int) -> None:
    """Lock one row until the surrounding transaction ends (call it inside one).

    Plain values, no joins and no ordering, so the lock takes that row only; SQLite
    ignores it (it serialises every writer anyway).
    """
    list(model.objects.select_for_update().filter(pk=pk).order_by().values("pk"))
