"""The two files this app reads, through the spreadsheet kit: standards per jabatan
(`Jabatan, Jenis Jabatan, Kode Kompetensi, Level`) and assessment results (`NIP, Kode
Kompetensi, Level, Tanggal, Metode, Lembaga`). Cells are checked here, rows that need the
database (NIP, codes of the ASN's instansi) in services/importing.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from garda.competency.rules import jabatan_key
from garda.core.spreadsheets.cells import cell_text, parse_date
from garda.core.spreadsheets.errors import CellError
from garda.core.spreadsheets.reader import Layout
from garda.people.models import JabatanKind

STANDARDS_LAYOUT = Layout(
    columns=[
        ("jabatan", "Jabatan"),
        ("jenis", "Jenis Jabatan"),
        ("code", "Kode Kompetensi"),
        ("level", "Level"),
    ],
    required=frozenset({"jenis", "code", "level"}),
    aliases={"nama jabatan": "jabatan", "kode": "code", "level standar": "level"},
    marker="code",
)
ASSESSMENT_LAYOUT = Layout(
    columns=[
        ("nip", "NIP"),
        ("code", "Kode Kompetensi"),
        ("level", "Level"),
        ("date", "Tanggal"),
        ("method", "Metode"),
        ("institution", "Lembaga"),
    ],
    required=frozenset({"nip", "code", "level", "date", "method"}),
    aliases={
        "nip baru": "nip",
        "kode": "code",
        "level capaian": "level",
        "tanggal asesmen": "date",
    },
    marker="nip",
)
MAX_TEXT = 120


def level_value(value: Any) -> int:
    text = cell_text(value)
    if text not in {"1", "2", "3", "4", "5"}:
        raise CellError(
            f"Level {text!r} tidak valid; isi angka 1 sampai 5.",
            f"Level {text!r} is not valid; use a number from 1 to 5.",
        )
    return int(text)


def date_value(value: Any) -> dt.date:
    date = parse_date(value)
    if date is None:
        raise CellError("Tanggal wajib diisi.", "The date is required.")
    return date


def required_text(value: Any, *, limit: int = MAX_TEXT) -> str:
    text = cell_text(value)
    if not text:
        raise CellError("Wajib diisi.", "Required.")
    if len(text) > limit:
        raise CellError(f"Paling banyak {limit} karakter.", f"At most {limit} characters.")
    return text


def kind_lookup() -> dict[str, int]:
    """Every way a file may name a jenis jabatan: its code or its name, any case and spacing."""
    table: dict[str, int] = {}
    for pk, code, name in JabatanKind.objects.values_list("pk", "code", "name"):
        table[jabatan_key(code)] = pk
        table[jabatan_key(name)] = pk
    return table


def kind_value(value: Any, kinds: dict[str, int]) -> int:
    text = cell_text(value)
    found = kinds.get(jabatan_key(text))
    if found is None:
        raise CellError(
            f"Jenis jabatan {text!r} tidak dikenal (mis. Pelaksana, Administrator).",
            f"Unknown jenis jabatan {text!r} (e.g. Pelaksana, Administrator).",
        )
    return found
