"""Bringing the database to the archive's schema and back: an archive written before later
migrations is loaded into the schema it was written from, then migrated forward like any
database, so the data migrations run on its rows (docs/decisions/0013)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.migration import Migration

from garda.core.backup.manifest import BackupError, BackupManifest

_ALIAS: Final = DEFAULT_DB_ALIAS
_SHOWN: Final = 5

Node = tuple[str, str]


def applied_migrations() -> dict[str, list[str]]:
    """Applied migrations that this code knows, per app (replaced ones folded into squashes)."""
    loader = MigrationLoader(connections[_ALIAS], ignore_no_migrations=True)
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(loader.applied_migrations or {}):
        if (app_label, name) in loader.graph.nodes:
            applied.setdefault(app_label, []).append(name)
    return applied


def _names(nodes: set[Node]) -> str:
    return ", ".join(f"{app}.{name}" for app, name in sorted(nodes)[:_SHOWN])


@dataclass(frozen=True)
class SchemaPlan:
    """Where the archive's schema stands against this database's (fully migrated) one."""

    theirs: frozenset[Node]
    ours: frozenset[Node]
    back_to: tuple[tuple[str, str | None], ...]  # per app: the archive's last migration or zero
    archive_leaves: tuple[Node, ...]

    @property
    def older(self) -> bool:
        return self.theirs != self.ours

    def migrate_back(self) -> Apps:
        """Unapply every migration the archive did not have; returns the models of that state.
        Runs inside the restore's transaction (empty tables, so the reverse data migrations
        have nothing to move)."""
        connection = connections[_ALIAS]
        executor = MigrationExecutor(connection, progress_callback=_settle_constraints)
        executor.migrate(list(self.back_to))
        executor.loader.build_graph()
        now = set(executor.loader.applied_migrations or {})
        reached = frozenset(now & set(executor.loader.graph.nodes))
        if reached != self.theirs:
            raise BackupError(
                "Skema basis data tidak bisa dimundurkan tepat ke skema cadangan "
                f"(berbeda: {_names(set(reached ^ self.theirs))})."
            )
        state = executor.loader.project_state(nodes=list(self.archive_leaves), at_end=True)
        if connection.vendor == "postgresql":
            # A foreign key added on the way back is left IMMEDIATE for the rest of the
            # transaction (Django's schema editor does that); rows load in any order.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return state.apps

    def migrate_forward(self) -> int:
        """Apply every migration this code has, over the restored rows; returns how many ran."""
        executor = MigrationExecutor(connections[_ALIAS], progress_callback=_settle_constraints)
        targets = executor.loader.graph.leaf_nodes()
        plan = executor.migration_plan(targets)
        executor.migrate(targets, plan=plan)
        return len(plan)


def _settle_constraints(action: str, migration: Migration | None = None, *args: Any) -> None:
    """PostgreSQL refuses ALTER TABLE on a table with pending deferred foreign-key checks,
    which rows inserted earlier in this one transaction leave behind: run them now."""
    connection = connections[_ALIAS]
    if action in {"apply_start", "unapply_start"} and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def plan_schema(manifest: BackupManifest) -> SchemaPlan:
    """Compare the archive's migrations with this database's: refuse a database that is not
    migrated and an archive from a newer Garda; plan the way back for an older archive."""
    loader = MigrationLoader(connections[_ALIAS], ignore_no_migrations=True)
    known = set(loader.graph.nodes)
    ours = {(app, name) for app, names in applied_migrations().items() for name in names}
    if pending := known - ours:
        raise BackupError(
            f"Basis data tujuan belum dimigrasi ({_names(pending)}…). "
            "Jalankan `garda migrate` dulu."
        )
    theirs = {(app, name) for app, names in manifest.migrations.items() for name in names}
    if unknown := theirs - ours:
        raise BackupError(
            "Cadangan dibuat oleh versi Garda yang lebih baru (migrasi tidak dikenal: "
            f"{_names(unknown)}). Pulihkan dengan versi Garda yang sama atau lebih baru."
        )
    back_to: list[tuple[str, str | None]] = []
    leaves: list[Node] = []
    for app in sorted({app for app, _ in ours}):
        mine = {node for node in theirs if node[0] == app}
        if not mine:
            back_to.append((app, None))
            continue
        # The archive's last migration of the app is the one all its others lead up to.
        last = max(mine, key=lambda node: len(loader.graph.forwards_plan(node)))
        if not mine <= set(loader.graph.forwards_plan(last)):
            raise BackupError(f"Migrasi {app} di cadangan tidak membentuk satu urutan.")
        back_to.append((app, last[1]))
        leaves.append(last)
    for node in theirs:
        if missing := set(loader.graph.forwards_plan(node)) - theirs:
            raise BackupError(
                f"Migrasi di cadangan tidak konsisten: {node[0]}.{node[1]} tanpa {_names(missing)}."
            )
    return SchemaPlan(frozenset(theirs), frozenset(ours), tuple(back_to), tuple(leaves))


@contextmanager
def schema_changes_allowed(needed: bool) -> Iterator[None]:
    """SQLite's schema editor rebuilds tables with foreign-key enforcement off, which SQLite
    cannot switch inside a transaction: switch it off before the restore's transaction (the
    restore checks every foreign key itself before committing) and on again after."""
    connection = connections[_ALIAS]
    if not needed or connection.vendor != "sqlite":
        yield
        return
    if not connection.disable_constraint_checking():
        raise BackupError(
            "Pemulihan cadangan berskema lama tidak bisa berjalan di dalam transaksi lain."
        )
    try:
        yield
    finally:
        connection.enable_constraint_checking()
