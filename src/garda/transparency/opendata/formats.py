"""The catalog in its published formats, all from `selectors.catalog_records`:

- Project Open Data v1.1 `data.json` (https://project-open-data.cio.gov/v1.1/schema);
- DCAT (W3C Data Catalog Vocabulary) as JSON-LD `catalog.jsonld`;
(the `datapackage.json` of each dataset is in packages.py).

Satu Data Indonesia's metadata travels along: under "satuData" in data.json (extra fields
are allowed there) and as `sdi:` properties in the JSON-LD.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from garda.transparency.opendata.models import DatasetKind, Periodicity
from garda.transparency.opendata.selectors import (
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
# Read by kind name: apps above transparency add their own (services.dataset_source_register).
THEMES: dict[str, tuple[str, ...]] = {
    DatasetKind.BUDGET_YEAR: ("GOVE", "ECON"),
    DatasetKind.REALISATION_MONTH: ("GOVE", "ECON"),
    DatasetKind.ASN_AGGREGATE: ("GOVE",),
}
# The EU data-theme table's English labels, with Indonesian beside them.
THEME_LABELS = {
    "GOVE": ("Government and public sector", "Pemerintahan dan sektor publik"),
    "ECON": ("Economy and finance", "Ekonomi dan keuangan"),
    "SOCI": ("Population and society", "Kependudukan dan masyarakat"),
}
SPATIAL_NAME = "Provinsi Jambi, Indonesia"


def _node(iri: str, kind: str) -> dict[str, str]:
    """An IRI with its class: DCAT-AP's shapes check the class of what each property points at,
    and a harvester cannot be assumed to have loaded every vocabulary."""
    return {"@id": iri, "@type": kind}


def _authority(table: str, code: str, kind: str) -> dict[str, str]:
    return _node(f"{EU_AUTHORITY}{table}/{code}", kind)


def _theme(code: str) -> dict[str, Any]:
    english, indonesian = THEME_LABELS[code]
    return {
        **_authority("data-theme", code, "skos:Concept"),
        "skos:prefLabel": [
            {"@value": english, "@language": "en"},
            {"@value": indonesian, "@language": "id"},
        ],
    }


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
        "dcat:theme": [_theme(code) for code in THEMES.get(record.kind, ("GOVE",))],
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
