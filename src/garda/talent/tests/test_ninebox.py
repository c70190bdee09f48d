"""The 9-box: capacity.md §2's numbering from imported SKP and potential, an instansi's own
cut-offs, calibration (moves with reasons, lock, audit), the selectors degree studies uses,
succession pools, and two instansi kept apart."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from garda.core.audit.models import AuditEntry
from garda.core.errors import Conflict, NotFound
from garda.core.roles import Role
from garda.core.testing import UnitFactory, UserFactory
from garda.learning.ledger.testing import make_employee
from garda.people.models import Employee, JabatanKind
from garda.talent import services
from garda.talent.models import CalibrationChange, Placement
from garda.talent.selectors import box_seven_employee_ids, talent_box_of
from garda.talent.selectors.ninebox import boxes, moves_of, succession_pool

pytestmark = pytest.mark.django_db

# (predikat, potensial) -> box under the default cut-offs (capacity.md §2)
EXPECTED = {
    ("Sangat Baik", "tinggi"): 9, ("Baik", "tinggi"): 8, ("Sangat Baik", "menengah"): 7,
    ("Kurang", "tinggi"): 6, ("Baik", "menengah"): 5, ("Sangat Baik", "rendah"): 4,
    ("Butuh Perbaikan", "menengah"): 3, ("Baik", "rendah"): 2, ("Cukup", "rendah"): 1,
}  # fmt: skip


def _load(tmp_path: Path, rows: list[tuple[Employee, str, str]], year: int = 2025) -> None:
    skp = tmp_path / "skp.csv"
    skp.write_text("\n".join(["NIP,Tahun,Predikat"] + [f"{e.nip},{year},{p}" for e, p, _ in rows]))
    pot = tmp_path / "pot.csv"
    pot.write_text("\n".join(["NIP,Tahun,Potensial"] + [f"{e.nip},{year},{q}" for e, _, q in rows]))
    for command, path in (("import_skp", skp), ("import_potensial", pot)):
        call_command(command, str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_numbering_cutoffs_and_moves(tmp_path: Path) -> None:
    instansi = UnitFactory(kind="instansi")
    opd = UnitFactory(parent=instansi)
    people = {pair: make_employee(unit=opd) for pair in EXPECTED}
    _load(tmp_path, [(e, p, q) for (p, q), e in people.items()])
    for pair, employee in people.items():
        assert talent_box_of(employee_id=employee.pk, year=2025) == EXPECTED[pair], pair
    assert talent_box_of(employee_id=people[("Baik", "rendah")].pk, year=2024) is None
    assert box_seven_employee_ids(year=2025, units=[opd.pk]) == [
        people[("Sangat Baik", "menengah")].pk
    ]
    five = boxes(Employee.objects.filter(pk=people[("Baik", "menengah")].pk), 2025)
    moves = moves_of(next(iter(five.values())), 2025)
    assert [(m.axis, m.box) for m in moves] == [("kinerja", 7), ("potensial", 8)]
    assert "Sangat Baik" in moves[0].text
    # The instansi decides that Baik is above expectation in 2025: box 5 becomes 7.
    services.kinerja_cuts_set(
        actor=None, instansi=instansi, year=2025,
        mapping={"sangat_baik": "di_atas", "baik": "di_atas", "butuh_perbaikan": "sesuai",
                 "cukup": "sesuai", "kurang": "di_bawah", "sangat_kurang": "di_bawah",
                 "buruk": "di_bawah"},
    )  # fmt: skip
    assert talent_box_of(employee_id=people[("Baik", "menengah")].pk, year=2025) == 7
    other = make_employee(unit=UnitFactory(kind="instansi"))
    _load(tmp_path, [(other, "Baik", "menengah")])
    assert talent_box_of(employee_id=other.pk, year=2025) == 5  # other instansi: default


def test_calibration_lock_audit_and_scope(tmp_path: Path) -> None:
    mine, theirs = UnitFactory(kind="instansi"), UnitFactory(kind="instansi")
    a, b = make_employee(unit=mine), make_employee(unit=mine)
    stranger = make_employee(unit=theirs)
    _load(tmp_path, [(a, "Baik", "menengah"), (b, "Sangat Baik", "tinggi"),
                     (stranger, "Baik", "tinggi")])  # fmt: skip
    admin = UserFactory(role=Role.ADMIN_INSTANSI, unit=mine)
    with pytest.raises(NotFound):
        services.calibration_open(actor=admin, instansi=theirs, year=2025)
    session = services.calibration_open(actor=admin, instansi=mine, year=2025)
    with pytest.raises(NotFound):
        services.calibration_change(actor=admin, session=session, employee=stranger, box=1,
                                    reason="x")  # fmt: skip
    services.calibration_change(
        actor=admin, session=session, employee=a, box=6, reason="Kinerja semester dua menurun"
    )
    assert talent_box_of(employee_id=a.pk, year=2025) == 5  # not in force until locked
    placed = services.calibration_lock(actor=admin, session=session)
    assert placed == 2
    assert talent_box_of(employee_id=a.pk, year=2025) == 6
    assert Placement.objects.get(employee=a).calibrated
    change = CalibrationChange.objects.get()
    assert (change.box_before, change.box_after) == (5, 6)
    with pytest.raises(Conflict):
        services.calibration_change(actor=admin, session=session, employee=b, box=1, reason="x")
    # A later SKP import no longer moves the locked result.
    _load(tmp_path, [(a, "Sangat Baik", "tinggi")])
    assert talent_box_of(employee_id=a.pk, year=2025) == 6
    actions = list(AuditEntry.objects.filter(action__startswith="talent.calibration")
                   .order_by("pk").values_list("action", flat=True))  # fmt: skip
    assert actions == ["talent.calibration.open", "talent.calibration.change",
                       "talent.calibration.lock"]  # fmt: skip


def test_succession_pool_is_the_instansi_s_boxes_7_to_9(tmp_path: Path) -> None:
    instansi = UnitFactory(kind="instansi")
    opd = UnitFactory(parent=instansi)
    nine, seven, five = (make_employee(unit=opd) for _ in range(3))
    outsider = make_employee(unit=UnitFactory(kind="instansi"))
    _load(tmp_path, [(nine, "Sangat Baik", "tinggi"), (seven, "Sangat Baik", "menengah"),
                     (five, "Baik", "menengah"), (outsider, "Sangat Baik", "tinggi")])  # fmt: skip
    post = services.critical_post_create(
        actor=None, unit=opd, name="Kepala Bidang Mutasi",
        jabatan_kind=JabatanKind.objects.get(code="administrator"),
    )  # fmt: skip
    pool = succession_pool(post=post, year=2025)
    assert [(e.pk, box) for e, box in pool] == [(nine.pk, 9), (seven.pk, 7)]


def test_an_opd_admin_sees_only_its_own_opd_in_a_pool(tmp_path: Path) -> None:
    instansi = UnitFactory(kind="instansi")
    mine, sibling = UnitFactory(parent=instansi), UnitFactory(parent=instansi)
    ours, theirs = make_employee(unit=mine), make_employee(unit=sibling)
    _load(tmp_path, [(ours, "Sangat Baik", "tinggi"), (theirs, "Sangat Baik", "tinggi")])
    post = services.critical_post_create(
        actor=None, unit=instansi, name="Sekretaris Daerah",
        jabatan_kind=JabatanKind.objects.get(code="jpt_pratama"),
    )  # fmt: skip
    admin = UserFactory(role=Role.ADMIN_OPD, unit=mine)
    assert [e.pk for e, _box in succession_pool(post=post, year=2025, user=admin)] == [ours.pk]
    assert len(succession_pool(post=post, year=2025)) == 2
