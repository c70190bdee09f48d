"""The columns of an ASN import file: Garda's template or SIASN's "data utama" export.

The file is read by the spreadsheet kit (garda.core.spreadsheets: .xlsx or .csv, bounded,
rows numbered as a spreadsheet shows them). What is decided here: the header row is the one
with a NIP column; a file whose headers include `NIP BARU` is a SIASN export and its columns
are mapped to Garda's; any other file must carry Garda's template headers. Columns neither
format knows are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from garda.core.spreadsheets.errors import ImportFileError
from garda.core.spreadsheets.reader import (
    Source,
    Table,
    find_header,
    header_index,
    make_table,
    normalise_header,
    open_rows,
)

GARDA = "garda"
SIASN = "siasn"

# Garda's template: (key, header as written in the template and in exports), in file order.
TEMPLATE_COLUMNS: list[tuple[str, str]] = [
    ("nip", "NIP"),
    ("name", "Nama"),
    ("gelar_depan", "Gelar Depan"),
    ("gelar_belakang", "Gelar Belakang"),
    ("birth_place", "Tempat Lahir"),
    ("birth_date", "Tanggal Lahir"),
    ("gender", "Jenis Kelamin"),
    ("kind", "Status Kepegawaian"),
    ("golongan", "Golongan"),
    ("tmt_golongan", "TMT Golongan"),
    ("jabatan_name", "Jabatan"),
    ("jabatan_kind", "Jenis Jabatan"),
    ("unit", "Unit Kerja"),
    ("education_level", "Pendidikan Terakhir"),
    ("email", "Email"),
    ("phone", "Telepon"),
    # Optional: when absent from a file, these fields are left as they are.
    ("status", "Kedudukan Hukum"),
    ("education_major", "Jurusan"),
    ("education_institution", "Institusi Pendidikan"),
]

# Further headers a Garda-format file may use for the same keys.
_GARDA_ALIASES: dict[str, str] = {
    "nip / ni pppk": "nip",
    "ni pppk": "nip",
    "jenis pegawai": "kind",
    "status": "status",
    "nik": "nik",
    "no hp": "phone",
    "nomor hp": "phone",
}

# SIASN "data utama" headers (../shared/domain/asn.md) -> Garda keys. Others are ignored.
_SIASN_HEADERS: dict[str, str] = {
    "nip baru": "nip",
    "nama": "name",
    "gelar depan": "gelar_depan",
    "gelar belakang": "gelar_belakang",
    "tempat lahir nama": "birth_place",
    "tempat lahir": "birth_place",
    "tanggal lahir": "birth_date",
    "jenis kelamin": "gender",
    "jenis pegawai nama": "kind",
    "status cpns pns": "kind_cpns",
    "kedudukan hukum nama": "status",
    "gol akhir nama": "golongan",
    "tmt golongan": "tmt_golongan",
    "jabatan nama": "jabatan_name",
    "jenis jabatan nama": "jabatan_kind",
    "tingkat pendidikan nama": "education_level",
    "pendidikan nama": "education_major",
    "nama sekolah": "education_institution",
    "unor id": "unit_code",
    "unor nama": "unit",
    "instansi kerja nama": "instansi",
    "nik": "nik",
    "nomor hp": "phone",
    "email": "email",
    "email gov": "email_gov",
}

# Keys a file must have (one of each group), by format.
REQUIRED: dict[str, list[tuple[str, ...]]] = {
    GARDA: [("nip",), ("name",), ("birth_date",), ("gender",), ("kind",), ("unit",)],
    SIASN: [
        ("nip",),
        ("name",),
        ("birth_date",),
        ("gender",),
        ("kind", "kind_cpns"),
        ("unit", "unit_code"),
    ],
}
# How a missing key is named to the user.
_KEY_LABELS: dict[str, dict[str, str]] = {
    GARDA: dict(TEMPLATE_COLUMNS),
    SIASN: {
        "nip": "NIP BARU",
        "name": "NAMA",
        "birth_date": "TANGGAL LAHIR",
        "gender": "JENIS KELAMIN",
        "kind": "JENIS PEGAWAI NAMA",
        "unit": "UNOR NAMA",
    },
}

_NIP_HEADERS = frozenset({"nip", "nip baru", "nip / ni pppk", "ni pppk"})


def _garda_headers() -> dict[str, str]:
    table = {normalise_header(header): key for key, header in TEMPLATE_COLUMNS}
    table.update(_GARDA_ALIASES)
    return table


def _is_header(values: tuple[Any, ...]) -> bool:
    return any(normalise_header(v) in _NIP_HEADERS for v in values)


@dataclass
class ImportFile(Table):
    """An open ASN import file: its format (GARDA or SIASN), the columns found, its rows."""

    format: str = GARDA


@contextmanager
def open_import_file(source: Source, filename: str) -> Iterator[ImportFile]:
    """Open `source` (a path or a binary file object) named `filename`."""
    with open_rows(source, filename, header_words=("nip",)) as sheet:
        found = find_header(sheet.numbered, _is_header)
        if found is None:
            raise ImportFileError(
                "Baris judul kolom tidak ditemukan: salah satu kolom harus bernama NIP "
                "(atau NIP BARU untuk ekspor SIASN). Unduh templat untuk contohnya.",
                "No header row found: one column must be named NIP (or NIP BARU for a SIASN "
                "export). Download the template for an example.",
            )
        number, header = found
        fmt = SIASN if any(normalise_header(v) == "nip baru" for v in header) else GARDA
        index = header_index(header, _SIASN_HEADERS if fmt == SIASN else _garda_headers())
        labels = _KEY_LABELS[fmt]
        missing = [
            labels.get(group[0], group[0])
            for group in REQUIRED[fmt]
            if not any(key in index for key in group)
        ]
        table = make_table(sheet, number, header, index, missing)
        yield ImportFile(**vars(table), format=fmt)
