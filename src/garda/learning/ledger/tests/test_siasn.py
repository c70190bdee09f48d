"""SIASN export: field names per kind, the fake adapter, results recorded, sent once."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.models import LearningForm, LedgerEntry, SiasnPush
from garda.learning.ledger.services import ledger_record_training
from garda.learning.ledger.siasn.adapter import FakeSiasnAdapter, SiasnUnavailable
from garda.learning.ledger.siasn.services import siasn_push
from garda.learning.ledger.testing import make_employee

pytestmark = pytest.mark.django_db

DIKLAT_FIELDS = {"bobot", "institusiPenyelenggara", "jenisKompetensi", "jumlahJam",
                 "latihanStrukturalId", "nomor", "tahun", "tanggal", "tanggalSelesai"}  # fmt: skip
KURSUS_FIELDS = {"instansiId", "jenisDiklatId", "jenisKursus", "jenisKursusSertipikat",
                 "jumlahJam", "lokasiId", "namaKursus", "nomorSertipikat", "tahunKursus",
                 "tanggalKursus", "tanggalSelesaiKursus"}  # fmt: skip


def _entry(employee_id: int, code: str, key: str, jp: str = "32") -> LedgerEntry:
    return ledger_record_training(
        actor=None, employee_id=employee_id, form_id=LearningForm.objects.get(code=code).pk,
        title=f"Pelatihan {code}", provider="BPSDM Provinsi Jambi",
        started_on=dt.date(2026, 3, 2), finished_on=dt.date(2026, 3, 6), jp=Decimal(jp),
        certificate_number=f"NO/{key}", source_key=key,
    )  # fmt: skip


def test_entries_map_to_diklat_or_kursus_and_are_sent_once() -> None:
    employee = make_employee(unit=UnitFactory())
    _entry(employee.pk, "pkp", "a", "279")
    _entry(employee.pk, "teknis", "b", "32.5")
    fake = FakeSiasnAdapter()
    report = siasn_push(actor=None, entries=LedgerEntry.objects.all(), adapter=fake)
    assert report.sent == 2
    kinds = {kind: payload for kind, _nip, payload in fake.saved}
    assert set(kinds["diklat"]) == DIKLAT_FIELDS
    assert set(kinds["kursus"]) == KURSUS_FIELDS
    assert kinds["diklat"]["jumlahJam"] == 279
    assert kinds["diklat"]["tanggal"] == "02-03-2026"
    assert kinds["kursus"]["jumlahJam"] == 32.5
    assert kinds["kursus"]["namaKursus"] == "Pelatihan teknis"
    assert kinds["kursus"]["nomorSertipikat"] == "NO/b"
    assert siasn_push(actor=None, entries=LedgerEntry.objects.all(), adapter=fake).sent == 0
    assert SiasnPush.objects.filter(status="sent").count() == 2


def test_refusals_are_recorded_and_retried() -> None:
    employee = make_employee(unit=UnitFactory())
    _entry(employee.pk, "teknis", "c")
    report = siasn_push(
        actor=None, entries=LedgerEntry.objects.all(),
        adapter=FakeSiasnAdapter(refuse={employee.nip}),
    )  # fmt: skip
    assert report.failed == 1
    assert SiasnPush.objects.get().message == "Data PNS tidak ditemukan"
    assert (
        siasn_push(actor=None, entries=LedgerEntry.objects.all(), adapter=FakeSiasnAdapter()).sent
        == 1
    )


def test_without_credentials_nothing_is_sent(settings: Any) -> None:
    settings.GARDA_SIASN_BASE_URL = ""
    employee = make_employee(unit=UnitFactory())
    _entry(employee.pk, "teknis", "d")
    with pytest.raises(SiasnUnavailable):
        siasn_push(actor=None, entries=LedgerEntry.objects.all())


def test_command_and_page(settings: Any) -> None:
    opd = UnitFactory()
    employee = make_employee(unit=opd)
    _entry(employee.pk, "teknis", "e")
    out = io.StringIO()
    call_command("siasn_push", "--fake", stdout=out)
    assert "Terkirim 1" in out.getvalue()
    _entry(employee.pk, "kursus", "f")
    settings.GARDA_SIASN_FAKE = True
    admin = login_client(make_user(role=Role.ADMIN_OPD, unit=opd))
    assert "1 catatan JP" in admin.get(reverse("ledger:siasn")).content.decode()
    admin.post(reverse("ledger:siasn_send"))
    assert SiasnPush.objects.filter(status="sent").count() == 2
    outsider = login_client(make_user(role=Role.ADMIN_OPD, unit=UnitFactory()))
    assert "0 catatan JP" in outsider.get(reverse("ledger:siasn")).content.decode()
