"""Ledger entries in SIASN's field names (asn.md): leadership training (PKN/PKA/PKP) as a
riwayat diklat struktural, everything else as a kursus. Dates as BKN writes them, DD-MM-YYYY."""

from __future__ import annotations

import datetime as dt
from typing import Any

from garda.learning.ledger.models import LedgerEntry, SiasnKind, SiasnMapping


def _date(value: dt.date) -> str:
    return value.strftime("%d-%m-%Y")


def _hours(entry: LedgerEntry) -> int | float:
    # SIASN's jumlahJam is a number of JP; whole numbers go as integers.
    return int(entry.jp) if entry.jp == entry.jp.to_integral_value() else float(entry.jp)


def siasn_record(
    entry: LedgerEntry, mapping: SiasnMapping | None, *, instansi_id: str = ""
) -> tuple[str, dict[str, Any]]:
    """(kind, payload) for one entry."""
    kind = mapping.kind if mapping else SiasnKind.KURSUS
    if kind == SiasnKind.DIKLAT:
        return kind, {
            "bobot": 0,
            "institusiPenyelenggara": entry.provider,
            "jenisKompetensi": (mapping.jenis_kompetensi if mapping else "") or None,
            "jumlahJam": _hours(entry),
            "latihanStrukturalId": (mapping.latihan_struktural_id if mapping else "") or None,
            "nomor": entry.certificate_number,
            "tahun": entry.finished_on.year,
            "tanggal": _date(entry.started_on),
            "tanggalSelesai": _date(entry.finished_on),
        }
    return kind, {
        "instansiId": instansi_id or None,
        "jenisDiklatId": (mapping.jenis_diklat_id if mapping else "") or None,
        "jenisKursus": (mapping.jenis_kursus if mapping else "") or entry.form.name,
        "jenisKursusSertipikat": "S" if entry.certificate_number else "",
        "jumlahJam": _hours(entry),
        "lokasiId": None,
        "namaKursus": entry.title,
        "nomorSertipikat": entry.certificate_number,
        "tahunKursus": entry.finished_on.year,
        "tanggalKursus": _date(entry.started_on),
        "tanggalSelesaiKursus": _date(entry.finished_on),
    }
