"""Statements on the hottest write paths (a queue ticket, an audit entry, a survey answer),
prepared once per database connection on PostgreSQL.

Django's psycopg cursor binds parameters on the client (`ClientCursor`): every execution sends
the whole SQL text, which PostgreSQL parses and plans again. For the few fixed statements a
busy endpoint runs on every request, planning cost the database more CPU than executing them
(the queue's issue facts: 0.6-0.8 ms planning against ~0.3 ms executing, on the 2 cores the
server shares with it). `hot_cursor()` gives a cursor with server-side binding on the same
connection and transaction; psycopg then prepares a statement after a few executions
(`prepare_threshold`, 5 by default) and reuses its plan. Queries run through Django's cursor
wrapper as any other (execute wrappers, `connection.queries`, `assertNumQueries`).

SQL run here must type every parameter PostgreSQL cannot infer (`CAST(%s AS integer) IS
NULL`, not `%s IS NULL`); on SQLite and elsewhere this is Django's usual cursor.

`insert_returning_pk` is `Model.save(force_insert=True)` for models without save signals: the
same per-field values (`pre_save`, `get_db_prep_save`), one INSERT ... RETURNING whose text
is built once per model and database.
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.models import Model
from django.db.models.signals import post_save, pre_save
from django.db.utils import DEFAULT_DB_ALIAS


def hot_cursor(using: str = DEFAULT_DB_ALIAS) -> Any:
    """A cursor for fixed, frequently run statements (see the module's doc). Use as a context
    manager, like `connection.cursor()`."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor  # psycopg 3 only

    connection.ensure_connection()
    with connection.wrap_database_errors:
        # What BaseDatabaseWrapper._cursor() does, with a server-binding cursor instead of
        # the client-binding one the connection's cursor_factory makes.
        cursor = ServerBindingCursor(connection.connection)  # type: ignore[call-arg]  # psycopg's Cursor(connection), unstubbed
        return connection._prepare_cursor(cursor)  # type: ignore[attr-defined]  # BaseDatabaseWrapper's, unstubbed


_INSERTS: dict[tuple[str, str, type[Model]], tuple[list[Any], str]] = {}


def _insert_sql(model: type[Model], using: str) -> tuple[list[Any], str]:
    connection = connections[using]
    key = (using, connection.vendor, model)
    found = _INSERTS.get(key)
    if found is None:
        meta = model._meta
        fields = [f for f in meta.concrete_fields if not f.primary_key]
        quote = connection.ops.quote_name
        sql = "INSERT INTO {} ({}) VALUES ({}) RETURNING {}".format(  # noqa: S608  # model names
            quote(meta.db_table),
            ", ".join(quote(str(f.column)) for f in fields),
            ", ".join(["%s"] * len(fields)),
            quote(str(meta.pk.column)),
        )
        found = _INSERTS[key] = (fields, sql)
    return found


def insert_returning_pk(instance: Model, using: str = DEFAULT_DB_ALIAS) -> None:
    """Insert `instance` (its primary key unset, given by the database) as
    `save(force_insert=True)` would, and set its primary key. Only for models with no
    multi-table inheritance; a model with pre_save/post_save receivers goes through save()."""
    model = type(instance)
    if pre_save.has_listeners(model) or post_save.has_listeners(model):
        instance.save(force_insert=True, using=using)  # receivers must run: the ORM's way
        return
    connection = connections[using]
    fields, sql = _insert_sql(model, using)
    values = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
    with hot_cursor(using) as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    instance.pk = row[0]
    instance._state.adding = False
    instance._state.db = using
