"""`garda jp_recompute`: entries recorded before the rule applied to every path (here made
the way the old import wrote them: the file's JP, uncapped) are brought to the rule's figure,
each change audited, totals recounted; a dry run writes nothing; a second run changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from garda.core.audit.models import AuditEntry
from garda.core.testing import UnitFactory
from garda.learning.ledger.models import JPYearTotal, LedgerEntry
from garda.learning.ledger.services import refresh_totals
from garda.learning.ledger.testing import make_employee

pytestmark = pytest.mark.django_db

HEADER = "NIP,Bentuk,Nama Kegiatan,Penyelenggara,Tanggal Mulai,Tanggal Selesai,JP,Nomor Sertifikat"
D = Decimal


def _recompute(*args: str) -> str:
    out = io.StringIO()
    call_command("jp_recompute", *args, stdout=out)
    return out.getvalue()


def _legacy(tmp_path: Path, lines: list[str], *, stated_kept: bool = True) -> None:
    """Import, then put back what the old import wrote: the file's JP as it stood."""
    path = tmp_path / "lama.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    call_command("import_learning", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    with transaction.atomic():
        for entry in LedgerEntry.objects.all():
            LedgerEntry.objects.filter(pk=entry.pk).update(
                jp=entry.stated_jp, stated_jp=entry.stated_jp if stated_kept else None
            )
        refresh_totals(set(LedgerEntry.objects.values_list("employee_id", "year")))


def test_recompute_fixes_old_imports_audits_and_is_idempotent(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    b = make_employee(unit=UnitFactory())
    _legacy(tmp_path, [
        f"{a.nip},E-learning,Literasi Digital,LAN,2025-05-05,2025-05-06,10,",
        f"{a.nip},Pelatihan teknis,Pengadaan,LKPP,2025-03-02,2025-03-05,32,",
        f"{b.nip},E-learning,Etika A,LAN,2024-07-01,2024-07-01,3,",
        f"{b.nip},E-learning,Etika B,LAN,2024-07-01,2024-07-01,3,",
    ])  # fmt: skip
    assert JPYearTotal.objects.get(employee=a, year=2025).total_jp == D("42.0")
    assert JPYearTotal.objects.get(employee=b, year=2024).total_jp == D("6.0")

    out = _recompute("--dry-run")
    assert "4 catatan sah diperiksa; 2 akan berubah (JP 13.0 → 6.0)." in out
    assert LedgerEntry.objects.get(title="Literasi Digital").jp == D("10.0")
    assert not AuditEntry.objects.filter(action="ledger.entry.recompute").exists()

    out = _recompute("--year", "2025")
    assert "2 catatan sah tahun 2025 diperiksa; 1 diubah (JP 10.0 → 6.0)." in out
    assert LedgerEntry.objects.get(title="Etika B").jp == D("3.0")  # 2024 left alone
    assert JPYearTotal.objects.get(employee=a, year=2025).total_jp == D("38.0")

    out = _recompute()
    assert "1 diubah (JP 3.0 → 0.0)" in out
    # the earlier entry of the day keeps its hours; the later one finds the day full
    assert LedgerEntry.objects.get(title="Etika A").jp == D("3.0")
    assert LedgerEntry.objects.get(title="Etika B").jp == D("0.0")
    assert JPYearTotal.objects.get(employee=b, year=2024).total_jp == D("3.0")
    # Written order: numbers are given after commit, which a test's transaction never has.
    audits = AuditEntry.objects.filter(action="ledger.entry.recompute").order_by("id")
    assert [(e.before["jp"], e.after["jp"]) for e in audits] == [("10.0", "6.0"), ("3.0", "0.0")]
    assert audits[0].after["stated_jp"] == "10.0"
    assert audits[0].object_id == str(LedgerEntry.objects.get(title="Literasi Digital").pk)

    assert "0 diubah" in _recompute()
    assert AuditEntry.objects.filter(action="ledger.entry.recompute").count() == 2


def test_entries_without_a_stated_figure_use_the_recorded_one(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    _legacy(
        tmp_path,
        [f"{a.nip},Belajar mandiri,Membaca kebijakan,Mandiri,2025-08-04,2025-08-04,5,"],
        stated_kept=False,
    )
    out = _recompute("--lang", "en")
    assert "1 valid entries examined; 1 changed (JP 5.0 → 2.0)." in out
    assert LedgerEntry.objects.get().jp == D("2.0")


def test_revoked_entries_are_left_alone(tmp_path: Path) -> None:
    from garda.learning.ledger.services import ledger_revoke

    a = make_employee(unit=UnitFactory())
    _legacy(tmp_path, [f"{a.nip},E-learning,Dicabut,LAN,2025-05-05,2025-05-06,10,"])
    entry = LedgerEntry.objects.get()
    ledger_revoke(actor=None, source_key=entry.source_key or "", reason="Sertifikat palsu")
    assert "0 catatan sah diperiksa" in _recompute()
    entry.refresh_from_db()
    assert entry.jp == D("10.0")
    assert JPYearTotal.objects.get(employee=a, year=2025).total_jp == D("0")
