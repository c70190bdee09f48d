"""Bulk reads and writes of the employee table, for `people.services.employees_create` and
`employees_update_changed` (the one write path of employees; the ASN import reaches the table
only through them).

`bulk_create`/`bulk_update` prepare every value of every object through several layers of
field methods, and on SQLite send 39 rows per statement (999 variables); for 60,000 rows that
was most of the import. Here rows go to `executemany` as plain tuples, with dates and
datetimes adapted by the backend's own `connection.ops`, so SQLite and PostgreSQL both get
what the ORM would have sent. Model instances are built (`from_db`) only where snapshots and
history need them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model

from garda.core.audit.services import snapshot
from garda.people.models import Employee

T = TypeVar("T")

# SQLite allows 999 variables per statement; `nip IN (...)` stays below that.
LOOKUP_CHUNK = 900
WRITE_CHUNK = 5000


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class EmployeeTable:
    """The employee table as plain rows (see the module note)."""

    def __init__(self) -> None:
        self.fields = list(Employee._meta.concrete_fields)
        self.names = [f.attname for f in self.fields]
        self.position = {name: i for i, name in enumerate(self.names)}
        ops = connection.ops
        self.adapters: list[Callable[[Any], Any] | None] = []
        for f in self.fields:
            kind = f.get_internal_type()
            if kind == "DateTimeField":
                self.adapters.append(ops.adapt_datetimefield_value)
            elif kind == "DateField":
                self.adapters.append(ops.adapt_datefield_value)
            else:
                self.adapters.append(None)

    def load(self, nips: list[str]) -> dict[str, tuple[Any, ...]]:
        """Stored rows (every concrete field, in `names` order) of the employees with these NIPs."""
        found: dict[str, tuple[Any, ...]] = {}
        nip_at = self.position["nip"]
        for chunk in chunks(nips, LOOKUP_CHUNK):
            for values in Employee.objects.filter(nip__in=chunk).values_list(*self.names):
                found[values[nip_at]] = values
        return found

    def _instance(self, values: Sequence[Any]) -> Employee:
        return Employee.from_db(connection.alias, self.names, values)

    def create(
        self, rows: Sequence[tuple[str, dict[str, Any]]], now: dt.datetime
    ) -> list[Employee]:
        """Insert (nip, values) rows; the new employees, in the same order."""
        if not rows:
            return []
        insert = [f for f in self.fields if not f.primary_key]
        defaults = {f.attname: f.get_default() for f in insert}
        defaults["created_at"] = defaults["updated_at"] = now
        complete: list[dict[str, Any]] = []
        for nip, given in rows:
            values = {**defaults, **given}
            values["nip"] = nip
            complete.append(values)
        names = [f.attname for f in insert]
        insert_many(Employee, names, self._adapted(names, complete, now=now))
        ids: dict[str, int] = {}
        for chunk in chunks([nip for nip, _values in rows], LOOKUP_CHUNK):
            ids.update(Employee.objects.filter(nip__in=chunk).values_list("nip", "pk"))
        created = []
        for values in complete:
            values["id"] = ids[values["nip"]]
            created.append(self._instance([values[name] for name in self.names]))
        return created

    def _adapted(
        self, names: list[str], rows: Iterable[dict[str, Any]], *, now: dt.datetime
    ) -> Iterator[tuple[Any, ...]]:
        """Parameter tuples; `now` (every row's created_at/updated_at) is adapted once."""
        stamped = [i for i, name in enumerate(names) if name in {"created_at", "updated_at"}]
        adapt = [
            (i, adapter)
            for i, name in enumerate(names)
            if (adapter := self.adapters[self.position[name]]) is not None and i not in stamped
        ]
        now_db = connection.ops.adapt_datetimefield_value(now)
        for values in rows:
            row = [values[name] for name in names]
            for i, adapter in adapt:
                row[i] = adapter(row[i])
            for i in stamped:
                row[i] = now_db
            yield tuple(row)

    def update(
        self, changes: Sequence[tuple[dict[str, Any], tuple[Any, ...], list[str]]], now: dt.datetime
    ) -> list[tuple[Employee, list[str], dict[str, Any]]]:
        """Write only the changed fields; (employee after, changed names, snapshot before)."""
        done: list[tuple[Employee, list[str], dict[str, Any]]] = []
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for new_values, stored, changed in changes:
            employee = self._instance(stored)
            before = snapshot(employee, changed)
            for name in changed:
                setattr(employee, name, new_values[name])
            employee.updated_at = now
            done.append((employee, changed, before))
            values = {name: new_values[name] for name in changed}
            values["updated_at"] = now
            values["id"] = employee.pk
            groups.setdefault(tuple(changed), []).append(values)
        ops = connection.ops
        table = ops.quote_name(Employee._meta.db_table)
        for group, values_list in groups.items():
            names = [*group, "updated_at", "id"]
            assignments = ", ".join(
                f"{ops.quote_name(_column(Employee, name))} = %s" for name in names[:-1]
            )
            id_column = ops.quote_name(_column(Employee, "id"))
            sql = f"UPDATE {table} SET {assignments} WHERE {id_column} = %s"  # noqa: S608  # names come from the model, values are parameters
            with connection.cursor() as cursor:
                params = list(self._adapted(names, values_list, now=now))
                for chunk in chunks(params, WRITE_CHUNK):
                    cursor.executemany(sql, chunk)
        return done


def _column(model: type[Model], attname: str) -> str:
    for model_field in model._meta.concrete_fields:
        if model_field.attname == attname:
            return str(model_field.column)
    raise LookupError(f"{model.__name__} has no column for {attname!r}")


def insert_many(model: type[Model], names: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """INSERT plain parameter tuples with `executemany` (see _EmployeeTable)."""
    ops = connection.ops
    meta = model._meta
    columns = ", ".join(ops.quote_name(_column(model, name)) for name in names)
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {ops.quote_name(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608  # names come from the model, values are parameters
    with connection.cursor() as cursor:
        for chunk in chunks(list(rows), WRITE_CHUNK):
            cursor.executemany(sql, chunk)
