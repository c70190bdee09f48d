"""Pagination that stays fast on large registries."""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from rest_framework.pagination import PageNumberPagination


class IdFirstPaginator(Paginator):  # type: ignore[type-arg]  # generic in the stubs only
    """Finds the page's ids with a lean query, then loads those rows by primary key.

    With joins and a text filter in one statement, SQLite's planner likes to walk a joined
    table and probe the big one by index (measured: 300 ms against 15 + 15 ms for the two
    steps at 60,000 employees). Ids first keeps each step on its best plan.

    `ids`, when given, is an ordered queryset of the same rows' primary keys read elsewhere
    (a search index that holds the sort key): the ids and the count come from it, and only the
    page's rows from `object_list`.

    `rows`, when given, reads the page's rows from its ordered ids instead of loading model
    instances (a list that shows a few columns builds plain values, see people.employee_rows);
    it must return them in the order of the ids."""

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        ids: Any = None,
        rows: Callable[[list[Any]], list[Any]] | None = None,
        **kwargs: Any,
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.ids = ids
        self.read_rows = rows

    def _id_source(self) -> Any:
        if self.ids is not None:
            return self.ids
        queryset: Any = self.object_list
        return queryset.values_list("pk", flat=True)

    @cached_property
    def count(self) -> int:
        if self.ids is not None:
            return int(self.ids.count())
        return super().count

    def _rows(self, ids: list[Any]) -> list[Any]:
        if self.read_rows is not None:
            return self.read_rows(ids)
        queryset: Any = self.object_list
        fresh = queryset.model._default_manager.filter(pk__in=ids)
        fresh.query.select_related = queryset.query.select_related
        rows = {row.pk: row for row in fresh}
        return [rows[pk] for pk in ids if pk in rows]

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]  # generic in stubs only
        queryset: Any = self.object_list
        if not hasattr(queryset, "values_list"):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self._id_source()[bottom:top])
        return Page(self._rows(ids), number, self)


class CappedPaginator(IdFirstPaginator):
    """Counts at most `cap` + 1 rows. Past a thousand matches an exact figure costs a scan of
    the whole table on every page and helps no one: the reader narrows the filter instead.

    The first `cap` + 1 ids are read once, in order, and serve both the count and the page,
    so a text search scans the table once per request, not twice."""

    cap = 1000

    @cached_property
    def _leading_ids(self) -> list[Any]:
        return list(self._id_source()[: self.cap + 1])

    @cached_property
    def count(self) -> int:
        return len(self._leading_ids)

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]  # generic in stubs only
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        return Page(self._rows(self._leading_ids[bottom:top]), number, self)


class GardaPageNumberPagination(PageNumberPagination):
    """The API's pages: `?page=` and `?page_size=` (at most 200), with exact counts."""

    django_paginator_class = IdFirstPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        """A view with `ordered_ids(queryset)` (see IdFirstPaginator's `ids`) pages by them;
        one with `page_rows(ids)` reads the page's rows with it (IdFirstPaginator's `rows`)."""
        ids = view.ordered_ids(queryset) if hasattr(view, "ordered_ids") else None
        rows = getattr(view, "page_rows", None)
        self.django_paginator_class = functools.partial(IdFirstPaginator, ids=ids, rows=rows)  # type: ignore[assignment]  # DRF only calls it
        return super().paginate_queryset(queryset, request, view)
