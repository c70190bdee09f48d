"""The catalog in its published formats, all from `selectors.catalog_records`:

- Project Open Data v1.1 `data.json` (https://project-open-data.cio.gov/v1.1/schema);
- DCAT (W3C Data Catalog Vocabulary) as JSON-LD `catalog.jsonld`;
- a Fiscal Data Package `datapackage.json` for each budget dataset.

Satu Data Indonesia's metadata travels along: under "satuData" in data.json (extra fields
are allowed there) and as `sdi:` properties in the JSON-LD.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from garda.transparency.opendata.generators import BUDGET_FIELDS
from garda.transparency.opendata.models import Dataset, DatasetKind, DatasetVersion, Periodicity
from garda.transparency.opendata.selectors import (
    FDP_PROFILE,
    PUBLISHER,
    CatalogRecord,
    Distribution,
    absolute,
)

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
SDI_VOCABULARY = "https://data.go.id/satu-data/metadata#"


def data_json(records: list[CatalogRecord]) -> dict[str, Any]:
    return {
        "@context": f"{POD_SCHEMA}/catalog.jsonld",
        "@id": absolute(reverse("transparency:opendata:data_json")),
        "@type": "dcat:Catalog",
        "conformsTo": POD_SCHEMA,
        "describedBy": f"{POD_SCHEMA}/catalog.json",
        "dataset": [_pod_dataset(record) for record in records],
    }


def _pod_dataset(record: CatalogRecord) -> dict[str, Any]:
    dataset: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "title": record.title,
        "description": record.description,
        "keyword": record.keywords,
        "modified": record.modified.isoformat(),
        "issued": record.issued.isoformat(),
        "publisher": {"@type": "org:Organization", "name": record.publisher},
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": record.contact_name,
            "hasEmail": f"mailto:{record.contact_email}",
        },
        "identifier": record.identifier,
        "accessLevel": record.access_level,
        "license": record.license,
        "accrualPeriodicity": record.periodicity,
        "spatial": record.spatial,
        "language": ["id"],
        "landingPage": record.landing_page,
        "theme": [record.theme] if record.theme else [],
        "distribution": [
            {
                "@type": "dcat:Distribution",
                "title": d.title,
                "downloadURL": d.download_url,
                "mediaType": d.media_type,
                "format": d.format,
                **({"conformsTo": d.conforms_to} if d.conforms_to else {}),
            }
            for d in record.distributions
        ],
        "satuData": record.satu_data,
    }
    if record.temporal:
        dataset["temporal"] = record.temporal
    return dataset


JSONLD_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sdi": SDI_VOCABULARY,
}

# DCAT-AP 3 wants controlled vocabularies, as IRIs: IANA media types and the EU Publications
# Office authority tables (file type, data theme, access right, frequency, language, country).
IANA_MEDIA_TYPE = "http://www.iana.org/assignments/media-types/"
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
FREQUENCIES = {
    Periodicity.MONTHLY: "MONTHLY",
    Periodicity.QUARTERLY: "QUARTERLY",
    Periodicity.YEARLY: "ANNUAL",
}
# Budgets are government finance (GOVE, ECON); the ASN counts are about government (GOVE).
THEMES = {
    DatasetKind.BUDGET_YEAR: ("GOVE", "ECON"),
    DatasetKind.REALISATION_MONTH: ("GOVE", "ECON"),
    DatasetKind.ASN_AGGREGATE: ("GOVE",),
}
SPATIAL_NAME = "Provinsi Jambi, Indonesia"


def _node(iri: str, kind: str) -> dict[str, str]:
    """An IRI with its class: DCAT-AP's shapes check the class of what each property points at,
    and a harvester cannot be assumed to have loaded every vocabulary."""
    return {"@id": iri, "@type": kind}


def _authority(table: str, code: str, kind: str) -> dict[str, str]:
    return _node(f"{EU_AUTHORITY}{table}/{code}", kind)


def _publisher(name: str) -> dict[str, Any]:
    return {"@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": name}


def catalog_jsonld(records: list[CatalogRecord]) -> dict[str, Any]:
    return {
        "@context": JSONLD_CONTEXT,
        "@id": absolute(reverse("transparency:opendata:catalog_jsonld")),
        "@type": "dcat:Catalog",
        "dct:title": "Katalog Data Terbuka Garda Jambi",
        "dct:description": (
            "Data terbuka anggaran dan kepegawaian pemerintah daerah se-Provinsi Jambi."
        ),
        "dct:publisher": _publisher(PUBLISHER),
        "dct:language": _authority("language", "IND", "dct:LinguisticSystem"),
        "foaf:homepage": _node(absolute(reverse("transparency:opendata:catalog")), "foaf:Document"),
        "dcat:dataset": [_dcat_dataset(record) for record in records],
    }


def _date(value: Any) -> dict[str, str]:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _dcat_dataset(record: CatalogRecord) -> dict[str, Any]:
    dataset: dict[str, Any] = {
        "@id": record.identifier,
        "@type": "dcat:Dataset",
        "dct:identifier": record.identifier,
        "dct:title": record.title,
        "dct:description": record.description,
        "dcat:keyword": record.keywords,
        "dct:modified": _date(record.modified),
        "dct:issued": _date(record.issued),
        "dct:publisher": _publisher(record.publisher),
        "dcat:contactPoint": {
            "@type": "vcard:Kind",
            "vcard:fn": record.contact_name,
            "vcard:hasEmail": {"@id": f"mailto:{record.contact_email}"},
        },
        "dct:accessRights": _authority("access-right", "PUBLIC", "dct:RightsStatement"),
        "dct:license": _node(record.license, "dct:LicenseDocument"),
        "dct:accrualPeriodicity": _authority(
            "frequency", FREQUENCIES[Periodicity(record.periodicity)], "dct:Frequency"
        ),
        "dct:spatial": [
            _authority("country", "IDN", "dct:Location"),
            {"@type": "dct:Location", "locn:geographicName": SPATIAL_NAME},
        ],
        "dct:language": _authority("language", "IND", "dct:LinguisticSystem"),
        "dcat:landingPage": _node(record.landing_page, "foaf:Document"),
        "dcat:theme": [
            _authority("data-theme", code, "skos:Concept")
            for code in THEMES[DatasetKind(record.kind)]
        ],
        "dcat:distribution": [_dcat_distribution(d) for d in record.distributions],
        **{f"sdi:{key}": value for key, value in record.satu_data.items()},
    }
    if record.theme:  # the Indonesian urusan, in words, beside the EU theme
        dataset["dcat:keyword"] = [*record.keywords, record.theme]
    if record.temporal:
        start, end = record.temporal.split("/")
        dataset["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": start, "@type": "xsd:date"},
            "dcat:endDate": {"@value": end, "@type": "xsd:date"},
        }
    return dataset


def _dcat_distribution(d: Distribution) -> dict[str, Any]:
    distribution: dict[str, Any] = {
        "@type": "dcat:Distribution",
        "dct:title": d.title,
        # The file itself is where it is accessed: there is no separate service in between.
        "dcat:accessURL": {"@id": d.download_url},
        "dcat:downloadURL": {"@id": d.download_url},
        "dcat:mediaType": _node(f"{IANA_MEDIA_TYPE}{d.media_type}", "dct:MediaType"),
        "dct:format": _authority("file-type", d.format, "dct:MediaTypeOrExtent"),
    }
    if d.conforms_to:
        distribution["dct:conformsTo"] = _node(d.conforms_to, "dct:Standard")
    if d.byte_size is not None:
        distribution["dcat:byteSize"] = {
            "@value": str(d.byte_size),
            "@type": "xsd:nonNegativeInteger",
        }
    return distribution


# --- Fiscal Data Package ----------------------------------------------------------------------

PHASES = {"pagu_murni": "approved", "pagu_perubahan": "adjusted", "realisasi": "executed"}


def datapackage(dataset: Dataset, version: DatasetVersion) -> dict[str, Any]:
    """A Fiscal Data Package for a budget-year dataset: the latest CSV as its resource, the
    three APBD phases as measures in IDR, and the Permendagri 90/2019 classification as
    dimensions."""
    year = int(dataset.params["year"])
    csv_url = absolute(
        reverse(
            "transparency:opendata:version",
            kwargs={"slug": dataset.slug, "version": version.version},
        )
    )
    fields = [
        {
            "name": f.name,
            "type": f.type,
            "title": f.title,
            **({"description": f.description} if f.description else {}),
            **({"constraints": {"required": True}} if f.name != "pagu_perubahan" else {}),
        }
        for f in BUDGET_FIELDS
    ]
    return {
        "profile": "fiscal-data-package",
        "name": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "version": str(version.version),
        "created": version.generated_at.isoformat(),
        "homepage": absolute(
            reverse("transparency:opendata:dataset", kwargs={"slug": dataset.slug})
        ),
        "keywords": [str(k) for k in dataset.keywords],
        "countryCode": "ID",
        "fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "licenses": [{"name": "CC-BY-4.0", "path": dataset.license_url, "title": "CC BY 4.0"}],
        "publishers": [{"title": PUBLISHER}],
        "resources": [
            {
                "name": dataset.slug,
                "path": csv_url,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": version.byte_size,
                "hash": f"sha256:{version.sha256}",
                "schema": {
                    "fields": fields,
                    "primaryKey": ["tahun", "kode_unit", "kode_sub_kegiatan"],
                },
            }
        ],
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
