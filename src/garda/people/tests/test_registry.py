"""The ASN registry: services keep history, selectors scope, pages and API agree."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from garda.core.audit.models import AuditEntry
from garda.core.errors import ValidationFailed
from garda.core.identity import make_nip
from garda.core.models import Unit
from garda.core.org.services import unit_move, unit_rename
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.people.filters import EmployeeFilter
from garda.people.models import Employee, EmployeeHistory, Golongan, JabatanKind
from garda.people.services import employee_create, employee_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Unit]:
    province = UnitFactory(code="T15", kind="instansi", name="Pemprov Uji")
    opd_a = UnitFactory(code="T15.A", kind="opd", name="Dinas Alpha", parent=province)
    bidang = UnitFactory(code="T15.A.1", kind="bidang", name="Bidang Alpha Satu", parent=opd_a)
    opd_b = UnitFactory(code="T15.B", kind="opd", name="Dinas Beta", parent=province)
    return {"province": province, "opd_a": opd_a, "bidang": bidang, "opd_b": opd_b}


def _employee(unit: Unit, name: str, seq: int, **extra: Any) -> Employee:
    born = dt.date(1985, 1, 1) + dt.timedelta(days=seq * 37)
    return employee_create(
        actor=None,
        nip=make_nip(born, 2010, 3, "L", seq),
        kind="pns",
        name=name,
        birth_date=born,
        gender="L",
        unit_id=unit.pk,
        golongan_id=Golongan.objects.get(kind="pns", code="III/a").pk,
        tmt_golongan=dt.date(2010, 3, 1),
        jabatan_kind_id=JabatanKind.objects.get(code="pelaksana").pk,
        jabatan_name="Pengadministrasi Umum",
        **extra,
    )


def test_create_validates_nip_against_birth_date(tree: dict[str, Unit]) -> None:
    with pytest.raises(ValidationFailed, match="Tanggal lahir"):
        employee_create(
            actor=None,
            nip=make_nip(dt.date(1985, 1, 1), 2010, 3, "L", 1),
            kind="pns",
            name="Salah Tanggal",
            birth_date=dt.date(1985, 1, 2),
            gender="L",
            unit_id=tree["bidang"].pk,
        )
    assert not Employee.objects.filter(name="Salah Tanggal").exists()


def test_update_keeps_golongan_history(tree: dict[str, Unit]) -> None:
    employee = _employee(tree["bidang"], "Andi", 1)
    first = EmployeeHistory.objects.filter(employee=employee, kind="golongan").count()
    change = employee_update(
        actor=None,
        employee=employee,
        values={
            "golongan_id": Golongan.objects.get(kind="pns", code="III/b").pk,
            "tmt_golongan": dt.date(2014, 4, 1),
        },
    )
    assert change.changed == {"golongan_id", "tmt_golongan"}
    rows = EmployeeHistory.objects.filter(employee=employee, kind="golongan").order_by("pk")
    assert rows.count() == first + 1
    assert rows.last().effective_on == dt.date(2014, 4, 1)  # type: ignore[union-attr]
    entry = AuditEntry.objects.filter(action="employee.update").last()
    assert entry is not None
    assert set(entry.after) == {"golongan_id", "tmt_golongan"}


def test_unchanged_update_writes_nothing(tree: dict[str, Unit]) -> None:
    employee = _employee(tree["bidang"], "Budi", 2)
    entries = AuditEntry.objects.count()
    change = employee_update(actor=None, employee=employee, values={"name": "Budi"})
    assert change.changed == set()
    assert AuditEntry.objects.count() == entries


def test_self_service_may_change_contact_only(tree: dict[str, Unit]) -> None:
    employee = _employee(tree["bidang"], "Citra", 3)
    employee_update(
        actor=None, employee=employee, values={"phone": "081234567890"}, self_service=True
    )
    with pytest.raises(ValidationFailed):
        employee_update(actor=None, employee=employee, values={"name": "X"}, self_service=True)


def test_rename_and_move_keep_unit_history(tree: dict[str, Unit]) -> None:
    bidang = unit_rename(actor=None, unit=tree["bidang"], name="Bidang Alpha Baru")
    moved = unit_move(actor=None, unit=bidang, new_parent=tree["opd_b"])
    assert moved.path.startswith(tree["opd_b"].path)
    names = list(moved.history.values_list("name", flat=True))
    assert "Bidang Alpha Satu" in names
    assert "Bidang Alpha Baru" in names
    with pytest.raises(ValidationFailed):
        unit_move(actor=None, unit=tree["opd_b"], new_parent=moved)


def test_list_is_scoped_by_role(tree: dict[str, Unit]) -> None:
    a = _employee(tree["bidang"], "Alpha Orang", 4)
    _employee(tree["opd_b"], "Beta Orang", 5)
    admin_a = make_user(role=Role.ADMIN_OPD, unit=tree["opd_a"])
    page = login_client(admin_a).get("/pegawai/", {"q": "Orang"}).content.decode()
    assert "Alpha Orang" in page
    assert "Beta Orang" not in page
    provinsi = make_user(role=Role.ADMIN_PROVINSI, unit=tree["province"])
    page = login_client(provinsi).get("/pegawai/", {"q": "Orang"}).content.decode()
    assert "Alpha Orang" in page
    assert "Beta Orang" in page
    # An admin of another OPD cannot open the record at all.
    admin_b = make_user(role=Role.ADMIN_OPD, unit=tree["opd_b"])
    assert login_client(admin_b).get(f"/pegawai/{a.pk}/").status_code == 404


def test_asn_sees_only_itself(tree: dict[str, Unit]) -> None:
    user = make_user(role=Role.ASN, unit=tree["bidang"])
    own = _employee(tree["bidang"], "Saya Sendiri", 6, user_id=user.pk)
    other = _employee(tree["bidang"], "Rekan Kerja", 7)
    client = login_client(user)
    assert client.get(f"/pegawai/{own.pk}/").status_code == 200
    assert client.get(f"/pegawai/{other.pk}/").status_code == 404
    api = client.get("/api/v1/employees/").json()
    assert [row["name"] for row in api["results"]] == ["Saya Sendiri"]
    profile = client.get("/profil-asn/").content.decode()
    assert own.nip in profile
    response = client.post("/profil-asn/", {"email": "saya@jambiprov.go.id", "phone": "0812"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.email == "saya@jambiprov.go.id"


def test_filters_on_page_and_api_agree(tree: dict[str, Unit]) -> None:
    _employee(tree["bidang"], "Gol A", 8)
    b = _employee(tree["opd_b"], "Gol B", 9)
    employee_update(
        actor=None,
        employee=b,
        values={"golongan_id": Golongan.objects.get(kind="pns", code="IV/a").pk},
    )
    client = login_client(make_user(role=Role.AUDITOR, unit=tree["province"]))
    golongan = Golongan.objects.get(kind="pns", code="IV/a").pk
    page = client.get("/pegawai/", {"golongan": golongan, "q": "Gol"}).content.decode()
    assert "Gol B" in page
    assert "Gol A" not in page
    api = client.get("/api/v1/employees/", {"golongan": golongan, "search": "Gol"}).json()
    assert [r["name"] for r in api["results"]] == ["Gol B"]
    by_opd = client.get("/api/v1/employees/", {"opd": tree["opd_a"].pk, "search": "Gol"}).json()
    assert [r["name"] for r in by_opd["results"]] == ["Gol A"]


def test_admin_edits_through_the_page(tree: dict[str, Unit]) -> None:
    employee = _employee(tree["bidang"], "Dedi", 10)
    admin = make_user(role=Role.ADMIN_OPD, unit=tree["opd_a"])
    client = login_client(admin)
    form = client.get(f"/pegawai/{employee.pk}/ubah/")
    assert form.status_code == 200
    data = {
        "name": "Dedi Kurniawan", "gelar_depan": "", "gelar_belakang": "S.T.", "kind": "pns",
        "birth_place": "Jambi", "birth_date": employee.birth_date.isoformat(), "gender": "L",
        "golongan": employee.golongan_id, "tmt_golongan": "2010-03-01",
        "jabatan_name": "Pranata Komputer", "jabatan_kind": employee.jabatan_kind_id,
        "unit": tree["bidang"].pk, "education_level": "", "education_major": "",
        "education_institution": "", "email": "", "phone": "", "status": "aktif",
    }  # fmt: skip
    response = client.post(f"/pegawai/{employee.pk}/ubah/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    employee.refresh_from_db()
    assert employee.full_name == "Dedi Kurniawan, S.T."
    assert employee.history.filter(kind="jabatan").count() == 2
    # Moving someone to a unit outside the admin's subtree is not offered.
    data["unit"] = tree["opd_b"].pk
    refused = client.post(f"/pegawai/{employee.pk}/ubah/", data)
    assert refused.status_code == 200
    assert "unit" in refused.context["form"].errors


def test_asn_cannot_edit_or_patch(tree: dict[str, Unit]) -> None:
    user = make_user(role=Role.ASN, unit=tree["bidang"])
    own = _employee(tree["bidang"], "Eka", 11, user_id=user.pk)
    client = login_client(user)
    assert client.get(f"/pegawai/{own.pk}/ubah/").status_code == 403
    patch = client.patch(
        f"/api/v1/employees/{own.pk}/", {"name": "Bukan"}, content_type="application/json"
    )
    assert patch.status_code == 403


def test_admin_patches_through_the_api(tree: dict[str, Unit]) -> None:
    employee = _employee(tree["bidang"], "Fajar", 12)
    client = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=tree["province"]))
    response = client.patch(
        f"/api/v1/employees/{employee.pk}/", {"status": "cuti"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "cuti"
    assert employee.history.filter(kind="status").count() == 1


def test_unit_tree_and_detail(tree: dict[str, Unit]) -> None:
    _employee(tree["bidang"], "Gita", 13)
    client = login_client(make_user(role=Role.ADMIN_OPD, unit=tree["opd_a"]))
    page = client.get("/unit/").content.decode()
    assert "Bidang Alpha Satu" in page
    assert "Dinas Beta" not in page
    detail = client.get(f"/unit/{tree['opd_a'].pk}/").content.decode()
    assert "Bidang Alpha Satu" in detail


def test_anonymous_is_sent_to_sign_in() -> None:
    assert Client().get("/pegawai/").status_code == 302


def test_history_reads_names_not_ids_and_units_name_their_government(
    tree: dict[str, Unit],
) -> None:
    """The "Riwayat" printed "Unit 131", "Jabatan Dokter Ahli Muda 8", "Golongan … 8"."""
    other = UnitFactory(code="T16", kind="instansi", name="Kabupaten Uji")
    other_opd = UnitFactory(code="T16.A", kind="opd", name="Dinas Alpha", parent=other)
    employee = _employee(tree["bidang"], "Rina", 12)
    employee_update(
        actor=None,
        employee=employee,
        values={
            "golongan_id": Golongan.objects.get(kind="pns", code="III/b").pk,
            "tmt_golongan": dt.date(2014, 4, 1),
        },
    )
    client = login_client(make_user(role=Role.ADMIN_OPD, unit=tree["opd_a"]))
    page = client.get(f"/pegawai/{employee.pk}/").content.decode()
    history = page[page.index("Riwayat") :]
    assert "III/b" in history
    assert "Pengadministrasi Umum (" in history
    assert "Bidang Alpha Satu — Pemprov Uji" in history
    golongan_ids = Golongan.objects.filter(code__in=["III/a", "III/b"]).values_list("pk", flat=True)
    for number in [str(tree["bidang"].pk), *map(str, golongan_ids)]:
        assert f"> {number}<" not in history
        assert f" {number} " not in history
    # Two "Dinas Alpha" in two governments: each says whose.
    assert str(other_opd) == "Dinas Alpha — Kabupaten Uji"
    assert str(tree["opd_a"]) == "Dinas Alpha — Pemprov Uji"
    assert str(other) == "Kabupaten Uji"
    # The OPD filter says whose, and an empty choice reads "Semua", not "---------".
    choices = [str(label) for _value, label in EmployeeFilter().form.fields["opd"].choices]
    assert choices[0] == "Semua"
    assert {"Dinas Alpha — Kabupaten Uji", "Dinas Alpha — Pemprov Uji"} <= set(choices)
    rows = client.get("/pegawai/").content.decode()
    assert "Bidang Alpha Satu — Pemprov Uji" in rows
