"""One row joined along foreign keys, read by a statement written once per connection.

Every signed-in request reads who is asking: the session row (core.sessions) or the API
token (core.api_auth), each with its user and the user's unit. Through the ORM,
`select_related(...).filter(...)` builds and compiles the same three-table join on every
request — two thirds of the read's time, and a sixth of a warmed signed-in page (decision
0022). The statement never changes, so `JoinedRead` writes it once per database connection
from the models' own metadata; each read only executes it and builds the objects with
`Model.from_db`, passing every value through the converters Django itself applies (dates on
SQLite, for instance), and attaches each related object as `select_related` would.

On PostgreSQL it runs through core.hotsql's server-binding cursor, so the database plans it
once per connection as well (decision 0023); core.hotsql also holds the one-statement insert
of the hottest writes.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Col

from garda.core.hotsql import hot_cursor

M = TypeVar("M", bound=models.Model)

_OPERATORS = frozenset({"=", ">", ">=", "<", "<="})


@dataclass(frozen=True)
class _Table:
    model: type[models.Model]
    attnames: tuple[str, ...]
    pk_index: int
    # Per column: the expression and the converters Django applies to its values.
    converters: tuple[tuple[Col, tuple[Callable[..., Any], ...]], ...]


@dataclass(frozen=True)
class _Statement:
    sql: str
    tables: tuple[_Table, ...]
    # Whether the row ends with the `also` column (see JoinedRead).
    has_also: bool = False


class JoinedRead(Generic[M]):
    """`model.objects.select_related("a__b").filter(x=…, y__gt=…)[:1]`, prepared.

    `chain` names the foreign keys to follow, each on the model the previous one leads to
    (all joined LEFT OUTER, so a missing link reads as None); `where` names the base model's
    fields and operators the values of `first()` are compared with, in order. `also`, given
    a connection, returns one more column for the same statement (a scalar subquery), or
    None for none on that database: what the caller would otherwise read in a round trip of
    its own right after; `first_and_also()` returns its value with the row."""

    def __init__(
        self,
        model: type[M],
        chain: Sequence[str],
        where: Sequence[tuple[str, str]],
        also: Callable[[BaseDatabaseWrapper], str | None] | None = None,
    ) -> None:
        if any(operator not in _OPERATORS for _name, operator in where):
            raise ValueError(f"JoinedRead: unsupported operator in {where!r}")
        self.model = model
        self.chain = tuple(chain)
        self.where = tuple(where)
        self.also = also
        # Django keeps one connection wrapper per thread and alias for the life of the thread;
        # the converters are bound to that wrapper's operations.
        self._prepared: weakref.WeakKeyDictionary[BaseDatabaseWrapper, _Statement] = (
            weakref.WeakKeyDictionary()
        )

    def first(self, *values: object) -> M | None:
        return self.first_and_also(*values)[0]

    def first_and_also(self, *values: object) -> tuple[M | None, object, str]:
        """The row's base object (None when no row matched), the `also` column's value (None
        when there is no row or no such column on this database), and the database alias the
        row was read from."""
        db = router.db_for_read(self.model)
        connection = connections[db]
        statement = self._prepared.get(connection)
        if statement is None:
            statement = self._prepared[connection] = self._prepare(connection)
        params = [
            self.model._meta.get_field(name).get_db_prep_value(value, connection)  # type: ignore[union-attr]
            for (name, _operator), value in zip(self.where, values, strict=True)
        ]
        # On PostgreSQL a server-binding cursor: the database plans the join once per
        # connection too, instead of parsing and planning it on every request (core.hotsql).
        with hot_cursor(db) as cursor:
            cursor.execute(statement.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None, None, db
        also = row[-1] if statement.has_also else None
        objects: list[models.Model | None] = []
        start = 0
        for table in statement.tables:
            values_of_table = row[start : start + len(table.attnames)]
            start += len(table.attnames)
            if values_of_table[table.pk_index] is None:
                objects.append(None)  # the link before it was empty: nothing joined
            else:
                objects.append(_build(table, values_of_table, db, connection))
        for holder, name, related in zip(objects, self.chain, objects[1:], strict=False):
            if holder is not None:
                holder._meta.get_field(name).set_cached_value(holder, related)  # type: ignore[union-attr]
        return cast(M, objects[0]), also, db

    def _prepare(self, connection: BaseDatabaseWrapper) -> _Statement:
        def quote(name: str | None) -> str:
            return connection.ops.quote_name(cast(str, name))  # concrete fields have columns

        models_in_order: list[type[models.Model]] = [self.model]
        joins: list[str] = []
        for index, name in enumerate(self.chain):
            field = models_in_order[-1]._meta.get_field(name)
            target = cast(type[models.Model], field.related_model)
            joins.append(
                f" LEFT OUTER JOIN {quote(target._meta.db_table)} t{index + 1}"
                f" ON t{index + 1}.{quote(target._meta.pk.column)}"
                f" = t{index}.{quote(cast(models.Field[Any, Any], field).column)}"
            )
            models_in_order.append(target)
        tables = tuple(
            _table(model, f"t{index}", connection) for index, model in enumerate(models_in_order)
        )
        columns = ", ".join(
            f"t{index}.{quote(field.column)}"
            for index, model in enumerate(models_in_order)
            for field in model._meta.concrete_fields
        )
        conditions = " AND ".join(
            f"t0.{quote(cast(models.Field[Any, Any], self.model._meta.get_field(name)).column)}"
            f" {operator} %s"
            for name, operator in self.where
        )
        also = self.also(connection) if self.also is not None else None
        if also is not None:
            columns += f", {also}"
        # Names come from the models' metadata, quoted by the backend; values are parameters.
        sql = (
            f"SELECT {columns} FROM {quote(self.model._meta.db_table)} t0"  # noqa: S608
            + "".join(joins)
            + f" WHERE {conditions}"
        )
        return _Statement(sql, tables, has_also=also is not None)


def _table(model: type[models.Model], alias: str, connection: BaseDatabaseWrapper) -> _Table:
    fields = model._meta.concrete_fields
    converters = []
    for field in fields:
        column = Col(alias, field)
        backend = tuple(connection.ops.get_db_converters(column))
        converters.append((column, backend + tuple(column.get_db_converters(connection))))
    attnames = tuple(f.attname for f in fields)
    return _Table(model, attnames, attnames.index(model._meta.pk.attname), tuple(converters))


def _build(
    table: _Table, values: Sequence[Any], db: str, connection: BaseDatabaseWrapper
) -> models.Model:
    converted = []
    for value, (column, converters) in zip(values, table.converters, strict=True):
        for convert in converters:
            value = convert(value, column, connection)
        converted.append(value)
    return table.model.from_db(db, table.attnames, converted)
