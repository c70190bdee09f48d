"""Each dataset kind's table, generated from live data: (field names, rows).

Aggregates and public budget figures only: no generator reads a name, NIP, NIK, birth date
or any other personal field. Output is deterministic (sorted, no timestamps inside), so an
unchanged database gives a byte-identical file and no new version.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from garda.core.models import Unit, UnitKind
from garda.people.models import Employee, EmployeeStatus
from garda.transparency.budget.models import BudgetLine, BudgetRealisation, Nomenclature
from garda.transparency.opendata.models import DatasetKind


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer
    title: str
    description: str = ""
    # Fiscal Data Package column type (OpenSpending fiscal types), for the budget columns.
    column_type: str = ""


ADMIN = "administrative-classification:generic"
ACTIVITY = "activity:generic"


@dataclass(frozen=True)
class Generated:
    fields: list[Field]
    rows: list[list[Any]]


BUDGET_FIELDS = [
    Field("tahun", "integer", "Tahun anggaran", column_type="date:fiscal-year"),
    Field("kode_instansi", "string", "Kode instansi", column_type=f"{ADMIN}:level1:code"),
    Field("nama_instansi", "string", "Nama instansi", column_type=f"{ADMIN}:level1:label"),
    Field("kode_unit", "string", "Kode unit (OPD)", column_type=f"{ADMIN}:level2:code"),
    Field("nama_unit", "string", "Nama unit (OPD)", column_type=f"{ADMIN}:level2:label"),
    Field(
        "kode_program",
        "string",
        "Kode program (Permendagri 90/2019)",
        column_type=f"{ACTIVITY}:program:code",
    ),
    Field("nama_program", "string", "Nama program", column_type=f"{ACTIVITY}:program:label"),
    Field("kode_kegiatan", "string", "Kode kegiatan", column_type=f"{ACTIVITY}:subprogram:code"),
    Field("nama_kegiatan", "string", "Nama kegiatan", column_type=f"{ACTIVITY}:subprogram:label"),
    Field(
        "kode_sub_kegiatan", "string", "Kode sub kegiatan", column_type=f"{ACTIVITY}:project:code"
    ),
    Field(
        "nama_sub_kegiatan", "string", "Nama sub kegiatan", column_type=f"{ACTIVITY}:project:label"
    ),
    Field("pagu_murni", "integer", "Pagu murni (rupiah)", "APBD murni, fase approved", "value"),
    Field("pagu_perubahan", "integer", "Pagu perubahan (rupiah)", "APBD-P, fase adjusted", "value"),
    Field("realisasi", "integer", "Realisasi (rupiah)", "Realisasi s.d. bulan terakhir", "value"),
]
REALISATION_FIELDS = [
    Field("tahun", "integer", "Tahun anggaran"),
    Field("bulan", "integer", "Bulan (1-12)"),
    Field("kode_instansi", "string", "Kode instansi"),
    Field("kode_unit", "string", "Kode unit (OPD)"),
    Field("kode_sub_kegiatan", "string", "Kode sub kegiatan"),
    Field("realisasi", "integer", "Realisasi bulan ini (rupiah)"),
]
ASN_FIELDS = [
    Field("kode_instansi", "string", "Kode instansi"),
    Field("nama_instansi", "string", "Nama instansi"),
    Field("jenis_pegawai", "string", "Jenis pegawai (PNS/PPPK)"),
    Field("golongan", "string", "Golongan"),
    Field("jumlah", "integer", "Jumlah ASN"),
]
# Employees counted as serving ASN.
SERVING = [
    EmployeeStatus.AKTIF,
    EmployeeStatus.CUTI,
    EmployeeStatus.TUGAS_BELAJAR,
    EmployeeStatus.DIBERHENTIKAN_SEMENTARA,
]


def _year(params: dict[str, Any]) -> int:
    return int(params["year"])


_BUDGET_COLUMNS = (
    "instansi__code", "instansi__name", "unit__code", "unit__name", "program_code",
    "kegiatan_code", "code", "name", "pagu_murni", "pagu_perubahan", "realisasi_total",
)  # fmt: skip


def budget_year(params: dict[str, Any]) -> Generated:
    year = _year(params)
    names = dict(Nomenclature.objects.values_list("code", "name"))
    lines = (
        BudgetLine.objects.filter(year=year)
        .order_by("instansi__code", "unit__code", "code")
        .values_list(*_BUDGET_COLUMNS)
    )
    rows: list[list[Any]] = []
    for instansi_code, instansi_name, unit_code, unit_name, program, kegiatan, *rest in lines:
        code, name, murni, perubahan, realisasi = rest
        rows.append(
            [year, instansi_code, instansi_name, unit_code, unit_name, program,
             names.get(program, ""), kegiatan, names.get(kegiatan, ""), code, name, murni,
             perubahan, realisasi]
        )  # fmt: skip
    return Generated(BUDGET_FIELDS, rows)


def realisation_month(params: dict[str, Any]) -> Generated:
    year = _year(params)
    rows = [
        list(values)
        for values in BudgetRealisation.objects.filter(line__year=year)
        .order_by("month", "line__instansi__code", "line__unit__code", "line__code")
        .values_list(
            "line__year",
            "month",
            "line__instansi__code",
            "line__unit__code",
            "line__code",
            "amount",
        )
    ]
    return Generated(REALISATION_FIELDS, rows)


def asn_aggregate(params: dict[str, Any]) -> Generated:
    """Serving ASN per instansi, kind and golongan: counts, never people."""
    units = {pk: (path, kind) for pk, path, kind in Unit.objects.values_list("pk", "path", "kind")}
    instansi = {
        pk: (code, name)
        for pk, code, name in Unit.objects.filter(kind=UnitKind.INSTANSI).values_list(
            "pk", "code", "name"
        )
    }

    def instansi_of(unit_id: int) -> int | None:
        path = units.get(unit_id, ("", ""))[0]
        for part in path.strip("/").split("/"):
            if part and int(part) in instansi:
                return int(part)
        return None

    counts: Counter[tuple[str, str, str, str]] = Counter()
    grouped = (
        Employee.objects.filter(status__in=SERVING)
        .values("unit_id", "kind", "golongan__code")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in grouped:
        owner = instansi_of(row["unit_id"])
        if owner is None:
            continue
        code, name = instansi[owner]
        kind = str(row["kind"]).upper()
        counts[(code, name, kind, row["golongan__code"] or "-")] += int(row["n"])
    rows = [[*key, count] for key, count in sorted(counts.items())]
    return Generated(ASN_FIELDS, rows)


FIELDS: dict[str, list[Field]] = {
    DatasetKind.BUDGET_YEAR: BUDGET_FIELDS,
    DatasetKind.REALISATION_MONTH: REALISATION_FIELDS,
    DatasetKind.ASN_AGGREGATE: ASN_FIELDS,
}

GENERATORS: dict[str, Callable[[dict[str, Any]], Generated]] = {
    DatasetKind.BUDGET_YEAR: budget_year,
    DatasetKind.REALISATION_MONTH: realisation_month,
    DatasetKind.ASN_AGGREGATE: asn_aggregate,
}
