"""Reads of the unit tree and the ASN registry, scoped by the one rule in core.access."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Concat

from garda.core.access import scope_by_unit, sees_everything, subtree_ids, units_visible_to
from garda.core.cache import PUBLIC, cached, viewer_scope
from garda.core.errors import NotFound, ValidationFailed
from garda.core.identity import canonical_digits
from garda.core.models import Unit, UnitKind, User
from garda.core.org.labels import unit_label_of
from garda.people.models import (
    EducationLevel,
    Employee,
    EmployeeHistory,
    EmployeeKind,
    EmployeeStatus,
    EmployeeWord,
    Golongan,
    HistoryKind,
    JabatanKind,
    full_name,
)
from garda.people.search import prefix_bound, query_words

T = TypeVar("T")

NIP_LENGTH = 18


def employee_list(*, user: User | AnonymousUser) -> QuerySet[Employee]:
    """Every employee `user` may see: admins their subtree, an atasan its unit, an ASN itself."""
    return scope_by_unit(
        Employee.objects.select_related("unit", "golongan", "jabatan_kind", "education_level"),
        user,
        unit_field="unit",
        self_field="user",
    )


def employee_get(*, user: User | AnonymousUser, employee_id: int) -> Employee:
    employee = employee_list(user=user).filter(pk=employee_id).first()
    if employee is None:
        raise NotFound
    return employee


def employee_by_nip(
    *, user: User | AnonymousUser, nip: str, within: Unit | None = None
) -> Employee | None:
    """The ASN named by `nip` (spaces and punctuation ignored) among those `user` may see,
    optionally only inside the subtree of `within`; None when there is no such ASN in scope
    (another agency's NIP reads as unknown)."""
    employees = employee_list(user=user)
    if within is not None:
        employees = employees.filter(unit__path__startswith=within.path)
    return employees.filter(nip=canonical_digits(nip)).first()


def employee_by_nip_required(*, user: User | AnonymousUser, nip: str) -> Employee:
    """employee_by_nip for a form or API field `nip`: an unknown NIP is that field's error."""
    employee = employee_by_nip(user=user, nip=nip)
    if employee is None:
        raise ValidationFailed(
            "NIP tidak ditemukan di data ASN (atau di luar wewenang Anda).",
            "NIP not found among the ASN (or outside your scope).",
            errors=[{"field": "nip", "message": "NIP tidak ditemukan."}],
        )
    return employee


FILTER_CHOICES_CACHE_SECONDS = 300


def employee_filter_choices(*, user: User | AnonymousUser) -> dict[str, list[tuple[str, str]]]:
    """Options of the list's filter menus. Reference data and the OPD list change a few times a
    year, so they are cached briefly instead of read (and turned into objects) per request.
    The instansi and OPD menus list only units the viewer may see, so they are cached under
    the viewer's scope; the reference menus are the same for everyone."""
    units = cached(
        viewer_scope(user),
        ["people-filter-units"],
        lambda: _unit_choices(user),
        timeout=FILTER_CHOICES_CACHE_SECONDS,
    )
    reference = cached(
        PUBLIC, ["people-filter-reference"], _reference_choices,
        timeout=FILTER_CHOICES_CACHE_SECONDS,
    )  # fmt: skip
    return {**units, **reference}


def _unit_choices(user: User | AnonymousUser) -> dict[str, list[tuple[str, str]]]:
    units = list(
        units_visible_to(user)
        .filter(kind__in=[UnitKind.INSTANSI, UnitKind.OPD])
        .order_by("path")
        .only("pk", "name", "kind", "path")
    )
    # Each OPD with its government: eleven "Dinas Kesehatan" are otherwise one name.
    return {
        "instansi": [(str(u.pk), u.name) for u in units if u.kind == UnitKind.INSTANSI],
        "opd": [(str(u.pk), str(u)) for u in units if u.kind == UnitKind.OPD],
    }


def _reference_choices() -> dict[str, list[tuple[str, str]]]:
    return {
        "golongan": [(str(pk), f"{code} {pangkat}".strip()) for pk, code, pangkat in
                     Golongan.objects.values_list("pk", "code", "pangkat")],
        "jabatan_kind": [(str(pk), name) for pk, name in
                         JabatanKind.objects.values_list("pk", "name")],
        "education": [(str(pk), code) for pk, code in
                      EducationLevel.objects.values_list("pk", "code")],
        "kind": [(str(v), str(label)) for v, label in EmployeeKind.choices],
        "status": [(str(v), str(label)) for v, label in EmployeeStatus.choices],
    }  # fmt: skip


@dataclass(slots=True)
class EmployeeRow:
    """One line of the ASN list: the columns it shows, as plain values. The list's 50 rows as
    model instances were ~250 objects (each employee with its unit, golongan, jabatan kind
    and education) built per page; these are 50 (decision 0020, Revision 2)."""

    pk: int
    nip: str
    full_name: str
    golongan_code: str | None
    jabatan_name: str
    unit: str  # with its government (core.org.labels)
    status: str
    status_label: str
    detail_url: str = ""  # set by the view, which knows the URL


# The columns of a list row, in the order `employee_rows` unpacks them.
_ROW_COLUMNS = (
    "pk", "nip", "gelar_depan", "name", "gelar_belakang", "golongan__code", "jabatan_name",
    "unit_id", "unit__name", "unit__path", "status",
)  # fmt: skip


def employee_rows(ids: Sequence[int]) -> list[EmployeeRow]:
    """The list rows of the employees `ids`, in that order, from one query of plain values.

    `ids` are already scoped and ordered (the paginator's); each unit's label and each
    status's label are made once per page, not once per row."""
    # No ORDER BY: the model's (name, nip) ordering is what `ids` are already in.
    found = Employee.objects.filter(pk__in=ids).order_by().values_list(*_ROW_COLUMNS)
    unit_labels: dict[int, str] = {}
    status_labels: dict[str, str] = {}
    rows = []
    for row in _in_id_order(ids, {row[0]: row for row in found}):
        pk, nip, depan, name, belakang, golongan, jabatan, unit_id, unit, path, status = row
        if unit_id not in unit_labels:
            unit_labels[unit_id] = unit_label_of(unit_id, unit, path)
        if status not in status_labels:
            status_labels[status] = str(EmployeeStatus(status).label)  # as Employee.status_label
        named = full_name(depan, name, belakang)
        label = unit_labels[unit_id]
        rows.append(
            EmployeeRow(pk, nip, named, golongan, jabatan, label, status, status_labels[status])
        )
    return rows


def employees_with_columns(ids: Sequence[int], columns: Sequence[str]) -> list[Employee]:
    """The employees `ids` (already scoped and ordered), in that order, with only `columns`
    read ("unit__name" joins the unit and reads its name). Reading another field of them is
    a query per row: `columns` must name everything the caller shows."""
    related = sorted({column.split("__", 1)[0] for column in columns if "__" in column})
    found = Employee.objects.filter(pk__in=ids).select_related(*related).only(*columns).order_by()
    return _in_id_order(ids, {employee.pk: employee for employee in found})


def _in_id_order(ids: Sequence[int], by_pk: Mapping[int, T]) -> list[T]:
    """The rows of `ids` in that order; an id gone between the id query and this one is
    left out."""
    return [by_pk[pk] for pk in ids if pk in by_pk]


def employee_of_user(*, user: User) -> Employee | None:
    return Employee.objects.select_related("unit").filter(user=user).first()


def employee_search(queryset: QuerySet[Employee], text: str) -> QuerySet[Employee]:
    """Employees of `queryset` that `text` finds, as `people.search` defines it: a number is
    the start of a NIP, otherwise every word starts a word of the name or a title.

    Each word is one range of the word index, its employee ids a subquery; the NIP prefix is
    a range of the NIP's unique index. No LIKE, no scan of 60,000 names, and the same rows
    on SQLite and PostgreSQL."""
    text = text.strip()
    if not text:
        return queryset
    digits = canonical_digits(text)
    if digits.isascii() and digits.isdigit():
        return queryset.filter(**_nip_prefix(digits))
    words = query_words(text)
    if not words:
        return queryset.none()  # punctuation only: no word to start
    for word in words:
        matching = EmployeeWord.objects.filter(word__gte=word, word__lt=prefix_bound(word))
        if _dense(word):
            # Probed per row while the name index is walked (DENSE_WORD_ROWS): `IN` would
            # first read its whole range (SQLite, `s`: 58 ms against 0.5 ms).
            queryset = queryset.filter(Exists(matching.filter(employee_id=OuterRef("pk"))))
        else:
            queryset = queryset.filter(pk__in=matching.values("employee_id"))
    return queryset


def employee_search_ids(
    *, user: User | AnonymousUser, text: str, within: Sequence[Unit] = ()
) -> QuerySet[EmployeeWord, int] | None:
    """The ids `employee_search` finds among `employee_list(user=user)` inside the subtree of
    every unit of `within`, in the list's order (name, NIP), read from the word index alone;
    None when `text` is no words (empty, or a NIP: the caller keeps the employee table).

    The longest query word (likely the fewest rows) is one range of the covering index, which
    also holds each row's unit, name and NIP: the scope, the order and the page come from it
    without reading an employee row; every other word narrows by its own range. The same rows
    as `employee_search`, in the same order (tested on both databases). None too for dense
    words over the whole province (DENSE_WORD_ROWS)."""
    text = text.strip()
    digits = canonical_digits(text)
    if not text or (digits.isascii() and digits.isdigit()):
        return None
    words = query_words(text)
    if words and not within and sees_everything(user) and all(_dense(w) for w in words):
        return None  # the whole province's name index serves it (employee_list_is_narrowed)
    rows = scope_by_unit(
        EmployeeWord.objects.all(), user, unit_field="unit", self_via=("employee", "user")
    )
    if not words:
        return rows.none().values_list("employee_id", flat=True)
    first, *others = sorted(words, key=len, reverse=True)
    rows = rows.filter(word__gte=first, word__lt=prefix_bound(first))
    for word in others:
        matching = EmployeeWord.objects.filter(word__gte=word, word__lt=prefix_bound(word))
        rows = rows.filter(employee_id__in=matching.values("employee_id"))
    for unit in within:
        rows = rows.filter(unit__in=subtree_ids(unit))
    # (name, NIP) is unique per employee (the NIP is), so DISTINCT on it and the id is one row
    # per employee however many of its words the range holds.
    return (
        rows.order_by("name", "nip", "employee_id").values_list("employee_id", flat=True).distinct()
    )


# Word rows in one query word's range past which the word is "dense": so many employees match
# that walking the name index and probing each name's words finds a page sooner than sorting
# the range ("s" is a quarter of all words: 75,000 rows at Jambi size, 360 ms to sort on
# PostgreSQL against a few ms of probes). Counting up to it is one short index range.
DENSE_WORD_ROWS = 6000


def _dense(word: str) -> bool:
    return _range_reaches(word, DENSE_WORD_ROWS)


@functools.lru_cache(maxsize=4096)
def _range_reaches(word: str, rows: int) -> bool:
    """Kept per process: a request asks up to three times, and a stale answer (a prefix
    growing past the threshold) only chooses the other plan, never other rows."""
    matching = EmployeeWord.objects.filter(word__gte=word, word__lt=prefix_bound(word))
    return matching[:rows].count() >= rows


def _nip_prefix(digits: str) -> dict[str, str]:
    """A NIP starting with `digits` as a range of its unique index: from `digits` up to the
    next number of the same length. Both bounds are digits only, which every collation orders
    as numbers (a character after "9" would not be: some collations skip punctuation)."""
    if len(digits) >= NIP_LENGTH:
        return {"nip": digits}
    bound = str(int(digits) + 1).zfill(len(digits))
    if len(bound) > len(digits):  # all nines: nothing after them to stop at
        return {"nip__gte": digits}
    return {"nip__gte": digits, "nip__lt": bound}


def employee_list_is_narrowed(*, user: User | AnonymousUser, params: Mapping[str, Any]) -> bool:
    """True unless this is the whole province, unfiltered or searched only by dense words (a
    quarter of everyone starts a word with "s": the name index finds their first page at
    once, see `employee_ordered` and DENSE_WORD_ROWS)."""
    if not sees_everything(user) or any(params.get(k) for k in ("instansi", "opd", "unit")):
        return True
    texts = [str(params[k]).strip() for k in ("q", "search") if params.get(k)]
    return any(_narrows(text) for text in texts)


def _narrows(text: str) -> bool:
    digits = canonical_digits(text)
    if digits.isascii() and digits.isdigit():
        return True
    words = query_words(text)
    return not words or not all(_dense(word) for word in words)


def employee_ordered(queryset: QuerySet[Employee], *, narrowed: bool) -> QuerySet[Employee]:
    """Alphabetical order, chosen to suit the query plan.

    Over the whole province, the name index yields the first page at once. Narrowed (a text
    search, a unit filter, a scoped admin), walking that index means a table lookup for every
    name from A onwards until fifty match; reading the matches through their own index and
    sorting them is far cheaper, so the order key becomes an expression no index covers."""
    if narrowed:
        return queryset.order_by(Concat("name", Value("")), "nip")
    return queryset.order_by("name", "nip")


@dataclass(frozen=True)
class HistoryLine:
    """One history entry as a person reads it: names, never the ids the row keeps."""

    effective_on: dt.date | None
    recorded_at: dt.datetime
    text: str


def employee_history(*, employee: Employee) -> dict[str, list[HistoryLine]]:
    """History grouped under each kind's label, newest first. A row keeps the ids it was
    written with (golongan, jabatan kind, unit, education level); they are resolved to names
    here, with four small lookups for the whole history."""
    rows = list(EmployeeHistory.objects.filter(employee=employee).order_by("-recorded_at", "-pk"))
    wanted: dict[str, set[int]] = {}
    for row in rows:
        for key in ("golongan_id", "jabatan_kind_id", "unit_id", "education_level_id"):
            if isinstance(row.data.get(key), int):
                wanted.setdefault(key, set()).add(row.data[key])
    names: dict[str, dict[int, str]] = {
        "golongan_id": {
            g.pk: str(g) for g in Golongan.objects.filter(pk__in=wanted.get("golongan_id", ()))
        },
        "jabatan_kind_id": {
            j.pk: j.name
            for j in JabatanKind.objects.filter(pk__in=wanted.get("jabatan_kind_id", ()))
        },
        "unit_id": {u.pk: str(u) for u in Unit.objects.filter(pk__in=wanted.get("unit_id", ()))},
        "education_level_id": {
            e.pk: e.name
            for e in EducationLevel.objects.filter(pk__in=wanted.get("education_level_id", ()))
        },
    }
    grouped: dict[str, list[HistoryLine]] = {}
    for row in rows:
        label = str(HistoryKind(row.kind).label) if row.kind in HistoryKind.values else row.kind
        grouped.setdefault(label, []).append(
            HistoryLine(row.effective_on, row.recorded_at, _history_text(row.kind, row.data, names))
        )
    return grouped


def _history_text(kind: str, data: dict[str, Any], names: dict[str, dict[int, str]]) -> str:
    def named(key: str) -> str:
        value = data.get(key)
        return names[key].get(value, "") if isinstance(value, int) else ""

    if kind == HistoryKind.GOLONGAN:
        return named("golongan_id")
    if kind == HistoryKind.JABATAN:
        jabatan_kind = named("jabatan_kind_id")
        name = str(data.get("jabatan_name") or "")
        return f"{name} ({jabatan_kind})" if name and jabatan_kind else name or jabatan_kind
    if kind == HistoryKind.UNIT:
        return named("unit_id")
    if kind == HistoryKind.PENDIDIKAN:
        parts = [named("education_level_id"), data.get("education_major") or ""]
        text = " ".join(str(part) for part in parts if part)
        institution = data.get("education_institution") or ""
        return f"{text}, {institution}" if text and institution else text or str(institution)
    if kind == HistoryKind.STATUS:
        status = data.get("status") or ""
        return str(EmployeeStatus(status).label) if status in EmployeeStatus.values else status
    return ""
