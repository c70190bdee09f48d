"""Sessions that bring their user: one query per signed-in request instead of two.

Django's database sessions read the session row, then the auth backend reads the user (and
here the unit) in a second query. `UserSession` keeps the signed-in user's id in a column of
its own, so the session row is read joined to the user and their unit, and
`core.middleware.SessionUserAuthenticationMiddleware` hands that user to Django's own
`auth.get_user`: the session hash (a password change signs every other session out), the
backend and `is_active` are still checked by Django exactly as before (decision 0022).

Logout deletes the row as before; deleting a user deletes their sessions (the foreign key)."""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager
from django.core.exceptions import SuspiciousOperation
from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Col
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from garda.core.models import Unit, User


class UserSessionManager(BaseSessionManager["UserSession"]):
    def get_queryset(self) -> models.QuerySet[UserSession]:
        return super().get_queryset().select_related("user__unit")


class UserSession(AbstractBaseSession):
    user = models.ForeignKey(
        User,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = UserSessionManager()  # type: ignore[misc]  # the base declares a plain manager

    class Meta:
        app_label = "core"
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")

    @classmethod
    def get_session_store_class(cls) -> type[SessionStore]:
        return SessionStore


class SessionStore(DatabaseSessionStore):
    """SESSION_ENGINE = "garda.core.sessions"."""

    # The user read with the session row (None: no row, or nobody signed in on it).
    loaded_user: User | None = None

    @classmethod
    def get_model_class(cls) -> type[UserSession]:
        return UserSession

    def _get_session_from_db(self) -> UserSession | None:
        try:
            row = read_session_with_user(self.session_key or "")
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            row = None
        if row is None:
            self._session_key = None
        self.loaded_user = row.user if row is not None else None
        return row

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        row = cast(UserSession, super().create_model_instance(data))  # get_model_class above
        user_id = data.get(SESSION_KEY)
        row.user_id = User._meta.pk.to_python(user_id) if user_id is not None else None
        return row


# --- The one read of every signed-in request ------------------------------------------------
#
# Reading the row through the ORM (`objects.select_related("user__unit").get(...)`) builds and
# compiles the same three-table join on every request: two thirds of the read's time, and a
# sixth of a warmed signed-in page (profile in decision 0022). The statement never changes, so
# it is written once per database vendor from the models' own metadata, and each request only
# executes it and builds the three objects with `Model.from_db`, passing every value through
# the converters Django itself would apply (dates on SQLite, for instance).


@dataclass(frozen=True)
class _Columns:
    model: type[models.Model]
    attnames: tuple[str, ...]
    # Per column: the expression and the converters Django applies to its values.
    converters: tuple[tuple[Col, tuple[Callable[..., Any], ...]], ...]


@dataclass(frozen=True)
class _SessionRead:
    sql: str
    parts: tuple[_Columns, _Columns, _Columns]  # session, user, unit


def _columns(model: type[models.Model], alias: str, connection: BaseDatabaseWrapper) -> _Columns:
    fields = model._meta.concrete_fields
    converters = []
    for field in fields:
        column = Col(alias, field)
        converters.append(
            (
                column,
                tuple(connection.ops.get_db_converters(column))
                + tuple(column.get_db_converters(connection)),
            )
        )
    return _Columns(model, tuple(f.attname for f in fields), tuple(converters))


# Per connection wrapper (Django keeps one per thread and alias, for the life of the thread):
# its converters are bound to that wrapper's operations.
_prepared: weakref.WeakKeyDictionary[BaseDatabaseWrapper, _SessionRead] = (
    weakref.WeakKeyDictionary()
)


def _session_read(connection: BaseDatabaseWrapper) -> _SessionRead:
    read = _prepared.get(connection)
    if read is None:
        read = _prepared[connection] = _prepare_session_read(connection)
    return read


def _prepare_session_read(connection: BaseDatabaseWrapper) -> _SessionRead:
    def quote(name: str | None) -> str:
        return connection.ops.quote_name(cast(str, name))  # concrete fields all have a column

    unit_model = Unit
    tables = (("s", UserSession), ("u", User), ("n", unit_model))

    def select_list(alias: str, model: type[models.Model]) -> str:
        return ", ".join(f"{alias}.{quote(f.column)}" for f in model._meta.concrete_fields)

    session_user = quote(UserSession._meta.get_field("user").column)
    user_unit = quote(User._meta.get_field("unit").column)
    # Names come from the models' metadata, quoted by the backend; values are parameters.
    columns = ", ".join(select_list(alias, model) for alias, model in tables)
    sql = (
        f"SELECT {columns}"  # noqa: S608
        f" FROM {quote(UserSession._meta.db_table)} s"
        f" LEFT OUTER JOIN {quote(User._meta.db_table)} u"
        f" ON u.{quote(User._meta.pk.column)} = s.{session_user}"
        f" LEFT OUTER JOIN {quote(unit_model._meta.db_table)} n"
        f" ON n.{quote(unit_model._meta.pk.column)} = u.{user_unit}"
        f" WHERE s.{quote('session_key')} = %s AND s.{quote('expire_date')} > %s"
    )
    parts = tuple(_columns(model, alias, connection) for alias, model in tables)
    return _SessionRead(sql, cast(tuple[_Columns, _Columns, _Columns], parts))


def _build(
    part: _Columns, values: Sequence[Any], db: str, connection: BaseDatabaseWrapper
) -> models.Model:
    converted = []
    for value, (column, converters) in zip(values, part.converters, strict=True):
        for convert in converters:
            value = convert(value, column, connection)
        converted.append(value)
    return part.model.from_db(db, part.attnames, converted)


def read_session_with_user(session_key: str) -> UserSession | None:
    """The unexpired session row with that key, its user and the user's unit attached (as
    `select_related("user__unit")` would), in one prepared statement; None if there is none."""

    db = router.db_for_read(UserSession)
    connection = connections[db]
    read = _session_read(connection)
    expire_after = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(read.sql, [session_key, expire_after])
        row = cursor.fetchone()
    if row is None:
        return None
    session_part, user_part, unit_part = read.parts
    widths = [len(part.attnames) for part in read.parts]
    session_values = row[: widths[0]]
    user_values = row[widths[0] : widths[0] + widths[1]]
    unit_values = row[widths[0] + widths[1] :]
    session = cast(UserSession, _build(session_part, session_values, db, connection))
    user: User | None = None
    if user_values[0] is not None:
        user = cast(User, _build(user_part, user_values, db, connection))
        unit = (
            _build(unit_part, unit_values, db, connection) if unit_values[0] is not None else None
        )
        User._meta.get_field("unit").set_cached_value(user, unit)
    UserSession._meta.get_field("user").set_cached_value(session, user)
    return session
