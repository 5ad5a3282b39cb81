"""A paginator that reads a page of a queryset and the total in one statement."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

TOTAL = "window_total"


class WindowCountPaginator(Paginator):
    """Django's paginator, with the count read from the page's own rows.

    Django's `Paginator` runs a `COUNT(*)` of the whole queryset and then the page's
    `SELECT ... LIMIT`: the filters are evaluated twice. Here the page's rows carry
    `COUNT(*) OVER ()` (the number of rows before the LIMIT), so one statement answers
    both. Only a page past the end (or a page number below one) returns no row to read
    the total from; then the count is asked for, and the last page is shown, as
    `Paginator.get_page` does (an empty first page means a count of zero).
    """

    def __init__(self, object_list: QuerySet, per_page: int, **kwargs: Any) -> None:
        super().__init__(object_list.annotate(**{TOTAL: Window(Count("*"))}), per_page, **kwargs)

    def get_page(self, number: Any) -> Page:
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number >= 1:
            bottom = (number - 1) * self.per_page
            rows = list(self.object_list[bottom : bottom + self.per_page])
            if rows:
                self.__dict__["count"] = getattr(rows[0], TOTAL)
                return self._get_page(rows, number, self)
            if number == 1 and self.allow_empty_first_page:
                self.__dict__["count"] = 0  # no first page's rows: nothing at all
                return self._get_page(rows, number, self)
        return super().get_page(number)
