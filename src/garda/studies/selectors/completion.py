"""What completion shows: whether the new diploma opens a kenaikan pangkat penyesuaian
ijazah (the table of capacity.md §4, rows of PangkatAdjustment) and the bond tracker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from garda.people.models import Employee, Golongan
from garda.studies.eligibility import completed_months
from garda.studies.models import PangkatAdjustment, ServiceBond


@dataclass(frozen=True)
class PangkatAnswer:
    rule: PangkatAdjustment
    eligible: bool
    reason: str


def pangkat_adjustment(*, employee: Employee, level: str) -> PangkatAnswer | None:
    """None when the table has no row for the level (e.g. D3)."""
    rule = PangkatAdjustment.objects.filter(level=level).first()
    if rule is None:
        return None
    ranks = dict(Golongan.objects.filter(kind="pns").values_list("code", "rank"))
    current = employee.golongan.code if employee.golongan_id and employee.golongan else None
    if current is None or current not in ranks or rule.max_golongan not in ranks:
        return PangkatAnswer(rule, False, "golongan pegawai belum tercatat")
    if ranks[current] > ranks[rule.max_golongan]:
        return PangkatAnswer(
            rule, False, f"golongan {current} di atas {rule.max_golongan}; tidak berlaku"
        )
    tmt = employee.tmt_golongan
    today = timezone.localdate()
    if tmt is None or completed_months(tmt, today) < rule.min_years_in_rank * 12:
        return PangkatAnswer(
            rule, False, f"masa dalam pangkat kurang dari {rule.min_years_in_rank} tahun"
        )
    formasi = " (memerlukan formasi)" if rule.needs_formasi else ""
    return PangkatAnswer(rule, True, f"dapat diusulkan {current} → {rule.to_golongan}{formasi}")


@dataclass(frozen=True)
class BondState:
    served_months: int
    remaining_months: int


def bond_state(bond: ServiceBond, on: dt.date | None = None) -> BondState:
    on = on or timezone.localdate()
    served = min(bond.months, max(0, completed_months(bond.starts_on, on)))
    return BondState(served, bond.months - served)
