"""Serializers that write each row from readers prepared once per class.

DRF builds a serializer's fields on every request, then for every row and field calls the
field's generic `get_attribute` (dotted sources, mappings, callables, missing relations)
before its `to_representation`. For the ASN list, 50 rows of 23 fields, that machinery was
the largest part of an API search at Jambi size (decision 0020, revision 3).

`PreparedRepresentation` reads each field's source with a plain attribute walk prepared once
per serializer class, and still converts with the field's own `to_representation`. A row
where the walk meets anything it does not handle plainly (an empty relation in the middle of
a dotted source, a callable, a missing related row) is written by DRF's own code instead, so
the output is DRF's in every case. Only for serializers whose fields do not depend on the
request: the readers are kept per class.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from rest_framework import serializers
from rest_framework.relations import PrimaryKeyRelatedField

Reader = tuple[str, Callable[[Any], Any], Callable[[Any], Any]]

# Per serializer class: its readers, or None when a field cannot be read plainly.
_READERS: dict[type, tuple[Reader, ...] | None] = {}


class _Unplain(Exception):
    """This row needs DRF's own attribute rules."""


def _same(value: Any) -> Any:
    return value


def _walk(attrs: Sequence[str]) -> Callable[[Any], Any]:
    *through, last = attrs

    def read(instance: Any) -> Any:
        value = instance
        for attr in through:
            value = getattr(value, attr)
            if value is None:
                raise _Unplain  # DRF: the field's default, null, or the field left out
        value = getattr(value, last)
        if callable(value):
            raise _Unplain  # DRF calls it
        return value

    return read


def _reader(field: Any, model: type[models.Model]) -> Reader | None:
    """How to read and write `field` (a DRF field bound to its serializer) plainly; None
    when it cannot be."""
    name: str = field.field_name
    attrs = list(field.source_attrs)
    if not attrs:
        return None  # source="*": the whole object
    if isinstance(field, PrimaryKeyRelatedField):
        if field.pk_field is not None or len(attrs) != 1 or not field.use_pk_only_optimization():
            return None
        # DRF reads the id from the row (`serializable_value`), not the related object.
        attname = model._meta.get_field(attrs[0]).attname  # type: ignore[union-attr]
        return name, attrgetter(attname), _same
    return name, _walk(attrs), field.to_representation


def _readers_of(serializer: serializers.ModelSerializer[Any]) -> tuple[Reader, ...] | None:
    kind = type(serializer)
    if kind not in _READERS:
        model = serializer.Meta.model
        readers = [_reader(field, model) for field in serializer._readable_fields]
        _READERS[kind] = None if any(r is None for r in readers) else tuple(r for r in readers if r)
    return _READERS[kind]


class PreparedRepresentation:
    """Mixin for a ModelSerializer (listed before it) whose fields do not depend on the
    request; see the module's note."""

    def to_representation(self, instance: Any) -> dict[str, Any]:
        readers = _readers_of(self)  # type: ignore[arg-type]  # mixed into a ModelSerializer
        if readers is not None:
            try:
                row = {}
                for name, read, convert in readers:
                    value = read(instance)
                    row[name] = None if value is None else convert(value)
                return row
            except (_Unplain, AttributeError, ObjectDoesNotExist):
                pass
        return super().to_representation(instance)  # type: ignore[misc, no-any-return]  # ModelSerializer's
