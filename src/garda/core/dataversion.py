"""Data versions: one row per body of data ("ledger", "budget", "opendata"), bumped by every
write to that data inside the writing transaction.

A cached answer carries the stamps of the data it was computed from in its key
(`garda.core.cache.cached(..., versions=...)`), so a change shows on the very next request in
every process sharing the cache, and nothing is ever invalidated by deleting: stale keys are
never asked for again and age out. The stamp is random rather than the counter itself so that
a restored backup (counter going back) never meets answers cached from another timeline.

This replaces the two earlier copies of the idea (the ledger's LedgerStamp and the budget
portal's DataVersion), whose rows were moved here by their apps' migrations."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence

from django.db import connection, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from garda.core.codes import random_hex
from garda.core.hotsql import hot_cursor


def new_stamp() -> str:
    return random_hex(8)


class DataVersion(models.Model):
    name = models.CharField(_("nama"), max_length=32, primary_key=True)
    version = models.BigIntegerField(_("versi"), default=1)
    stamp = models.CharField(_("cap"), max_length=32, default=new_stamp)
    changed_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        app_label = "core"
        verbose_name = _("versi data")
        verbose_name_plural = _("versi data")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


def data_version_bump(*, name: str) -> int:
    """Mark a body of data as changed; returns its new version number.

    Must run inside the writing transaction: the new stamp then becomes visible to every
    process exactly when the data does (and vanishes with a rollback). Not audited itself:
    it is one step of a write that audits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("data_version_bump must run inside the writing transaction")
    forget_known_stamps()  # this thread's writes must show in its own next cache keys
    updated = DataVersion.objects.filter(name=name).update(
        version=F("version") + 1, stamp=new_stamp(), changed_at=timezone.now()
    )
    if not updated:
        DataVersion.objects.create(name=name, version=1)
    return int(DataVersion.objects.values_list("version", flat=True).get(name=name))


_STAMPS_SQL = f"SELECT name, stamp FROM {DataVersion._meta.db_table} WHERE name IN "  # noqa: S608  # a constant table name
_local = threading.local()
NEVER_WRITTEN = "0"


def data_stamp(name: str) -> str:
    """The current stamp of a body of data: one primary-key read."""
    return data_stamps((name,))[0]


def data_stamps(names: Sequence[str]) -> list[str]:
    """The current stamps of several bodies of data, in the order asked, read in one
    statement: a cached page made of two or three bodies of data (the home page: ledger and
    learning) paid one round trip to the database per stamp. Plain SQL because it runs on
    every cached request and building an ORM query costs more than the read."""
    if not names:
        return []
    known: dict[str, str] | None = getattr(_local, "known", None)
    if known is not None:
        return [known.get(name, NEVER_WRITTEN) for name in names]
    sql = _STAMPS_SQL + "(" + ", ".join(["%s"] * len(names)) + ")"
    rows = _sqlite_rows(sql, names)
    if rows is None:
        with hot_cursor() as cursor:  # planned once per connection on PostgreSQL
            cursor.execute(sql, list(names))
            rows = cursor.fetchall()
    found = {str(name): str(stamp) for name, stamp in rows}
    return [found.get(name, NEVER_WRITTEN) for name in names]


# --- Every stamp, read with the session --------------------------------------------------------


def all_stamps_column(connection: BaseDatabaseWrapper) -> str | None:
    """A scalar subquery giving every stamp as one JSON object, for the session read of a
    signed-in request to carry (core.sessions): on PostgreSQL the cached pieces of a page
    (the home page's counts, the menus) then cost no round trip of their own. The table
    holds one row per body of data (eight today). None on SQLite, whose stamps are read
    through a kept in-process connection (below): nothing to save there."""
    if connection.vendor != "postgresql":
        return None
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    return f"(SELECT json_object_agg(name, stamp) FROM {table})"  # noqa: S608  # a constant table name


def remember_known_stamps(stamps: object) -> None:
    """Keep every stamp read at the start of this request (`all_stamps_column`) for the rest
    of it: `data_stamps` answers from them. Forgotten when the next request starts and when
    this thread bumps a version (`data_version_bump`)."""
    _local.known = (
        {str(name): str(stamp) for name, stamp in stamps.items()}
        if isinstance(stamps, dict)
        else None
    )


def forget_known_stamps(**_signal_kwargs: object) -> None:
    """Also the `request_started` and `request_finished` receiver: the stamps live no longer
    than the request that read them."""
    _local.known = None


def _sqlite_rows(sql: str, params: Sequence[str]) -> list[tuple[object, ...]] | None:
    """On SQLite, the rows read through a connection this thread keeps open.

    Django opens and closes an SQLite connection per request (CONN_MAX_AGE 0), running its
    PRAGMAs each time: measured on the budget portal, that was ~1.5 ms of a ~2 ms cached
    page. A page served from the cache needs nothing else from the database, so the read
    goes through a kept, read-only connection instead; in WAL mode every read sees the last
    commit of any process. Not used when Django's own connection is already open (no
    saving) or inside a transaction (which must see its own uncommitted writes); None means
    "ask Django"."""
    if connection.vendor != "sqlite" or connection.connection is not None:
        return None
    if connection.in_atomic_block:
        return None
    path = str(connection.settings_dict["NAME"])
    kept: sqlite3.Connection | None = getattr(_local, "connection", None)
    try:
        if kept is None or getattr(_local, "path", None) != path:
            kept = sqlite3.connect(path, timeout=20, isolation_level=None)
            kept.execute("PRAGMA query_only = ON")
            _local.connection, _local.path = kept, path
        return kept.execute(sql.replace("%s", "?"), tuple(params)).fetchall()
    except sqlite3.Error:
        _local.connection = None
        return None
