"""The words employees are found by (`people.search`), kept in step with the registry.

`search_index_write` is called inside the transaction of every employee write
(`employees_create`, `employees_update_changed`, `employee_update`: the record form, the API,
the ASN import and its command, the demo all end in one of them), so a search never sees a
name without its words. `search_index_rebuild` writes every employee's words again, for
`garda rebuild_asn_search` after data was changed behind the services' back.

Each word row carries copies of its employee's name, NIP and unit (the sort key and the scope
of a search read from the word index alone), so a change of any of those rewrites the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from garda.core.audit.services import audit_record
from garda.core.models import User
from garda.people.employee_table import LOOKUP_CHUNK, chunks, insert_many
from garda.people.models import Employee, EmployeeWord
from garda.people.search import SEARCHED_FIELDS, employee_word_rows

CHUNK = 5000
# Employee fields copied into, or searched through, the word rows: a write that changes one of
# them rewrites that employee's rows (attribute names, as the services report changes).
INDEXED_FIELDS = frozenset({*SEARCHED_FIELDS, "nip", "unit", "unit_id"})
COLUMNS = ["employee_id", "word", "name", "nip", "unit_id"]
# What the rows are built from, in this order.
SOURCE_FIELDS = ("pk", *SEARCHED_FIELDS, "name", "nip", "unit_id")


def _rows(people: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Word rows (COLUMNS) for tuples of SOURCE_FIELDS."""
    people = list(people)
    copies = {pk: (name, nip, unit_id) for pk, _n, _d, _b, name, nip, unit_id in people}
    words = employee_word_rows(person[:4] for person in people)
    return [(pk, word, *copies[pk]) for pk, word in words]


def search_index_write(
    employees: Iterable[Employee], *, replace: bool = True, changed: Iterable[str] | None = None
) -> None:
    """Store the words of `employees` as they are in memory, in the caller's transaction.

    `replace`: remove the words they had first (false only for employees just inserted).
    `changed`: the fields the caller wrote; nothing is done unless an indexed one is among
    them (None: assume it is)."""
    if changed is not None and not set(changed).intersection(INDEXED_FIELDS):
        return
    people = [
        (e.pk, e.name, e.gelar_depan, e.gelar_belakang, e.name, e.nip, e.unit_id) for e in employees
    ]
    if not people:
        return
    if replace:
        for chunk in chunks([pk for pk, *_texts in people], LOOKUP_CHUNK):
            EmployeeWord.objects.filter(employee_id__in=chunk).delete()
    insert_many(EmployeeWord, COLUMNS, _rows(people))


@transaction.atomic
def search_index_rebuild(*, actor: User | None) -> int:
    """Every employee's words written again; returns how many words were stored."""
    EmployeeWord.objects.all().delete()
    stored = 0
    ids: Sequence[int] = list(Employee.objects.order_by("pk").values_list("pk", flat=True))
    for chunk in chunks(ids, CHUNK):
        people = Employee.objects.filter(pk__gte=chunk[0], pk__lte=chunk[-1]).values_list(
            *SOURCE_FIELDS
        )
        rows = _rows(people)
        insert_many(EmployeeWord, COLUMNS, rows)
        stored += len(rows)
    audit_record(actor=actor, action="employee.search_rebuild", after={"words": stored})
    return stored
