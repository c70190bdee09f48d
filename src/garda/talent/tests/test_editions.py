"""IP ASN tables are data per edition: the page shows them, the provincial admin edits the
current edition or saves a new one (audited), bad lines are named, and `garda ip_asn` reads
whatever the tables say."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from garda.core.audit.models import AuditEntry
from garda.core.errors import NotAllowed
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.testing import make_employee
from garda.people.models import EducationLevel, JabatanKind
from garda.talent.ipasn import Rules
from garda.talent.ipasn_tables import tables_as_text
from garda.talent.models import IpEdition
from garda.talent.services import ip_edition_save

pytestmark = pytest.mark.django_db

URL = "/talenta/ip-asn/edisi/"


def _post_data(edition: IpEdition, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": edition.code, "name": edition.name, "first_year": edition.first_year,
        "technical_min_jp": edition.technical_min_jp, "seminar_years": edition.seminar_years,
        **tables_as_text(edition),
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _pelaksana_with_bimtek(tmp_path: Path) -> str:
    """A pelaksana S1 with 20 JP of bimtek in 2025 and SKP Baik: 15 + 22.5 + 25 + 5 = 67.5."""
    employee = make_employee(unit=UnitFactory())
    employee.jabatan_kind = JabatanKind.objects.get(code="pelaksana")
    employee.education_level = EducationLevel.objects.get(code="S1")
    employee.save()
    for command, lines in (
        ("import_learning", ["NIP,Bentuk,Nama Kegiatan,Penyelenggara,Tanggal Mulai,"
                             "Tanggal Selesai,JP",
                             f"{employee.nip},Bimbingan teknis,Bimtek Arsip,ANRI,2025-04-01,"
                             "2025-04-04,20"]),
        ("import_skp", ["NIP,Tahun,Predikat", f"{employee.nip},2025,Baik"]),
    ):  # fmt: skip
        path = tmp_path / f"{command}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        call_command(command, str(path), stdout=io.StringIO(), stderr=io.StringIO())
    return employee.nip


def _ip(nip: str, year: int = 2025) -> dict[str, Any]:
    out = io.StringIO()
    call_command("ip_asn", "--year", str(year), "--format", "json", stdout=out)
    return next(row for row in json.loads(out.getvalue()) if row["nip"] == nip)


def test_the_page_shows_the_tables_and_only_the_province_edits() -> None:
    unit = UnitFactory(kind="instansi")
    province = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=unit))
    page = province.get(URL).content.decode()
    assert "kompetensi.pelaksana.teknis = 22.5" in page
    assert "sangat_tinggi = 91" in page
    assert "bimtek = teknis" in page
    assert "administrator = struktural, pka" in page
    assert 'name="as_new"' in page
    reader = login_client(make_user(role=Role.ADMIN_INSTANSI, unit=unit))
    shown = reader.get(URL).content.decode()
    assert "kualifikasi.S3 = 25" in shown
    assert 'name="as_new"' not in shown
    edition = IpEdition.objects.get()
    refused = reader.post(URL, _post_data(edition, points="kualifikasi.S3 = 30"))
    assert refused.status_code == 404
    assert login_client(make_user(role=Role.ASN, unit=unit)).get(URL).status_code in {403, 404}
    with pytest.raises(NotAllowed):
        ip_edition_save(
            actor=make_user(role=Role.ADMIN_INSTANSI, unit=unit), edition_id=edition.pk,
            header={}, texts={},
        )  # fmt: skip


def test_editing_the_edition_changes_the_computation_and_is_audited(tmp_path: Path) -> None:
    nip = _pelaksana_with_bimtek(tmp_path)
    assert _ip(nip)["total"] == 67.5
    edition = IpEdition.objects.get()
    text = tables_as_text(edition)
    client = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=UnitFactory()))
    points = text["points"].replace("kompetensi.pelaksana.teknis = 22.5",
                                    "kompetensi.pelaksana.teknis = 25")  # fmt: skip
    categories = text["categories"].replace("rendah = 61", "rendah = 67.5")
    response = client.post(URL, _post_data(edition, points=points, categories=categories))
    assert response.status_code == 302
    row = _ip(nip)
    assert (row["kompetensi"], row["total"], row["kategori"]) == (25, 70, "rendah")
    # The ledger form mapping is data too: without bimtek, the training earns nothing.
    indicators = "\n".join(
        line for line in text["indicators"].splitlines() if not line.startswith("bimtek")
    )
    client.post(URL, _post_data(edition, points=points, indicators=indicators))
    assert _ip(nip)["kompetensi"] == 0
    entries = AuditEntry.objects.filter(action="talent.ip_edition.update").order_by("pk")
    assert entries.count() == 2
    assert "kompetensi.pelaksana.teknis = 22.5" in entries[0].before["points"]
    assert "kompetensi.pelaksana.teknis = 25" in entries[0].after["points"]
    assert "bimtek = teknis" not in entries[1].after["indicators"]


def test_a_new_edition_applies_from_its_first_year(tmp_path: Path) -> None:
    nip = _pelaksana_with_bimtek(tmp_path)
    old = IpEdition.objects.get()
    client = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=UnitFactory()))
    points = tables_as_text(old)["points"].replace("kinerja.baik = 25", "kinerja.baik = 20")
    response = client.post(URL, _post_data(
        old, code="draf-2026", name="Rancangan PermenPANRB 2026", first_year=2026,
        points=points, as_new="on",
    ))  # fmt: skip
    new = IpEdition.objects.get(code="draf-2026")
    assert response["Location"].endswith(f"?edisi={new.pk}")
    assert Rules.for_year(2025).edition == old
    assert Rules.for_year(2026).edition == new
    assert Rules.for_year(2026).point("kinerja", "baik") == 20
    assert _ip(nip)["kinerja"] == 25  # 2025 keeps the old edition
    assert AuditEntry.objects.filter(action="talent.ip_edition.create").count() == 1
    again = client.post(URL, _post_data(old, code="lain", first_year=2026, as_new="on"))
    assert "Kode atau tahun berlaku itu sudah dipakai edisi lain." in again.content.decode()
    assert IpEdition.objects.count() == 2


def test_bad_lines_are_named_and_nothing_is_saved() -> None:
    edition = IpEdition.objects.get()
    before = tables_as_text(edition)
    client = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=UnitFactory()))
    points = before["points"] + "\nkualifikasi.S9 = 25\nkinerja.baik = banyak\nkinerja.baik = 5"
    response = client.post(URL, _post_data(edition, points=points))
    page = response.content.decode()
    assert response.status_code == 200
    lines = len(before["points"].splitlines())
    assert f"baris {lines + 1}: kunci &#x27;S9&#x27; tidak dikenal" in page
    assert f"baris {lines + 2}: &#x27;banyak&#x27; bukan angka" in page
    assert f"baris {lines + 3}: mengulang baris" in page
    response = client.post(URL, _post_data(edition, jabatan="administrator = struktural, pkx"))
    assert "bentuk &#x27;pkx&#x27; tidak dikenal" in response.content.decode()
    response = client.post(URL, _post_data(edition, categories="tinggi = 81\nsedang = 81"))
    assert "nilai terendah yang berbeda" in response.content.decode()
    assert tables_as_text(IpEdition.objects.get()) == before
    assert not AuditEntry.objects.filter(action__startswith="talent.ip_edition").exists()


def test_the_command_prints_and_saves_an_edition_through_the_same_service(
    tmp_path: Path,
) -> None:
    nip = _pelaksana_with_bimtek(tmp_path)
    out = io.StringIO()
    call_command("ip_asn_tables", stdout=out)
    document = json.loads(out.getvalue())
    edition = IpEdition.objects.get()
    assert (document["code"], document["first_year"]) == (edition.code, edition.first_year)
    assert document["tables"] == tables_as_text(edition)

    admin = make_user(role=Role.ADMIN_PROVINSI, unit=UnitFactory())
    document["tables"]["points"] = document["tables"]["points"].replace(
        "kompetensi.pelaksana.teknis = 22.5", "kompetensi.pelaksana.teknis = 25"
    )
    changed = tmp_path / "edisi.json"
    changed.write_text(json.dumps(document), encoding="utf-8")
    out = io.StringIO()
    call_command("ip_asn_tables", "--save", str(changed), "--actor", admin.username, stdout=out)
    assert "kompetensi.pelaksana.teknis = 25" in json.loads(out.getvalue())["tables"]["points"]
    assert _ip(nip)["kompetensi"] == 25
    entry = AuditEntry.objects.get(action="talent.ip_edition.update")
    assert entry.actor_id == admin.pk

    # A bad line, a missing table or an ASN's account change nothing.
    document["tables"]["points"] += "\nkinerja.baik = banyak"
    changed.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="bukan angka"):
        call_command("ip_asn_tables", "--save", str(changed), stdout=io.StringIO())
    del document["tables"]["jabatan"]
    changed.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="bukan dokumen tabel IP ASN"):
        call_command("ip_asn_tables", "--save", str(changed), stdout=io.StringIO())
    asn = make_user(role=Role.ASN, unit=UnitFactory())
    call_command("ip_asn_tables", stdout=(out := io.StringIO()))
    changed.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(CommandError, match="Hanya admin provinsi"):
        call_command("ip_asn_tables", "--save", str(changed), "--actor", asn.username,
                     stdout=io.StringIO())  # fmt: skip
    assert AuditEntry.objects.filter(action__startswith="talent.ip_edition").count() == 1
