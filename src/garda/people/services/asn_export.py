"""Export of the ASN registry, and the import template, in the template's own columns.

An export re-imports unchanged: same headers, unit by code, golongan and education by code,
dates as real dates (xlsx) or YYYY-MM-DD (csv), NIP as text. What a user may export is what
the scoped selector lets them see. The kit's writer (garda.core.spreadsheets.export)
neutralises text a spreadsheet would run as a formula; the importer takes that off again.
Each export is written to the audit log (it carries personal data, UU 27/2022).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from garda.core.audit.services import audit_record
from garda.core.identity import make_nip
from garda.core.models import User
from garda.core.spreadsheets.export import Sheet, csv_chunks, xlsx_bytes
from garda.people import selectors
from garda.people.filters import EmployeeFilter
from garda.people.imports.reader import TEMPLATE_COLUMNS
from garda.people.imports.vocabulary import STATUS_NAMES
from garda.people.models import Employee, EmployeeKind

FORMATS = ("xlsx", "csv")
HEADERS: list[str] = [header for _key, header in TEMPLATE_COLUMNS]
# Columns of `HEADERS`, in order, as lookups on Employee.
_FIELDS: list[str] = [
    "nip", "name", "gelar_depan", "gelar_belakang", "birth_place", "birth_date", "gender",
    "kind", "golongan__code", "tmt_golongan", "jabatan_name", "jabatan_kind__name",
    "unit__code", "education_level__code", "email", "phone", "status", "education_major",
    "education_institution",
]  # fmt: skip
_KIND_NAMES = {EmployeeKind.PNS: "PNS", EmployeeKind.PPPK: "PPPK"}
_TEXT_COLUMNS = frozenset({0})  # NIP: always text, never a number Excel could round
_DATE_COLUMNS = frozenset({5, 9})
_CHUNK = 2000

EXAMPLE_ROW: list[Any] = [
    make_nip(dt.date(1990, 5, 17), 2015, 3, "P", 1),
    "Siti Rahmawati",
    "",
    "S.Kom.",
    "Jambi",
    dt.date(1990, 5, 17),
    "P",
    "PNS",
    "III/b",
    dt.date(2019, 4, 1),
    "Pranata Komputer Ahli Pertama",
    "Fungsional Ahli Pertama",
    "15.KOMINFO",
    "S1",
    "siti.rahmawati@jambiprov.go.id",
    "081234567890",
    "Aktif",
    "Teknik Informatika",
    "Universitas Jambi",
]

# Accepted values per column, shown on the template's second sheet.
COLUMN_NOTES: list[tuple[str, Promise]] = [
    ("NIP", _("Wajib. 18 digit, diisi sebagai Teks (bukan angka) agar digit tidak hilang.")),
    ("Nama", _("Wajib. Nama tanpa gelar.")),
    ("Gelar Depan", _("Boleh kosong, mis. Dr. atau Ir.")),
    ("Gelar Belakang", _("Boleh kosong, mis. S.Kom., M.M.")),
    ("Tempat Lahir", _("Boleh kosong.")),
    ("Tanggal Lahir", _("Wajib. Tanggal Excel, YYYY-MM-DD, atau DD-MM-YYYY; harus cocok dengan "
                        "NIP.")),
    ("Jenis Kelamin", _("Wajib. L atau P; harus cocok dengan digit ke-15 NIP.")),
    ("Status Kepegawaian", _("Wajib. PNS atau PPPK.")),
    ("Golongan", _("PNS: I/a sampai IV/e. PPPK: I sampai XVII.")),
    ("TMT Golongan", _("Tanggal, seperti Tanggal Lahir.")),
    ("Jabatan", _("Nama jabatan, mis. Analis Kebijakan Ahli Muda.")),
    ("Jenis Jabatan", _("Kode atau nama: JPT Pratama, Administrator, Pengawas, Fungsional Ahli "
                        "Muda, Fungsional Terampil, Pelaksana, dst.")),
    ("Unit Kerja", _("Wajib. Kode unit (lihat lembar Unit Kerja) atau namanya persis.")),
    ("Pendidikan Terakhir", _("SD, SMP, SMA, D1, D2, D3, D4, S1, S2, S3 (S-1, D-III, SLTA juga "
                              "diterima).")),
    ("Email", _("Boleh kosong.")),
    ("Telepon", _("Boleh kosong.")),
    ("Kedudukan Hukum", _("Opsional. Aktif, Cuti, Tugas Belajar, Diberhentikan Sementara, "
                          "Pensiun, Berhenti, Meninggal Dunia.")),
    ("Jurusan", _("Opsional.")),
    ("Institusi Pendidikan", _("Opsional.")),
]  # fmt: skip
# Said once under the list: an optional column left out of a file is left alone.
OPTIONAL_NOTE = _("Kolom opsional yang tidak ada di berkas tidak mengubah data yang tersimpan.")
SIASN_NOTE = _(
    "Berkas CSV data utama dari SIASN (pemisah koma atau |) juga dapat diunggah apa "
    "adanya; kolomnya dikenali dari judul (NIP BARU, GOL AKHIR NAMA, UNOR NAMA)."
)


def employees_for_export(
    *, user: User | None, filters: Mapping[str, Any] | None = None
) -> QuerySet[Employee]:
    """What `user` may see (everything for None: the command line), narrowed by the list
    page's filters; unknown or invalid filter values are ignored."""
    queryset = (
        Employee.objects.all() if user is None else selectors.employee_list(user=user)
    ).order_by("unit__path", "name", "nip")
    if filters:
        queryset = EmployeeFilter(data=filters, queryset=queryset).qs
    return queryset


def _plain_rows(queryset: QuerySet[Employee]) -> Iterator[list[Any]]:
    for values in queryset.values_list(*_FIELDS).iterator(chunk_size=_CHUNK):
        row = list(values)
        row[7] = _KIND_NAMES.get(row[7], row[7])
        row[16] = STATUS_NAMES.get(row[16], row[16])
        yield row


def _record(user: User | None, fmt: str, rows: int, filters: Mapping[str, Any] | None) -> None:
    with transaction.atomic():
        audit_record(
            actor=user,
            action="employee.export",
            object_type="people.employee",
            object_label=f"ekspor {fmt}",
            after={
                "format": fmt,
                "rows": rows,
                "filters": {k: str(v) for k, v in (filters or {}).items() if v},
            },
        )


def employee_export(
    *, user: User | None, fmt: str, filters: Mapping[str, Any] | None = None
) -> bytes:
    """The whole export as bytes (.xlsx or .csv)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    queryset = employees_for_export(user=user, filters=filters)
    _record(user, fmt, queryset.count(), filters)
    if fmt == "csv":
        return b"".join(_csv_chunks(_plain_rows(queryset)))
    return xlsx_bytes(_sheets(_plain_rows(queryset)))


def employee_export_csv_stream(
    *, user: User | None, filters: Mapping[str, Any] | None = None
) -> Iterator[bytes]:
    """The csv export as a stream of chunks (no 60,000-row string in memory)."""
    queryset = employees_for_export(user=user, filters=filters)
    _record(user, "csv", queryset.count(), filters)
    return _csv_chunks(_plain_rows(queryset))


def _csv_chunks(rows: Iterator[list[Any]]) -> Iterator[bytes]:
    return csv_chunks(HEADERS, rows)


def _sheets(rows: Iterator[list[Any]], *, notes: bool = False) -> list[Sheet]:
    sheets = [
        Sheet(
            "Pegawai ASN",
            HEADERS,
            rows,
            text_columns=_TEXT_COLUMNS,
            date_columns=_DATE_COLUMNS,
            widths=dict.fromkeys(_TEXT_COLUMNS, 24),
            default_width=18,
        )
    ]
    if notes:
        guide: list[list[str]] = [[column, str(text)] for column, text in COLUMN_NOTES]
        guide.append(["", str(OPTIONAL_NOTE)])
        guide.append(["SIASN", str(SIASN_NOTE)])
        sheets.append(
            Sheet("Petunjuk", ["Kolom", "Isi"], guide, widths={0: 24, 1: 100}, freeze=None)
        )
    return sheets


def import_template(*, fmt: str, units: QuerySet[Any] | None = None) -> bytes:
    """The template: the header row and one example row; for xlsx also a sheet explaining
    the columns and one listing the unit codes the user may import into."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown template format {fmt!r}")
    if fmt == "csv":
        return b"".join(_csv_chunks(iter([list(EXAMPLE_ROW)])))
    sheets = _sheets(iter([list(EXAMPLE_ROW)]), notes=True)
    if units is not None:
        codes = units.order_by("path").values_list("code", "name")
        sheets.append(
            Sheet(
                "Unit Kerja",
                ["Kode", "Nama unit kerja"],
                codes,
                text_columns=frozenset({0}),
                widths={0: 28, 1: 70},
                freeze=None,
            )
        )
    return xlsx_bytes(sheets)
