"""Rows of the yearly JP report, streamed from one query: `garda jp_report` (CSV, JSON) and
the compliance page's CSV/xlsx export print the same rows under the same header."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from garda.core.models import Unit, User
from garda.learning.ledger.rules import targets_for_year
from garda.learning.ledger.selectors import employees_in_scope, with_total
from garda.people.models import Employee

ONE_DECIMAL = Decimal("0.1")
HEADER = ("NIP", "Nama", "Unit Kerja", "Jenis", "Total JP", "Target JP", "Patuh")
COLUMNS = ("nip", "name", "gelar_depan", "gelar_belakang", "unit__name", "kind", "total_jp")


def report_rows(*, actor: User | None, year: int, root: Unit | None) -> Iterator[dict[str, Any]]:
    """Without an actor: every ASN of the province (the operator's command)."""
    targets = targets_for_year(year)
    queryset: Any = with_total(employees_in_scope(user=actor, root=root), year).order_by("nip")
    for nip, name, depan, belakang, unit, kind, total in queryset.values_list(*COLUMNS).iterator(
        chunk_size=2000
    ):
        target = targets.get(kind, Decimal("0"))
        full = Employee(name=name, gelar_depan=depan, gelar_belakang=belakang).full_name
        yield {
            "nip": nip,
            "name": full,
            "unit": unit,
            "kind": kind,
            "total_jp": Decimal(total).quantize(ONE_DECIMAL),
            "target_jp": Decimal(target).quantize(ONE_DECIMAL),
            "compliant": total >= target,
        }


def table_rows(rows: Iterator[dict[str, Any]], *, yes: str, no: str) -> Iterator[list[Any]]:
    """`report_rows` as table rows under HEADER (JP as numbers, compliance as `yes`/`no`)."""
    for row in rows:
        yield [row["nip"], row["name"], row["unit"], row["kind"].upper(), row["total_jp"],
               row["target_jp"], yes if row["compliant"] else no]  # fmt: skip
