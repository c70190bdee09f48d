"""CSV/.xlsx of the studies a user may see, through the spreadsheet kit's writer; exporting
personal data (NIPs) is audited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import transaction

from garda.core.audit.services import audit_record
from garda.core.models import User
from garda.core.spreadsheets.export import Sheet, csv_bytes, xlsx_bytes
from garda.studies.selectors.studies import assignment_list

HEADER = [
    "NIP",
    "Nama",
    "Unit Kerja",
    "Jenis",
    "Jenjang",
    "Perguruan Tinggi",
    "Program Studi",
    "Sumber Dana",
    "Mulai",
    "Lama (bulan)",
    "Status",
    "Nomor SK",
    "Rencana Kembali",
    "Tanggal Lulus",
    "Gelar",
    "Kembali Bertugas",
    "Jabatan Setelah Kembali",
    "Jabatan Memanfaatkan Gelar",
]


def _rows(user: User) -> Iterator[list[Any]]:
    for study in assignment_list(user=user).iterator(chunk_size=1000):
        employee = study.employee
        yield [
            employee.nip,
            employee.full_name,
            employee.unit.name,
            study.get_kind_display(),
            study.level,
            study.program.institution,
            study.program.name,
            study.funding_source.name,
            study.starts_on,
            study.total_months,
            study.get_status_display(),
            study.decree_code or "",
            study.return_planned_on,
            study.graduated_on,
            study.degree,
            study.returned_on,
            study.return_post,
            {True: "ya", False: "tidak", None: ""}[study.return_uses_degree],
        ]


@transaction.atomic
def studies_export(*, actor: User, fmt: str) -> bytes:
    rows = list(_rows(actor))
    if fmt == "xlsx":
        data = xlsx_bytes(
            [
                Sheet(
                    "Studi",
                    HEADER,
                    rows,
                    text_columns=frozenset({0}),
                    date_columns=frozenset({8, 12, 13, 15}),
                )
            ]
        )
    else:
        data = csv_bytes(HEADER, rows)
    audit_record(
        actor=actor,
        action="studies.export",
        object_type="studies.export",
        object_label=fmt,
        after={"format": fmt, "rows": len(rows)},
    )
    return data
