"""Excel workbooks of the analytics (the spreadsheet kit's writer): the same figures as the
pages, one row per day, poli or puskesmas. No personal data: only counts, minutes and
percentages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from garda.core.spreadsheets.export import Sheet, xlsx_bytes
from garda.queueing.analytics import FacilityReport, ProvinceRow, Summary
from garda.queueing.models import Channel

HEAD = [
    "Kedatangan", *[str(label) for _v, label in Channel.choices], "Dilayani", "Tidak hadir",
    "Batal", "% tidak hadir", "Tunggu p50 (menit)", "Tunggu p90 (menit)", "% tunggu <= standar",
    "Rata-rata layanan (menit)", "Galat perkiraan MAE (menit)",
]  # fmt: skip


def _figures(s: Summary, standard: int) -> list[Any]:
    return [
        s.arrivals, *[s.by_channel.get(v, 0) for v, _l in Channel.choices], s.served, s.no_show,
        s.cancelled, s.no_show_percent, s.wait_p50, s.wait_p90, s.within(standard),
        s.service_mean, s.eta_mae,
    ]  # fmt: skip


def _sheet(title: str, first: list[str], rows: Iterable[list[Any]]) -> Sheet:
    return Sheet(title, [*first, *HEAD], rows, freeze="B2", default_width=16)


def facility_workbook(report: FacilityReport) -> bytes:
    # Poli and puskesmas names are typed by admins: the kit's writer keeps a name starting
    # with "=" from running as a formula when the workbook is opened.
    days = _sheet(
        "Per hari",
        ["Tanggal"],
        ([d, *_figures(s, report.standard)] for d, s in report.days.items()),
    )
    polis = _sheet(
        "Per poli",
        ["Poli"],
        (
            [report.poli_names.get(pk, str(pk)), *_figures(s, report.standard)]
            for pk, s in report.polis.items()
        ),
    )
    hours = Sheet(
        "Per jam",
        ["Jam", "Kedatangan"],
        ([f"{hour:02d}.00", count] for hour, count in report.hours()),
        freeze=None,
    )
    info = Sheet(
        "Keterangan",
        None,
        [
            ["Puskesmas", report.facility.name],
            ["Kode", report.facility.code],
            ["Periode", f"{report.start.isoformat()} s.d. {report.end.isoformat()}"],
            ["Standar waktu tunggu (menit)", report.standard],
        ],
        freeze=None,
    )
    return xlsx_bytes([days, polis, hours, info])


def province_workbook(rows: list[ProvinceRow], standard: int) -> bytes:
    sheet = _sheet(
        "Per puskesmas",
        ["Kabupaten/kota", "Kode", "Puskesmas"],
        (
            [r.facility.kabupaten.name, r.facility.code, r.facility.name,
             *_figures(r.summary, standard)]
            for r in rows
        ),
    )  # fmt: skip
    return xlsx_bytes([sheet])
