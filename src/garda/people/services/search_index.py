"""The words employees are found by (`people.search`), kept in step with the registry.

`search_index_write` is called inside the transaction of every employee write
(`employees_create`, `employees_update_changed`, `employee_update`: the record form, the API,
the ASN import and its command, the demo all end in one of them), so a search never sees a
name without its words. `search_index_rebuild` writes every employee's words again, for
`garda rebuild_asn_search` after data was changed behind the services' back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction

from garda.core.audit.services import audit_record
from garda.core.models import User
from garda.people.employee_table import LOOKUP_CHUNK, chunks, insert_many
from garda.people.models import Employee, EmployeeWord
from garda.people.search import SEARCHED_FIELDS, employee_word_rows

CHUNK = 5000


def search_index_write(
    employees: Iterable[Employee], *, replace: bool = True, changed: Iterable[str] | None = None
) -> None:
    """Store the words of `employees` as they are in memory, in the caller's transaction.

    `replace`: remove the words they had first (false only for employees just inserted).
    `changed`: the fields the caller wrote; nothing is done unless a searched one is among
    them (None: assume it is)."""
    if changed is not None and not set(changed).intersection(SEARCHED_FIELDS):
        return
    people = [(e.pk, e.name, e.gelar_depan, e.gelar_belakang) for e in employees]
    if not people:
        return
    if replace:
        for chunk in chunks([pk for pk, *_texts in people], LOOKUP_CHUNK):
            EmployeeWord.objects.filter(employee_id__in=chunk).delete()
    insert_many(EmployeeWord, ["employee_id", "word"], employee_word_rows(people))


@transaction.atomic
def search_index_rebuild(*, actor: User | None) -> int:
    """Every employee's words written again; returns how many words were stored."""
    EmployeeWord.objects.all().delete()
    stored = 0
    ids: Sequence[int] = list(Employee.objects.order_by("pk").values_list("pk", flat=True))
    for chunk in chunks(ids, CHUNK):
        people = Employee.objects.filter(pk__gte=chunk[0], pk__lte=chunk[-1]).values_list(
            "pk", *SEARCHED_FIELDS
        )
        rows = employee_word_rows(people)
        insert_many(EmployeeWord, ["employee_id", "word"], rows)
        stored += len(rows)
    audit_record(actor=actor, action="employee.search_rebuild", after={"words": stored})
    return stored
