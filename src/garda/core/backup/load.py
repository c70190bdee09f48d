"""Loading `data.jsonl` into a database whose schema is the archive's own.

The rows are built with the model classes of a given app registry: the running code's when
the archive was written by the same schema, or the historical models of the archive's
migration state (Django's serializers look models up in the global registry only, which
would not fit an older archive's rows)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from django.apps.registry import Apps
from django.core.serializers.base import (
    DeserializationError,
    DeserializedObject,
    deserialize_fk_value,
    deserialize_m2m_values,
)
from django.core.serializers.jsonl import Deserializer as JSONLDeserializer
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.db.models.signals import post_save, pre_save

from garda.core.backup.manifest import BackupError
from garda.core.backup.tables import NATURAL_KEY_MODELS, label

_ALIAS: Final = DEFAULT_DB_ALIAS
_CHUNK: Final = 2000


class _Deserializer(JSONLDeserializer):
    """Django's JSON Lines reader with models from `registry`, and references to content types
    and permissions resolved by natural key, created when the target lacks them (a content
    type of a model that has since moved, e.g. people.unit, exists only where it was made)."""

    def __init__(self, stream: Any, *, registry: Apps) -> None:
        super().__init__(stream, using=_ALIAS)
        self._registry = registry
        self._natural: dict[tuple[str, tuple[str, ...]], Any] = {}

    def _get_model_from_node(self, model_identifier: str) -> type[Model]:
        try:
            return self._registry.get_model(model_identifier)
        except (LookupError, TypeError, ValueError) as exc:
            raise DeserializationError(f"Invalid model identifier: {model_identifier}") from exc

    def _handle_fk_field_node(self, field: Any, field_value: Any) -> Any:
        if label(field.remote_field.model) in NATURAL_KEY_MODELS and isinstance(field_value, list):
            return self._resolve(field.remote_field.model, field_value)
        # Forward references never occur: the load checks foreign keys only at the end.
        return deserialize_fk_value(field, field_value, _ALIAS, False)

    def _handle_m2m_field_node(self, field: Any, field_value: Any) -> Any:
        model = field.remote_field.model
        if label(model) in NATURAL_KEY_MODELS:
            return [self._resolve(model, value) for value in field_value]
        return deserialize_m2m_values(field, field_value, _ALIAS, False)

    def _resolve(self, model: type[Model], natural: list[Any]) -> Any:
        key = (label(model), tuple(str(part) for part in natural))
        if key not in self._natural:
            self._natural[key] = self._get_or_create(model, key[1])
        return self._natural[key]

    def _get_or_create(self, model: type[Model], natural: tuple[str, ...]) -> Any:
        content_types = self._registry.get_model("contenttypes", "contenttype")
        if label(model) == "contenttypes.contenttype":
            if len(natural) != 2:
                raise DeserializationError(f"Kunci alami jenis konten salah: {natural!r}")
            content_type, _ = content_types._base_manager.using(_ALIAS).get_or_create(
                app_label=natural[0], model=natural[1]
            )
            return content_type.pk
        if len(natural) != 3:
            raise DeserializationError(f"Kunci alami izin salah: {natural!r}")
        codename, app_label, model_name = natural
        content_type_id = self._resolve(content_types, [app_label, model_name])
        permission, _ = model._base_manager.using(_ALIAS).get_or_create(
            codename=codename, content_type_id=content_type_id, defaults={"name": codename}
        )
        return permission.pk


def _row_by_row(model: type[Model]) -> bool:
    """Models whose rows `loaddata`'s own path must save one at a time: save signals to send
    (with raw=True), parents of multi-table inheritance, or `_order` to keep."""
    return bool(
        pre_save.has_listeners(model)
        or post_save.has_listeners(model)
        or model._meta.parents
        or model._meta.order_with_respect_to
    )


def _insert(items: list[DeserializedObject]) -> None:
    """INSERT a run of rows of one model exactly as `save_base(raw=True)` would (same fields,
    values taken as they are, no auto_now), but many rows per statement."""
    if not items:
        return
    model = type(items[0].object)
    if _row_by_row(model):
        for item in items:
            item.save(using=_ALIAS, force_insert=True)
        return
    fields = [f for f in model._meta.local_concrete_fields if not f.generated]
    rows = [item.object for item in items]
    size = max(1, connections[_ALIAS].ops.bulk_batch_size(fields, rows))
    manager = model._base_manager.using(_ALIAS)
    for start in range(0, len(rows), size):
        # The private method save_base and bulk_create use; bulk_create would run pre_save()
        # and so overwrite auto_now fields, raw=True keeps the stored values.
        manager._insert(rows[start : start + size], fields=fields, using=_ALIAS, raw=True)  # type: ignore[attr-defined]  # not in django-stubs
    for item in items:
        for name, ids in (item.m2m_data or {}).items():
            if ids:
                getattr(item.object, name).set(ids)


def _items(data: Path, registry: Apps) -> Iterator[DeserializedObject]:
    with data.open(encoding="utf-8") as stream:
        yield from _Deserializer(stream, registry=registry)


def load_rows(data: Path, registry: Apps, allowed: Mapping[str, type[Model]]) -> Counter[str]:
    """Insert every row of `data` with `registry`'s models; only the tables in `allowed`."""
    loaded: Counter[str] = Counter()
    run: list[DeserializedObject] = []
    for item in _items(data, registry):
        name = label(type(item.object))
        if name not in allowed:
            raise BackupError(f"Cadangan memuat tabel {name} yang tidak boleh dipulihkan.")
        if run and (type(run[0].object) is not type(item.object) or len(run) >= _CHUNK):
            _insert(run)
            run = []
        run.append(item)
        loaded[name] += 1
    _insert(run)
    return loaded
