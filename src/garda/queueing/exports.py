"""Excel workbooks of the analytics (openpyxl): the same figures as the pages, one row per
day, poli or puskesmas. No personal data: only counts, minutes and percentages."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

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


def _sheet(ws: Worksheet, first: list[str], rows: Iterable[list[Any]]) -> None:
    ws.append([*first, *HEAD])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "B2"
    for column in ws.columns:
        ws.column_dimensions[column[0].column_letter].width = 16


def _bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def facility_workbook(report: FacilityReport) -> bytes:
    book = Workbook()
    days = book.active
    assert days is not None  # noqa: S101  # a new workbook always has one sheet
    days.title = "Per hari"
    _sheet(days, ["Tanggal"], ([d, *_figures(s, report.standard)] for d, s in report.days.items()))
    polis = book.create_sheet("Per poli")
    _sheet(
        polis,
        ["Poli"],
        (
            [report.poli_names.get(pk, str(pk)), *_figures(s, report.standard)]
            for pk, s in report.polis.items()
        ),
    )
    hours = book.create_sheet("Per jam")
    hours.append(["Jam", "Kedatangan"])
    for hour, count in report.hours():
        hours.append([f"{hour:02d}.00", count])
    info = book.create_sheet("Keterangan")
    info.append(["Puskesmas", report.facility.name])
    info.append(["Kode", report.facility.code])
    info.append(["Periode", f"{report.start.isoformat()} s.d. {report.end.isoformat()}"])
    info.append(["Standar waktu tunggu (menit)", report.standard])
    return _bytes(book)


def province_workbook(rows: list[ProvinceRow], standard: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101
    sheet.title = "Per puskesmas"
    _sheet(
        sheet,
        ["Kabupaten/kota", "Kode", "Puskesmas"],
        (
            [r.facility.kabupaten.name, r.facility.code, r.facility.name,
             *_figures(r.summary, standard)]
            for r in rows
        ),
    )  # fmt: skip
    return _bytes(book)
