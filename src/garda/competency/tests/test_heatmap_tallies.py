"""The heat map reads counts kept on write (decision 0024): they follow an assessment import and
an ASN moved to another unit at once, even with the map cached, agree with a recount of the
current gaps, and a cached map is never handed to another agency's admin."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from garda.competency.models import GapTally
from garda.competency.selectors.heatmap import heatmap
from garda.competency.services import assessment_import
from garda.competency.services.tallies import gap_tallies_check, gap_tallies_recount
from garda.competency.testing import (
    assess,
    competency,
    employee_in,
    instansi_of_test,
    opd_in,
    set_standard,
)
from garda.core.roles import Role
from garda.core.testing import login_client, make_user
from garda.people.models import Employee
from garda.people.services import employee_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    """Instansi A (OPD A1, A2) and B (OPD B1); M.1 standard 3 everywhere; one assessed ASN in
    A1 (level 1: gap -2) and one in B1 (level 2: gap -1)."""
    cache.clear()
    a = instansi_of_test("Instansi Alfa")
    b = instansi_of_test("Instansi Beta")
    w: dict[str, Any] = {
        "A": a,
        "B": b,
        "A1": opd_in(a, "Dinas Alfa Satu"),
        "A2": opd_in(a, "Dinas Alfa Dua"),
        "B1": opd_in(b, "Dinas Beta Satu"),
    }
    for instansi in (a, b):
        set_standard(instansi, "pelaksana", "M.1", 3)
    w["ea"] = employee_in(w["A1"])
    w["eb"] = employee_in(w["B1"])
    assess(w["ea"], {"M.1": 1})
    assess(w["eb"], {"M.1": 2})
    w["province"] = make_user(role=Role.ADMIN_PROVINSI, unit=a)
    w["admin_a"] = make_user(role=Role.ADMIN_INSTANSI, unit=a)
    w["admin_b"] = make_user(role=Role.ADMIN_INSTANSI, unit=b)
    return w


def _cell(user: Any, unit: Any, *, of: Any = None) -> tuple[Decimal | None, int, int] | None:
    heat = heatmap(user=user, unit_id=of.pk if of is not None else None)
    cell = heat.cells.get((unit.pk, competency("M.1").pk))
    return None if cell is None else (cell.mean_gap, cell.assessed, cell.below)


def test_an_import_shows_at_once_on_a_cached_map(world: dict[str, Any]) -> None:
    province = world["province"]
    assert _cell(province, world["A"]) == (Decimal("-2.00"), 1, 1)  # now cached
    page = login_client(province).get(reverse("competency:heatmap")).content.decode()
    assert "Instansi Alfa" in page
    second = employee_in(world["A2"])
    source = io.BytesIO(
        f"NIP,Kode Kompetensi,Level,Tanggal,Metode,Lembaga\n"
        f"{second.nip},M.1,4,2026-04-01,Assessment center,UPT\n".encode()
    )
    report = assessment_import(actor=None, filename="a.csv", source=source, skip_invalid=False)
    assert report.created == 1
    # -2 and +1 over two ASN: -0.50, one of them below standard.
    assert _cell(province, world["A"]) == (Decimal("-0.50"), 2, 1)
    assert _cell(province, world["A2"], of=world["A"]) == (Decimal("1.00"), 1, 0)
    assert _cell(province, world["B"]) == (Decimal("-1.00"), 1, 1)
    assert gap_tallies_check() == {}
    table = login_client(province).get(reverse("competency:heatmap"), {"unit": world["A"].pk})
    assert "Dinas Alfa Dua" in table.content.decode()
    assert "1.00" in table.content.decode() or "1,00" in table.content.decode()


def test_a_moved_asn_takes_their_gaps_along(world: dict[str, Any]) -> None:
    province = world["province"]
    assert _cell(province, world["B"]) == (Decimal("-1.00"), 1, 1)
    employee_update(actor=None, employee=Employee.objects.get(pk=world["ea"].pk),
                    values={"unit_id": world["B1"].pk})  # fmt: skip
    assert _cell(province, world["A"]) is None
    assert _cell(province, world["B"]) == (Decimal("-1.50"), 2, 2)
    assert gap_tallies_check() == {}
    # A recount writes the same figures the writes kept.
    kept = set(GapTally.objects.exclude(assessed=0).values_list(
        "unit_id", "competency_id", "gap_sum", "assessed", "below"))  # fmt: skip
    gap_tallies_recount()
    assert set(GapTally.objects.values_list(
        "unit_id", "competency_id", "gap_sum", "assessed", "below")) == kept  # fmt: skip


def test_an_agency_admin_never_gets_another_agencys_cached_map(world: dict[str, Any]) -> None:
    admin_a, admin_b = world["admin_a"], world["admin_b"]
    # Both maps cached, A's first: each admin reads their own instansi's OPD only.
    assert _cell(admin_a, world["A1"]) == (Decimal("-2.00"), 1, 1)
    assert _cell(admin_b, world["B1"]) == (Decimal("-1.00"), 1, 1)
    assert _cell(admin_b, world["A1"]) is None
    heat_b = heatmap(user=admin_b, unit_id=None)
    assert {row[0] for row in heat_b.rows} == {world["B1"].pk}
    for client, own, other in ((login_client(admin_a), "Dinas Alfa Satu", "Beta"),
                               (login_client(admin_b), "Dinas Beta Satu", "Alfa")):  # fmt: skip
        body = client.get(reverse("competency:heatmap")).content.decode()
        assert own in body
        assert other not in body
    # A write in A changes A's map, not B's.
    assess(world["ea"], {"M.1": 3})
    assert _cell(admin_a, world["A1"]) == (Decimal("0.00"), 1, 0)
    assert _cell(admin_b, world["B1"]) == (Decimal("-1.00"), 1, 1)
    body_b = login_client(admin_b).get(reverse("competency:heatmap")).content.decode()
    assert "Alfa" not in body_b
