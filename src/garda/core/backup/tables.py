"""Which tables travel, in which order. Every function takes the app registry to read: the
running code's (`django.apps.apps`) or a historical one of an older schema (restore)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from django.apps import apps
from django.apps.registry import Apps
from django.db.models import Model

from garda.core.backup.manifest import EXCLUDED

# References to these are written as natural keys; everything else keeps its primary key.
NATURAL_KEY_MODELS: Final = frozenset({"contenttypes.contenttype", "auth.permission"})


def label(model: type[Model]) -> str:
    return model._meta.label_lower


def backup_models(registry: Apps = apps) -> list[type[Model]]:
    """Every model whose rows go into the archive, parents before the rows that point at them."""
    chosen = [
        model
        for model in registry.get_models()
        if model._meta.managed and not model._meta.proxy and label(model) not in EXCLUDED
    ]
    return _dependency_order(chosen)


def through_models(model: type[Model]) -> list[type[Model]]:
    """The automatic tables behind `model`'s many-to-many fields (serialized with the model)."""
    found = []
    for f in model._meta.local_many_to_many:
        through = f.remote_field.through
        if through is not None and through._meta.auto_created:
            found.append(through)
    return found


def counted_models(registry: Apps = apps) -> dict[str, type[Model]]:
    """The tables the manifest counts: every backed-up model and its many-to-many tables."""
    counted: dict[str, type[Model]] = {}
    for model in backup_models(registry):
        counted[label(model)] = model
        for through in through_models(model):
            counted[label(through)] = through
    return counted


def _related_models(model: type[Model]) -> Iterator[type[Model]]:
    for f in [*model._meta.concrete_fields, *model._meta.local_many_to_many]:
        remote = f.remote_field
        if remote is not None and isinstance(remote.model, type):
            yield remote.model._meta.concrete_model or remote.model


def _dependency_order(models: list[type[Model]]) -> list[type[Model]]:
    """Stable topological order; a cycle is broken by taking the first remaining model.

    Both databases check foreign keys at commit, so the order is not needed for loading here,
    but it keeps `data.jsonl` loadable by `loaddata` on a stricter database."""
    included = set(models)
    needs = {m: {r for r in _related_models(m) if r in included and r is not m} for m in models}
    ordered: list[type[Model]] = []
    placed: set[type[Model]] = set()
    remaining = list(models)
    while remaining:
        ready = next((m for m in remaining if needs[m] <= placed), remaining[0])
        remaining.remove(ready)
        ordered.append(ready)
        placed.add(ready)
    return ordered
