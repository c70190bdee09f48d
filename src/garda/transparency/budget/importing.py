"""Budget and realisasi files -> checked rows, or the reasons a row cannot be taken.

Every check is made here, against units and existing lines loaded once, before anything is
written (services.py writes). Messages are Indonesian with an English twin, naming the row as
a spreadsheet numbers it and the column as the file writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from garda.core.access import units_visible_to
from garda.core.models import Unit, UnitKind, User
from garda.core.params import number_from
from garda.core.spreadsheets.cells import cell_text
from garda.core.spreadsheets.errors import RowError
from garda.core.spreadsheets.reader import Layout
from garda.core.spreadsheets.report import ImportReport, Wording
from garda.transparency.budget.amounts import parse_rupiah
from garda.transparency.budget.codes import (
    CodeError,
    SubKegiatanCode,
    level_name,
    level_of_instansi,
    parse_sub_kegiatan_code,
)
from garda.transparency.budget.models import BudgetLine
from garda.transparency.budget.templatetags.budget_format import plain_rupiah

BUDGET_LAYOUT = Layout(
    columns=[
        ("year", "Tahun"),
        ("unit", "Kode Unit"),
        ("code", "Kode Sub Kegiatan"),
        ("name", "Nama Sub Kegiatan"),
        ("pagu_murni", "Pagu Murni"),
        ("pagu_perubahan", "Pagu Perubahan"),
        ("program_name", "Nama Program"),
        ("kegiatan_name", "Nama Kegiatan"),
    ],
    required=frozenset({"year", "unit", "code", "name", "pagu_murni", "pagu_perubahan"}),
    # SIPD's own field names for the same things.
    aliases={
        "tahun anggaran": "year",
        "kode sub giat": "code",
        "nama sub giat": "name",
        "pagumurni": "pagu_murni",
        "nama giat": "kegiatan_name",
    },
    marker="code",
)
REALISASI_LAYOUT = Layout(
    columns=[
        ("year", "Tahun"),
        ("month", "Bulan"),
        ("unit", "Kode Unit"),
        ("code", "Kode Sub Kegiatan"),
        ("amount", "Realisasi"),
    ],
    required=frozenset({"year", "month", "unit", "code", "amount"}),
    aliases={
        "tahun anggaran": "year",
        "kode sub giat": "code",
        "realisasi anggaran": "amount",
    },
    marker="code",
)

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_NAME = 255
MONTH_NAMES: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan", "january"),
            ("februari", "feb", "pebruari", "february"),
            ("maret", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("agustus", "agu", "ags", "agt", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des", "dec", "december"),
        ],
        start=1,
    )
    for name in names
}


class CellError(CodeError):
    """One cell's problem; Indonesian and English."""


@dataclass(frozen=True)
class UnitRef:
    id: int
    code: str
    instansi_id: int
    instansi_code: str
    opd_id: int | None


@dataclass(frozen=True)
class BudgetRow:
    row: int
    year: int
    unit: UnitRef
    code: SubKegiatanCode
    name: str
    pagu_murni: int
    pagu_perubahan: int | None
    program_name: str
    kegiatan_name: str

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.year, self.unit.id, self.code.full)


@dataclass(frozen=True)
class RealisasiRow:
    row: int
    year: int
    month: int
    unit: UnitRef
    code: str
    line_id: int
    amount: int


_FLAGGED = ("{n} ditandai (realisasi melebihi pagu)", "{n} flagged (realisasi above pagu)")
WORDINGS = {
    "anggaran": Wording(subject=("sub kegiatan", "budget lines"), flagged=_FLAGGED),
    "realisasi": Wording(
        subject=("baris realisasi bulanan", "monthly realisasi rows"), flagged=_FLAGGED
    ),
}


def budget_import_report(*, filename: str, kind: str) -> ImportReport:
    """The kit's import report, worded for a budget ("anggaran") or realisasi file."""
    return ImportReport(filename=filename, wording=WORDINGS[kind], kind=kind)


class UnitLookup:
    """Units by code, with their instansi and OPD, limited to what the actor may write."""

    def __init__(self, actor: User | None) -> None:
        units = Unit.objects.all() if actor is None else units_visible_to(actor)
        everything = {
            pk: (code, kind) for pk, code, kind in Unit.objects.values_list("pk", "code", "kind")
        }
        self.by_code: dict[str, UnitRef] = {}
        self.outside: set[str] = set()
        allowed = set(units.values_list("pk", flat=True))
        for pk, code, path in Unit.objects.values_list("pk", "code", "path"):
            if pk not in allowed:
                self.outside.add(code)
                continue
            chain = [int(part) for part in path.strip("/").split("/") if part]
            instansi = next((i for i in chain if everything[i][1] == UnitKind.INSTANSI), None)
            if instansi is None:
                continue  # a unit outside any instansi carries no budget
            opd = next((i for i in chain if everything[i][1] == UnitKind.OPD), None)
            self.by_code[code.casefold()] = UnitRef(
                pk, code, instansi, everything[instansi][0], opd
            )

    def get(self, text: str) -> UnitRef:
        unit = self.by_code.get(text.casefold())
        if unit is not None:
            return unit
        if text in self.outside:
            raise CellError(
                f"Unit {text} di luar kewenangan Anda.", f"Unit {text} is outside your authority."
            )
        raise CellError(
            f"Kode unit {text!r} tidak dikenal (atau tidak berada di bawah suatu instansi).",
            f"Unit code {text!r} is unknown (or not under any instansi).",
        )


def parse_year(value: Any) -> int:
    text = cell_text(value)
    year = number_from(text, maximum=MAX_YEAR)
    if year is None or year < MIN_YEAR:
        raise CellError(
            f"Tahun {text!r} tidak valid (empat digit, {MIN_YEAR}-{MAX_YEAR}).",
            f"Year {text!r} is not valid (four digits, {MIN_YEAR}-{MAX_YEAR}).",
        )
    return year


def parse_month(value: Any) -> int:
    text = cell_text(value).casefold().rstrip(".")
    month = number_from(text, maximum=12)
    if month:
        return month
    if text in MONTH_NAMES:
        return MONTH_NAMES[text]
    raise CellError(
        f"Bulan {text!r} tidak valid (1-12 atau nama bulan).",
        f"Month {text!r} is not valid (1-12 or a month name).",
    )


def parse_code_for(unit: UnitRef, value: Any) -> SubKegiatanCode:
    """The code, normalised, whose level digit must match the unit's instansi."""
    code = parse_sub_kegiatan_code(cell_text(value))
    expected = level_of_instansi(unit.instansi_code)
    if code.level != expected:
        want_id, want_en = level_name(expected)
        got_id, got_en = level_name(code.level)
        raise CellError(
            f"Kode {code.full} berlevel {code.level} ({got_id}), tetapi unit {unit.code} "
            f"adalah bagian {want_id}: segmen ke-4 harus {expected}.",
            f"Code {code.full} has level {code.level} ({got_en}), but unit {unit.code} belongs "
            f"to a {want_en}: the 4th segment must be {expected}.",
        )
    return code


def _text(value: Any, *, required: bool, limit: int = MAX_NAME) -> str:
    text = cell_text(value)
    if required and not text:
        raise CellError("Wajib diisi.", "Required.")
    if len(text) > limit:
        raise CellError(
            f"Terlalu panjang ({len(text)} karakter, paling banyak {limit}).",
            f"Too long ({len(text)} characters, at most {limit}).",
        )
    return text


Parsed = tuple[list[RowError], dict[str, Any]]


def _cells(
    number: int,
    raw: Mapping[str, Any],
    label: Callable[[str], str],
    parsers: list[tuple[str, Callable[[Any], Any]]],
) -> Parsed:
    """Run each (key, parser) over the row; collect every failing cell, not just the first."""
    errors: list[RowError] = []
    values: dict[str, Any] = {}
    for key, parse in parsers:
        try:
            values[key] = parse(raw.get(key))
        except CodeError as error:  # CellError, AmountError and CodeError alike
            errors.append(RowError(number, label(key), error.message_id, error.message_en))
    return errors, values


def _code_cells(
    number: int, raw: Mapping[str, Any], label: Callable[[str], str], values: dict[str, Any]
) -> list[RowError]:
    """The code cell: its level is checked against the unit when the unit is known, its shape
    alone otherwise (so a row with two problems shows both)."""
    unit: UnitRef | None = values.get("unit")
    more, coded = _cells(
        number,
        raw,
        label,
        [
            (
                "code",
                (lambda v: parse_code_for(unit, v))
                if unit is not None
                else (lambda v: parse_sub_kegiatan_code(cell_text(v))),
            )
        ],
    )
    values.update(coded)
    return more


def _optional_rupiah(value: Any) -> int | None:
    return None if cell_text(value) == "" else parse_rupiah(value)


class BudgetRowParser:
    def __init__(self, actor: User | None, columns: Mapping[str, str]) -> None:
        self.units = UnitLookup(actor)
        self.columns = columns
        self.seen: dict[tuple[int, int, str], int] = {}

    def label(self, key: str) -> str:
        return self.columns.get(key) or BUDGET_LAYOUT.label(key)

    def parse(self, number: int, raw: Mapping[str, Any]) -> BudgetRow | list[RowError]:
        errors, values = _cells(
            number,
            raw,
            self.label,
            [
                ("year", parse_year),
                ("unit", lambda v: self.units.get(cell_text(v))),
                ("name", lambda v: _text(v, required=True)),
                ("pagu_murni", parse_rupiah),
                ("pagu_perubahan", _optional_rupiah),
                ("program_name", lambda v: _text(v, required=False)),
                ("kegiatan_name", lambda v: _text(v, required=False)),
            ],
        )
        errors.extend(_code_cells(number, raw, self.label, values))
        if errors:
            return errors
        row = BudgetRow(row=number, **values)
        earlier = self.seen.setdefault(row.key, number)
        if earlier != number:
            return [_repeated(number, self.label("code"), earlier)]
        return row


class RealisasiRowParser:
    def __init__(self, actor: User | None, columns: Mapping[str, str]) -> None:
        self.units = UnitLookup(actor)
        self.columns = columns
        self.lines: dict[int, dict[tuple[int, str], int]] = {}
        self.seen: dict[tuple[int, int, str, int], int] = {}

    def label(self, key: str) -> str:
        return self.columns.get(key) or REALISASI_LAYOUT.label(key)

    def _line_id(self, year: int, unit: UnitRef, code: str) -> int:
        if year not in self.lines:
            self.lines[year] = {
                (unit_id, line_code): pk
                for pk, unit_id, line_code in BudgetLine.objects.filter(year=year).values_list(
                    "pk", "unit_id", "code"
                )
            }
        line_id = self.lines[year].get((unit.id, code))
        if line_id is None:
            raise CellError(
                f"Sub kegiatan {code} unit {unit.code} belum ada di anggaran {year}; "
                "impor anggarannya dulu.",
                f"Sub-kegiatan {code} of unit {unit.code} is not in the {year} budget; "
                "import the budget first.",
            )
        return line_id

    def parse(self, number: int, raw: Mapping[str, Any]) -> RealisasiRow | list[RowError]:
        errors, values = _cells(
            number,
            raw,
            self.label,
            [
                ("year", parse_year),
                ("month", parse_month),
                ("unit", lambda v: self.units.get(cell_text(v))),
                ("amount", parse_rupiah),
            ],
        )
        errors.extend(_code_cells(number, raw, self.label, values))
        if errors:
            return errors
        code = values["code"].full
        try:
            line_id = self._line_id(values["year"], values["unit"], code)
        except CellError as error:
            return [RowError(number, self.label("code"), error.message_id, error.message_en)]
        key = (values["year"], values["unit"].id, code, values["month"])
        earlier = self.seen.setdefault(key, number)
        if earlier != number:
            return [_repeated(number, self.label("month"), earlier)]
        return RealisasiRow(
            row=number,
            year=values["year"],
            month=values["month"],
            unit=values["unit"],
            code=code,
            line_id=line_id,
            amount=values["amount"],
        )


def _repeated(number: int, column: str, earlier: int) -> RowError:
    return RowError(
        number,
        column,
        f"Baris ini mengulang data baris {earlier} (tahun, unit dan kode yang sama).",
        f"This row repeats row {earlier} (same year, unit and code).",
    )


def over_pagu_warning(number: int, column: str, code: str, realisasi: int, pagu: int) -> RowError:

    return RowError(
        number,
        column,
        f"Realisasi {code} ({plain_rupiah(realisasi, 'id')}) melebihi pagu "
        f"({plain_rupiah(pagu, 'id')}); diimpor dan ditandai.",
        f"Realisasi of {code} ({plain_rupiah(realisasi, 'en')}) is above its pagu "
        f"({plain_rupiah(pagu, 'en')}); imported and flagged.",
    )
