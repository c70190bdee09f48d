"""Writes of the open-data catalog: the dataset records and their generated versions.

`opendata_generate_all` is what the schedule runs (`garda opendata_generate` from cron or a
systemd timer, or the `generate_open_data` task): it makes sure every dataset the live data
calls for exists, then regenerates each. A version is a file under
MEDIA_ROOT/opendata/<slug>/<version>.csv with its sha256 and row count; an unchanged table
writes no new version.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record, snapshot
from garda.core.dataversion import data_version_bump
from garda.core.models import User
from garda.core.spreadsheets.export import csv_bytes
from garda.transparency.budget.models import BudgetLine
from garda.transparency.opendata.formats import THEMES
from garda.transparency.opendata.generators import FIELDS, GENERATORS, Field, Generated
from garda.transparency.opendata.models import Dataset, DatasetKind, DatasetVersion, Periodicity
from garda.transparency.opendata.packages import PRIMARY_KEYS

OPENDATA = "opendata"
PRODUSEN = "Pemerintah Provinsi Jambi"
PEMELIHARA = "Dinas Komunikasi dan Informatika Provinsi Jambi (Satu Data Jambi)"
PEMELIHARA_EMAIL = "satudata@jambiprov.go.id"


@dataclass(frozen=True)
class Definition:
    slug: str
    kind: str
    params: dict[str, Any]
    values: dict[str, Any]


def _budget_definitions(year: int) -> list[Definition]:
    return [
        Definition(
            f"anggaran-{year}",
            DatasetKind.BUDGET_YEAR,
            {"year": year},
            {
                "title": f"Anggaran dan realisasi APBD {year} per sub kegiatan",
                "description": (
                    f"Pagu murni, pagu perubahan dan realisasi APBD tahun {year} setiap sub "
                    "kegiatan (Permendagri 90/2019) pemerintah daerah se-Provinsi Jambi, per "
                    "instansi dan OPD. Tersedia juga sebagai Fiscal Data Package."
                ),
                "keywords": ["anggaran", "APBD", "realisasi", "pagu", "keuangan", str(year)],
                "produsen": f"{PRODUSEN} (BKAD dan BAPPEDA)",
                "konsep": "APBD: belanja daerah per sub kegiatan (Permendagri 90/2019).",
                "definisi": (
                    "Pagu murni: belanja yang ditetapkan dalam Perda APBD. Pagu perubahan: "
                    "belanja setelah Perda Perubahan APBD. Realisasi: belanja yang telah "
                    "dibayarkan sampai bulan terakhir yang dilaporkan."
                ),
                "satuan": "Rupiah",
                "klasifikasi": (
                    "Urusan, bidang urusan, program, kegiatan, sub kegiatan; instansi dan OPD"
                ),
                "rumus": "Serapan (%) = realisasi / pagu x 100; sisa = pagu - realisasi",
                "periode": Periodicity.MONTHLY,
                "tahun": year,
                "metodologi": "Kompilasi data administratif SIPD, diimpor ke Garda tiap bulan.",
                "urusan": "Keuangan",
            },
        ),
        Definition(
            f"realisasi-bulanan-{year}",
            DatasetKind.REALISATION_MONTH,
            {"year": year},
            {
                "title": f"Realisasi APBD {year} per bulan dan sub kegiatan",
                "description": (
                    f"Realisasi belanja APBD tahun {year} setiap bulan, per sub kegiatan dan "
                    "unit, pemerintah daerah se-Provinsi Jambi."
                ),
                "keywords": ["realisasi", "APBD", "bulanan", str(year)],
                "produsen": f"{PRODUSEN} (BKAD)",
                "konsep": "Realisasi belanja daerah.",
                "definisi": "Belanja yang dibayarkan dalam bulan tersebut (bukan kumulatif).",
                "satuan": "Rupiah",
                "klasifikasi": "Bulan; sub kegiatan; instansi dan OPD",
                "rumus": "Realisasi kumulatif = jumlah realisasi bulan 1 sampai bulan n",
                "periode": Periodicity.MONTHLY,
                "tahun": year,
                "metodologi": "Kompilasi data administratif SIPD, diimpor ke Garda tiap bulan.",
                "urusan": "Keuangan",
            },
        ),
    ]


ASN_DEFINITION = Definition(
    "asn-per-instansi-golongan",
    DatasetKind.ASN_AGGREGATE,
    {},
    {
        "title": "Jumlah ASN per instansi, jenis pegawai dan golongan",
        "description": (
            "Jumlah Aparatur Sipil Negara (PNS dan PPPK) yang berdinas di pemerintah daerah "
            "se-Provinsi Jambi, per instansi, jenis pegawai dan golongan. Agregat saja: tidak "
            "memuat data pribadi."
        ),
        "keywords": ["ASN", "PNS", "PPPK", "golongan", "kepegawaian"],
        "produsen": f"{PRODUSEN} (BKD)",
        "konsep": "Aparatur Sipil Negara menurut UU 20/2023.",
        "definisi": (
            "ASN berstatus aktif, cuti, tugas belajar atau diberhentikan sementara pada tanggal "
            "pembuatan data."
        ),
        "satuan": "Orang",
        "klasifikasi": "Instansi; jenis pegawai; golongan",
        "rumus": "Jumlah = banyaknya ASN dalam kelompok",
        "periode": Periodicity.MONTHLY,
        "tahun": None,
        "metodologi": "Agregasi data kepegawaian Garda (sumber SIASN dan BKD).",
        "urusan": "Kepegawaian",
    },
)


# Datasets of apps above transparency, which register them in their AppConfig.ready().
EXTRA_DEFINITIONS: list[Callable[[], list[Definition]]] = []


def dataset_source_register(
    *, kind: str, generate: Callable[[dict[str, Any]], Generated],
    definitions: Callable[[], list[Definition]], fields: list[Field],
    primary_key: list[str], themes: tuple[str, ...] = ("GOVE",),
) -> None:  # fmt: skip
    """Add a kind of dataset from another app: its generator, the records it calls for
    (aggregates only, like every generator here), and what its data package and DCAT record
    say of it (columns, primary key, EU data themes)."""
    GENERATORS[kind] = generate
    FIELDS[kind] = fields
    PRIMARY_KEYS[kind] = primary_key
    THEMES[kind] = themes
    if definitions not in EXTRA_DEFINITIONS:
        EXTRA_DEFINITIONS.append(definitions)


def definitions() -> list[Definition]:
    """The datasets the live data calls for: two per budget year, one for ASN, and those
    other apps registered."""
    years = sorted(set(BudgetLine.objects.values_list("year", flat=True).distinct()))
    found: list[Definition] = []
    for year in years:
        found.extend(_budget_definitions(year))
    found.append(ASN_DEFINITION)
    for source in EXTRA_DEFINITIONS:
        found.extend(source())
    return found


@transaction.atomic
def datasets_ensure(*, actor: User | None) -> list[Dataset]:
    """Create the catalog records that are missing; existing ones (maybe edited by hand)
    are left as they are."""
    existing = {d.slug: d for d in Dataset.objects.all()}
    result: list[Dataset] = []
    created = False
    for definition in definitions():
        dataset = existing.get(definition.slug)
        if dataset is None:
            dataset = Dataset.objects.create(
                slug=definition.slug,
                kind=definition.kind,
                params=definition.params,
                pemelihara=PEMELIHARA,
                pemelihara_email=PEMELIHARA_EMAIL,
                **definition.values,
            )
            audit_record(
                actor=actor,
                action="opendata.dataset_create",
                target=dataset,
                after=snapshot(dataset),
            )
            created = True
        result.append(dataset)
    if created:
        data_version_bump(name=OPENDATA)
    return result


def csv_content(generated: Generated) -> bytes:
    """UTF-8 CSV without BOM (machine readers), formula-looking text neutralised."""
    return csv_bytes([f.name for f in generated.fields], generated.rows, bom=False)


def version_path(slug: str, version: int) -> str:
    return f"opendata/{slug}/{version}.csv"


def _write_file(relative: str, content: bytes) -> None:
    """Write beside, then rename: a reader never sees half a file."""
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".csv.part")
    partial.write_bytes(content)
    os.replace(partial, target)


@transaction.atomic
def dataset_generate(*, actor: User | None, dataset: Dataset) -> DatasetVersion | None:
    """Regenerate one dataset; the new version, or None when the content is unchanged."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    generated = GENERATORS[dataset.kind](dict(dataset.params))
    content = csv_content(generated)
    digest = hashlib.sha256(content).hexdigest()
    latest = dataset.versions.order_by("-version").first()
    if latest is not None and latest.sha256 == digest:
        return None
    number = latest.version + 1 if latest is not None else 1
    relative = version_path(dataset.slug, number)
    _write_file(relative, content)
    version = DatasetVersion.objects.create(
        dataset=dataset,
        version=number,
        path=relative,
        sha256=digest,
        row_count=len(generated.rows),
        byte_size=len(content),
        generated_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="opendata.version_create",
        target=version,
        object_label=f"{dataset.slug} v{number}",
        after={"path": relative, "sha256": digest, "rows": len(generated.rows)},
    )
    data_version_bump(name=OPENDATA)
    return version


def opendata_generate_all(
    *, actor: User | None, slug: str | None = None
) -> list[tuple[Dataset, DatasetVersion | None]]:
    """What the schedule runs; each dataset in its own transaction."""
    datasets = datasets_ensure(actor=actor)
    if slug is not None:
        datasets = [d for d in datasets if d.slug == slug] or list(
            Dataset.objects.filter(slug=slug)
        )
    return [(d, dataset_generate(actor=actor, dataset=d)) for d in datasets]
