"""Rows of the yearly JP report (`garda jp_report`), streamed from one query."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from garda.core.models import Unit, User
from garda.learning.ledger.rules import targets_for_year
from garda.learning.ledger.selectors import employees_in_scope, with_total
from garda.people.models import Employee

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
            "total_jp": f"{total:.1f}",
            "target_jp": f"{target:.1f}",
            "compliant": total >= target,
        }
