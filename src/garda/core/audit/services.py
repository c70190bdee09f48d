"""Recording audit entries. Every service in every app calls `audit_record` inside its own
transaction. The entry is written unnumbered, so writers share no lock; once the transaction
has committed, the sequencer (core/audit/sequencer.py, decision 0017) gives it the next number
of the one gap-free sequence and its leaf hash, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from garda.core.audit.credentials import MASK, digest_credentials
from garda.core.audit.models import AUDIT_VERSION, AuditEntry
from garda.core.audit.sequencer import number_after_commit
from garda.core.hotsql import insert_returning_pk
from garda.core.masking import mask_value
from garda.core.models import User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

_PLAIN = frozenset({str, int, float, bool, type(None)})


def _jsonable(value: Any) -> Any:
    # Most values are plain already: their exact type is checked first, before the ABC checks
    # below (Mapping is abstract, and slow to test), which were most of a large import's cost.
    if type(value) in _PLAIN:
        return value
    if type(value) is dict:
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def audit_label_of(target: models.Model) -> str:
    """The record's name in the log: its `audit_label()` when its name would carry a
    credential (a PPID request is called by its tracking code), else `str()`; any credential
    value of the record is cut out either way."""
    label_of = getattr(target, "audit_label", None)
    label = str(label_of() if callable(label_of) else target)[:255]
    for name in getattr(target, "secret_fields", frozenset()):
        value = getattr(target, name, None)
        if value:
            label = label.replace(str(value), MASK)
    return label


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The stored values of a record, personal fields masked, ready for `before`/`after`
    (credentials become keyed digests in `audit_record`, whatever wrote them)."""
    personal: frozenset[str] = getattr(instance, "personal_fields", frozenset())
    names = (
        list(fields)
        if fields is not None
        else [
            f.attname
            for f in instance._meta.concrete_fields
            if f.attname not in {"created_at", "updated_at"}
        ]
    )
    data: dict[str, Any] = {}
    for name in names:
        value = getattr(instance, name, None)
        base = name[:-3] if name.endswith("_id") else name
        data[name] = (
            mask_value(value) if (name in personal or base in personal) else _jsonable(value)
        )
    return data


# Who did it, as the log names them: a signed-in user by name; "anonim" for someone not signed
# in (a citizen booking a ticket, a failed sign-in); "sistem" for Garda's own jobs and commands.
ANONYMOUS_LABEL = "anonim"
SYSTEM_LABEL = "sistem"


def actor_of(actor: User | AnonymousUser | None) -> tuple[User | None, str]:
    """The stored actor and its label. Pass `request.user` from a page or API call (anonymous
    included) and None only from background jobs and commands."""
    if actor is None:
        return None, SYSTEM_LABEL
    if not actor.is_authenticated or not isinstance(actor, User):
        return None, ANONYMOUS_LABEL
    return actor, str(actor)[:200]


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    target: models.Model | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
) -> AuditEntry:
    """Append one entry, unnumbered until the caller's transaction has committed. Must run
    inside that transaction (every service is atomic)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must be called inside the service's transaction")
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
        object_label = object_label or audit_label_of(target)
    actor_obj, actor_label = actor_of(actor)
    entry = AuditEntry(
        seq=None,
        created_at=timezone.now(),
        actor=actor_obj,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label[:255],
        before=digest_credentials(_jsonable(before)) if before is not None else None,
        after=digest_credentials(_jsonable(after)) if after is not None else None,
    )
    # save(force_insert=True) as one prepared statement: every audited write pays this, and
    # the ORM's building of the INSERT cost more than the row (core.hotsql).
    insert_returning_pk(entry, using=connection.alias)
    _number_after_commit(connection)
    return entry


def _number_after_commit(connection: Any) -> None:
    """Ask the sequencer to run once this transaction has committed (once per transaction,
    however many entries it wrote). `robust`: the write has committed by then, so a failure
    of numbering is logged, never the request's error; the next run numbers the entry."""
    if not any(item[1] is number_after_commit for item in connection.run_on_commit):
        transaction.on_commit(number_after_commit, robust=True)


def audit_record_many(*, actor: User | AnonymousUser | None, entries: list[dict[str, Any]]) -> int:
    """Append many entries at once (imports): one `executemany`, numbered after commit in
    list order (ids grow in insertion order, and the sequencer numbers by id).

    Each dict takes the keyword arguments of `audit_record` (action, target or object_*,
    before, after). Rows are inserted as plain tuples: an AuditEntry per row plus
    `bulk_create` preparing every value cost several times more than the row's own work
    (60,000 entries on the 2-core server).
    """
    if not entries:
        return 0
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record_many must be called inside the service's transaction")
    actor_obj, actor_label = actor_of(actor)
    actor_id = actor_obj.pk if actor_obj is not None else None
    ops = connection.ops
    created_at = ops.adapt_datetimefield_value(timezone.now())
    rows: list[tuple[Any, ...]] = []
    for spec in entries:
        target: models.Model | None = spec.get("target")
        before = spec.get("before")
        after = spec.get("after")
        before = None if before is None else digest_credentials(_jsonable(before))
        after = None if after is None else digest_credentials(_jsonable(after))
        object_type = spec.get("object_type") or (target._meta.label_lower if target else "")
        object_id = spec.get("object_id") or (str(target.pk) if target else "")
        object_label = spec.get("object_label") or (audit_label_of(target) if target else "")
        rows.append(
            (
                created_at, actor_id, actor_label, spec["action"], object_type, object_id,
                object_label[:255],
                None if before is None else ops.adapt_json_value(before, None),
                None if after is None else ops.adapt_json_value(after, None),
                "", AUDIT_VERSION,
            )
        )  # fmt: skip
    names = ["created_at", "actor_id", "actor_label", "action", "object_type",
             "object_id", "object_label", "before", "after", "leaf_hash", "version"]  # fmt: skip
    columns = {f.attname: str(f.column) for f in AuditEntry._meta.concrete_fields}
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  # names come from the model
        ops.quote_name(AuditEntry._meta.db_table),
        ", ".join(ops.quote_name(columns[name]) for name in names),
        ", ".join(["%s"] * len(names)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
    _number_after_commit(connection)
    return len(rows)


def credential_replace(
    record: models.Model, *, field: str, make: Callable[[], str], actor: User | None, action: str
) -> str:
    """Give `record` a new credential in `field` (one no other row holds), save it and audit
    the change; the caller has locked the record and decided it is due. Answers the new value
    (the audit entry holds only its digest)."""
    manager = type(record)._default_manager
    value = make()
    while manager.filter(**{field: value}).exists():
        value = make()
    setattr(record, field, value)
    record.save(update_fields=[field, "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        target=record,
        after={field: value, "reason": "exposed_in_audit_log"},
    )
    return value
