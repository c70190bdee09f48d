"""The worked examples of capacity.md §3, built from real records (registry, the JP ledger's
own import, SKP and discipline imports) and read back through `garda ip_asn`."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from garda.core.testing import UnitFactory
from garda.learning.ledger.models import LedgerEntry
from garda.learning.ledger.services import ledger_revoke
from garda.learning.ledger.testing import make_employee
from garda.people.models import EducationLevel, Employee, JabatanKind

pytestmark = pytest.mark.django_db

LEDGER_HEADER = "NIP,Bentuk,Nama Kegiatan,Penyelenggara,Tanggal Mulai,Tanggal Selesai,JP"


def _asn(kind: str, education: str) -> Employee:
    employee = make_employee(unit=UnitFactory())
    employee.jabatan_kind = JabatanKind.objects.get(code=kind)
    employee.education_level = EducationLevel.objects.get(code=education)
    employee.save()
    return employee


def _import(tmp_path: Path, command: str, lines: list[str]) -> None:
    path = tmp_path / f"{command}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command(command, str(path), stdout=io.StringIO(), stderr=io.StringIO())


def _ip(year: int, *args: str) -> dict[str, dict[str, Any]]:
    out = io.StringIO()
    call_command("ip_asn", "--year", str(year), "--format", "json", *args, stdout=out)
    return {row["nip"]: row for row in json.loads(out.getvalue())}


def test_the_three_worked_examples(tmp_path: Path) -> None:
    first = _asn("pelaksana", "S1")
    second = _asn("pelaksana", "S1")
    third = _asn("administrator", "S2")
    _import(tmp_path, "import_learning", [
        LEDGER_HEADER,
        f"{first.nip},Pelatihan teknis,Pengadaan Barang/Jasa,LKPP,2025-03-02,2025-03-05,20",
        f"{first.nip},Seminar,Seminar SPBE,Kominfo,2024-06-12,2024-06-12,4",
        f"{second.nip},Bimbingan teknis,Bimtek Arsip,ANRI,2025-04-01,2025-04-04,20",
        f"{third.nip},PKA,Pelatihan Kepemimpinan Administrator,BPSDM,2019-02-01,2019-05-30,240",
        f"{third.nip},Pelatihan jarak jauh,Analisis Kebijakan,LAN,2025-07-01,2025-07-20,20",
        f"{third.nip},Workshop,Lokakarya SAKIP,Bappeda,2025-09-09,2025-09-09,6",
    ])  # fmt: skip
    _import(tmp_path, "import_skp", [
        "NIP,Tahun,Predikat",
        f"{first.nip},2025,Baik",
        f"{second.nip},2025,baik",
        f"{third.nip},2025,SANGAT BAIK",
    ])  # fmt: skip
    rows = _ip(2025)
    assert rows[first.nip] == {
        "nip": first.nip, "kualifikasi": 15, "kompetensi": 40, "kinerja": 25, "disiplin": 5,
        "total": 85, "kategori": "tinggi", "missing": [],
    }  # fmt: skip
    assert rows[second.nip]["total"] == 67.5
    assert rows[second.nip]["kompetensi"] == 22.5
    assert rows[second.nip]["kategori"] == "rendah"
    assert rows[third.nip]["total"] == 95
    assert rows[third.nip]["kategori"] == "sangat tinggi"
    # The seminar of 2024 counts in 2025 (two years) but not in 2026; 2026 has no SKP yet.
    later = _ip(2026)[first.nip]
    assert later["kompetensi"] == 0
    assert later["missing"] == ["skp"]


def test_revoked_entries_sanctions_and_missing_education(tmp_path: Path) -> None:
    asn = _asn("pelaksana", "S1")
    unknown = make_employee(unit=UnitFactory())  # no education, no jabatan kind, no SKP
    _import(tmp_path, "import_learning", [
        LEDGER_HEADER,
        f"{asn.nip},Pelatihan teknis,Teknis A,LKPP,2025-03-02,2025-03-05,20",
    ])  # fmt: skip
    _import(tmp_path, "import_skp", ["NIP,Tahun,Predikat", f"{asn.nip},2025,Baik"])
    _import(tmp_path, "import_disiplin", [
        "NIP,Tingkat,Jenis Hukuman,TMT,Tanggal Selesai,Nomor SK",
        f"{asn.nip},Ringan,Teguran tertulis,2025-02-01,,SK/1",
        f"{asn.nip},Sedang,Penundaan KGB,2025-08-01,2026-07-31,SK/2",
        f"{asn.nip},Berat,Penurunan jabatan,2024-01-01,2024-12-31,SK/0",
    ])  # fmt: skip
    row = _ip(2025)[asn.nip]
    assert row["disiplin"] == 2  # the heaviest with TMT in 2025: sedang
    assert row["kompetensi"] == 22.5
    entry = LedgerEntry.objects.get(employee=asn)
    assert entry.source_key is not None
    ledger_revoke(actor=None, source_key=entry.source_key, reason="Sertifikat palsu")
    row = _ip(2025)[asn.nip]
    assert row["kompetensi"] == 0
    other = _ip(2025)[unknown.nip]
    assert other["missing"] == ["pendidikan", "skp"]
    assert other["kualifikasi"] == 0
    assert other["kinerja"] == 0
    assert other["kategori"] == "sangat rendah"
