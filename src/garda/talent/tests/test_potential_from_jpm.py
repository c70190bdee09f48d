"""Potential from the competency assessment: an ASN without an imported potential for the year
gets the level their JPM at the end of the year reaches under the instansi's potential cut-offs
(two instansi, one with its own table); an import always wins; the page, calibration and the
degree-study candidates all read the same placement, and the page says where it came from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from garda.competency.testing import assess, employee_in, instansi_of_test, opd_in, set_standard
from garda.core.audit.models import AuditEntry
from garda.core.errors import NotFound, ValidationFailed
from garda.core.roles import Role
from garda.core.testing import login_client, make_user
from garda.people.models import Employee
from garda.talent import services
from garda.talent.models import Placement, PotentialResult, SkpResult
from garda.talent.selectors import box_seven_employee_ids, talent_box_of
from garda.talent.selectors.ninebox import FROM_IMPORT, FROM_JPM, box_explained, boxes

pytestmark = pytest.mark.django_db

YEAR = 2026
CODES = ("M.1", "M.2", "M.3", "M.4")  # standard 5 each: JPM = achieved / 20 x 100


def _levels(total: int) -> dict[str, int]:
    """Levels over CODES adding up to `total` (17 -> JPM 85, 19 -> 95)."""
    levels = dict.fromkeys(CODES, 5)
    for code in CODES[: 20 - total]:
        levels[code] = 4
    return levels


def _asn(opd, total: int, predikat: str = "sangat_baik", on: dt.date = dt.date(YEAR, 3, 2)):  # type: ignore[no-untyped-def]
    employee = employee_in(opd)
    assess(employee, _levels(total), on=on)
    SkpResult.objects.create(employee=employee, year=YEAR, predikat=predikat)
    return employee


@pytest.fixture
def world() -> dict[str, object]:
    a, b = instansi_of_test("Instansi A"), instansi_of_test("Instansi B")
    for instansi in (a, b):
        for code in CODES:
            set_standard(instansi, "pelaksana", code, 5)
    return {"a": a, "b": b, "opd_a": opd_in(a), "opd_b": opd_in(b)}


def test_jpm_gives_the_potential_per_instansi_cut_offs(world: dict) -> None:  # type: ignore[type-arg]
    mine, theirs = _asn(world["opd_a"], 17), _asn(world["opd_b"], 17)  # JPM 85 on both sides
    # Default local table (tinggi >= 90, menengah >= 80): 85 is menengah; Sangat Baik -> box 7.
    assert talent_box_of(employee_id=mine.pk, year=YEAR) == 7
    assert talent_box_of(employee_id=theirs.pk, year=YEAR) == 7
    found = boxes(Employee.objects.filter(pk=mine.pk), YEAR)[mine.pk]
    assert (found.potensial, found.potensial_source) == ("menengah", FROM_JPM)
    assert (found.jpm, found.potensial_min, found.jpm_on) == (
        Decimal("85.00"), Decimal("80.00"), dt.date(YEAR, 3, 2)
    )  # fmt: skip
    # The degree-study candidates read the same placement.
    assert box_seven_employee_ids(year=YEAR, units=[world["opd_b"].pk]) == [theirs.pk]

    # Instansi A counts 85 as tinggi in 2026: its ASN moves to box 9, B's stays in 7.
    admin_a = make_user(role=Role.ADMIN_INSTANSI, unit=world["a"])
    with pytest.raises(NotFound):
        services.potensial_cuts_set(actor=admin_a, instansi=world["b"], year=YEAR,
                                    mapping={"tinggi": Decimal(85), "menengah": Decimal(70),
                                             "rendah": Decimal(0)})  # fmt: skip
    with pytest.raises(ValidationFailed):
        services.potensial_cuts_set(actor=admin_a, instansi=world["a"], year=YEAR,
                                    mapping={"tinggi": Decimal(70), "menengah": Decimal(85),
                                             "rendah": Decimal(0)})  # fmt: skip
    services.potensial_cuts_set(actor=admin_a, instansi=world["a"], year=YEAR,
                                mapping={"tinggi": Decimal(85), "menengah": Decimal(70),
                                         "rendah": Decimal(0)})  # fmt: skip
    assert AuditEntry.objects.filter(action="talent.potensial_cutoff.set").count() == 1
    assert talent_box_of(employee_id=mine.pk, year=YEAR) == 9
    assert talent_box_of(employee_id=theirs.pk, year=YEAR) == 7
    assert box_seven_employee_ids(year=YEAR, units=[world["opd_a"].pk]) == []
    explained = box_explained(employee_id=mine.pk, year=YEAR)
    assert "JPM 85" in explained.potensial_source
    assert "85" in explained.potensial_source.split(":")[-1]  # the cut-off reached
    assert explained.local_potensial_cuts
    assert [low for _level, low in explained.potensial_cuts] == [85, 70, 0]
    # An empty mapping returns A to the default table.
    services.potensial_cuts_set(actor=admin_a, instansi=world["a"], year=YEAR, mapping={})
    assert talent_box_of(employee_id=mine.pk, year=YEAR) == 7


def test_only_assessments_up_to_the_end_of_the_year_count(world: dict) -> None:  # type: ignore[type-arg]
    early = _asn(world["opd_a"], 17)
    assess(early, _levels(19), on=dt.date(YEAR + 1, 2, 1))  # JPM 95, but after the year
    SkpResult.objects.create(employee=early, year=YEAR + 1, predikat="sangat_baik")
    assert talent_box_of(employee_id=early.pk, year=YEAR) == 7  # still 85: menengah
    assert talent_box_of(employee_id=early.pk, year=YEAR + 1) == 9  # 95: tinggi
    SkpResult.objects.create(employee=early, year=YEAR - 1, predikat="sangat_baik")
    assert talent_box_of(employee_id=early.pk, year=YEAR - 1) is None  # not assessed yet


def test_an_imported_potential_beats_the_derived_one(world: dict) -> None:  # type: ignore[type-arg]
    employee = _asn(world["opd_a"], 19)  # JPM 95 would be tinggi (box 9)
    assert talent_box_of(employee_id=employee.pk, year=YEAR) == 9
    PotentialResult.objects.create(employee=employee, year=YEAR, potensial="rendah")
    found = boxes(Employee.objects.filter(pk=employee.pk), YEAR)[employee.pk]
    assert (found.potensial, found.potensial_source, found.jpm) == ("rendah", FROM_IMPORT, None)
    assert found.box == 4
    assert "diimpor" in box_explained(employee_id=employee.pk, year=YEAR).potensial_source


def test_page_and_calibration_use_the_derived_potential(world: dict) -> None:  # type: ignore[type-arg]
    user = make_user(role=Role.ASN, unit=world["opd_a"])
    employee = _asn(world["opd_a"], 17)
    employee.user = user
    employee.save(update_fields=["user"])
    page = login_client(user).get(reverse("talent:my_talent") + f"?tahun={YEAR}")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="potensial-source"' in text
    assert "JPM 85,00" in text or "JPM 85.00" in text
    assert "Kotak 7" in text
    # The BKD admin's cut-off page: A's admin sees A only, saves A's own table.
    admin = make_user(role=Role.ADMIN_INSTANSI, unit=world["a"])
    client = login_client(admin)
    url = reverse("talent:potensial_cutoffs") + f"?instansi={world['a'].pk}&tahun={YEAR}"
    assert "batas bawaan" in client.get(url).content.decode()
    saved = client.post(url, {"tinggi": "84", "menengah": "60", "rendah": "0"})
    assert saved.status_code == 302
    other = reverse("talent:potensial_cutoffs") + f"?instansi={world['b'].pk}&tahun={YEAR}"
    assert world["b"].name not in client.get(other).content.decode()
    # Calibration locks the box the derived potential gives.
    session = services.calibration_open(actor=admin, instansi=world["a"], year=YEAR)
    services.calibration_lock(actor=admin, session=session)
    assert Placement.objects.get(employee=employee, year=YEAR).box == 9


def test_the_placement_stays_set_based(world: dict) -> None:  # type: ignore[type-arg]
    """Deriving potential adds a fixed number of queries, whatever the number of ASN (some of
    them re-assessed after the year, which takes the slower path)."""

    def queries(opd) -> int:  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as captured:
            found = boxes(Employee.objects.filter(unit=opd), YEAR)
        assert all(b.potensial_source == FROM_JPM for b in found.values())
        return len(captured)

    small, large = opd_in(world["a"]), opd_in(world["a"])
    for opd, count in ((small, 2), (large, 12)):
        for n in range(count):
            employee = _asn(opd, 17 + n % 3)
            if n % 2:
                assess(employee, _levels(15), on=dt.date(YEAR + 1, 1, 5))
    assert queries(small) == queries(large)
