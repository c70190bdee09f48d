"""The `datapackage.json` of every dataset (Frictionless Data Package v1), built from its latest
version and its generator's field list:

- a budget-year dataset is a Fiscal Data Package: the three APBD phases as measures in IDR,
  the Permendagri 90/2019 classification as dimensions, and each column's fiscal type
  (`columnType`, the OpenSpending fiscal types) so a fiscal tool maps it without guessing;
- every other dataset is a Tabular Data Package with the same resource description.

`frictionless validate` and the Fiscal Data Package JSON schema check both
(transparency/tests/test_opendata_standards.py).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from garda.transparency.opendata.generators import FIELDS, Field
from garda.transparency.opendata.models import Dataset, DatasetKind, DatasetVersion
from garda.transparency.opendata.selectors import FDP_PROFILE, PUBLISHER, absolute

# Columns that may be empty: APBD-P exists only once a budget was changed, and a program's or
# kegiatan's name only once the nomenclature table holds it (the codes always come).
OPTIONAL_FIELDS = {"pagu_perubahan", "nama_program", "nama_kegiatan"}
PRIMARY_KEYS: dict[str, list[str]] = {
    DatasetKind.BUDGET_YEAR: ["tahun", "kode_unit", "kode_sub_kegiatan"],
    DatasetKind.REALISATION_MONTH: ["tahun", "bulan", "kode_unit", "kode_sub_kegiatan"],
    DatasetKind.ASN_AGGREGATE: ["kode_instansi", "jenis_pegawai", "golongan"],
}
PHASES = {"pagu_murni": "approved", "pagu_perubahan": "adjusted", "realisasi": "executed"}


def datapackage(dataset: Dataset, version: DatasetVersion) -> dict[str, Any]:
    kind = str(dataset.kind)  # a kind of this app's or one another app registered
    package = {
        "profile": "tabular-data-package",
        "name": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "version": str(version.version),
        "created": version.generated_at.isoformat(),
        "homepage": absolute(
            reverse("transparency:opendata:dataset", kwargs={"slug": dataset.slug})
        ),
        "keywords": [str(k) for k in dataset.keywords],
        "licenses": [{"name": "CC-BY-4.0", "path": dataset.license_url, "title": "CC BY 4.0"}],
        "contributors": [{"title": PUBLISHER, "role": "publisher"}],
        "resources": [_resource(dataset, version, FIELDS[kind], PRIMARY_KEYS[kind])],
    }
    if kind == DatasetKind.BUDGET_YEAR:
        package.update(_fiscal(dataset))
    return package


def _resource(
    dataset: Dataset, version: DatasetVersion, fields: list[Field], primary_key: list[str]
) -> dict[str, Any]:
    return {
        "name": dataset.slug,
        "path": absolute(
            reverse(
                "transparency:opendata:version",
                kwargs={"slug": dataset.slug, "version": version.version},
            )
        ),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": version.byte_size,
        "hash": f"sha256:{version.sha256}",
        "schema": {
            "fields": [
                {
                    "name": f.name,
                    "type": f.type,
                    "title": f.title,
                    **({"description": f.description} if f.description else {}),
                    **({"columnType": f.column_type} if f.column_type else {}),
                    **(
                        {"constraints": {"required": True}} if f.name not in OPTIONAL_FIELDS else {}
                    ),
                }
                for f in fields
            ],
            "primaryKey": primary_key,
        },
    }


def _fiscal(dataset: Dataset) -> dict[str, Any]:
    """What makes a budget dataset a Fiscal Data Package."""
    year = int(dataset.params["year"])
    return {
        "countryCode": "ID",
        "granularity": "transactional",
        "fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "model": {
            "measures": {
                name: {
                    "source": name,
                    "currency": "IDR",
                    "factor": 1,
                    "direction": "expenditure",
                    "phase": phase,
                }
                for name, phase in PHASES.items()
            },
            "dimensions": {
                "tahun": {
                    "dimensionType": "datetime",
                    "attributes": {"tahun": {"source": "tahun"}},
                    "primaryKey": ["tahun"],
                },
                "administratif": {
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                    "attributes": {
                        "kode_instansi": {"source": "kode_instansi"},
                        "nama_instansi": {"source": "nama_instansi", "labelfor": "kode_instansi"},
                        "kode_unit": {"source": "kode_unit", "parent": "kode_instansi"},
                        "nama_unit": {"source": "nama_unit", "labelfor": "kode_unit"},
                    },
                    "primaryKey": ["kode_unit"],
                },
                "program": {
                    "dimensionType": "activity",
                    "attributes": {
                        "kode_program": {"source": "kode_program"},
                        "nama_program": {"source": "nama_program", "labelfor": "kode_program"},
                        "kode_kegiatan": {"source": "kode_kegiatan", "parent": "kode_program"},
                        "nama_kegiatan": {"source": "nama_kegiatan", "labelfor": "kode_kegiatan"},
                        "kode_sub_kegiatan": {
                            "source": "kode_sub_kegiatan",
                            "parent": "kode_kegiatan",
                        },
                        "nama_sub_kegiatan": {
                            "source": "nama_sub_kegiatan",
                            "labelfor": "kode_sub_kegiatan",
                        },
                    },
                    "primaryKey": ["kode_sub_kegiatan"],
                },
            },
        },
        "x-profile-url": FDP_PROFILE,
    }
