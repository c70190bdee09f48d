"""Reads of the open-data catalog. Everything here is public.

`catalog_records` is the one description of the catalog: `/data.json` (Project Open Data
v1.1) and `/catalog.jsonld` (DCAT) are two spellings of its output (formats.py), so they can
never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from garda.core.errors import NotFound
from garda.transparency.opendata.models import Dataset, DatasetKind, DatasetVersion

PUBLISHER = "Pemerintah Provinsi Jambi"


def dataset_list() -> QuerySet[Dataset]:
    return Dataset.objects.filter(is_public=True).order_by("slug")


def dataset_get(*, slug: str) -> Dataset:
    dataset = dataset_list().filter(slug=slug).first()
    if dataset is None:
        raise NotFound
    return dataset


def dataset_versions(*, dataset: Dataset) -> list[DatasetVersion]:
    return list(dataset.versions.order_by("-version"))


def latest_version(*, dataset: Dataset) -> DatasetVersion | None:
    return dataset.versions.order_by("-version").first()


def version_get(*, slug: str, version: int) -> tuple[DatasetVersion, Path]:
    """A version and its file on disk; NotFound when either is missing."""
    found = (
        DatasetVersion.objects.select_related("dataset")
        .filter(dataset__slug=slug, dataset__is_public=True, version=version)
        .first()
    )
    if found is None:
        raise NotFound
    path = Path(settings.MEDIA_ROOT) / found.path
    if not path.is_file():
        raise NotFound
    return found, path


def absolute(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


@dataclass(frozen=True)
class Distribution:
    title: str
    download_url: str
    media_type: str
    format: str
    conforms_to: str | None = None
    byte_size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class CatalogRecord:
    slug: str
    kind: str
    identifier: str
    landing_page: str
    title: str
    description: str
    keywords: list[str]
    modified: dt.date
    issued: dt.date
    publisher: str
    contact_name: str
    contact_email: str
    access_level: str
    license: str
    periodicity: str
    temporal: str | None
    spatial: str
    theme: str
    distributions: list[Distribution]
    satu_data: dict[str, str] = field(default_factory=dict)


FDP_PROFILE = "https://specs.frictionlessdata.io/fiscal-data-package/"
TABULAR_PACKAGE_PROFILE = "https://specs.frictionlessdata.io/tabular-data-package/"


def catalog_records() -> list[CatalogRecord]:
    """Every public dataset that has at least one generated version."""
    records: list[CatalogRecord] = []
    for dataset in dataset_list().prefetch_related("versions"):
        versions = sorted(dataset.versions.all(), key=lambda v: -v.version)
        if not versions:
            continue
        latest = versions[0]
        first = versions[-1]
        distributions = [
            Distribution(
                title=f"{dataset.title} (CSV, versi {latest.version})",
                download_url=absolute(
                    reverse(
                        "transparency:opendata:version",
                        kwargs={"slug": dataset.slug, "version": latest.version},
                    )
                ),
                media_type="text/csv",
                format="CSV",
                byte_size=latest.byte_size,
                sha256=latest.sha256,
            )
        ]
        fiscal = dataset.kind == DatasetKind.BUDGET_YEAR
        distributions.append(
            Distribution(
                title=f"{dataset.title} ({'Fiscal Data Package' if fiscal else 'Data Package'})",
                download_url=absolute(
                    reverse("transparency:opendata:datapackage", kwargs={"slug": dataset.slug})
                ),
                media_type="application/json",
                format="JSON",
                conforms_to=FDP_PROFILE if fiscal else TABULAR_PACKAGE_PROFILE,
            )
        )
        records.append(
            CatalogRecord(
                slug=dataset.slug,
                kind=dataset.kind,
                identifier=absolute(
                    reverse("transparency:opendata:dataset", kwargs={"slug": dataset.slug})
                ),
                landing_page=absolute(
                    reverse("transparency:opendata:dataset", kwargs={"slug": dataset.slug})
                ),
                title=dataset.title,
                description=dataset.description,
                keywords=[str(k) for k in dataset.keywords] or [dataset.slug],
                modified=timezone.localdate(latest.generated_at),
                issued=timezone.localdate(first.generated_at),
                publisher=PUBLISHER,
                contact_name=dataset.pemelihara,
                contact_email=dataset.pemelihara_email,
                access_level="public",
                license=dataset.license_url,
                periodicity=dataset.periode,
                temporal=f"{dataset.tahun}-01-01/{dataset.tahun}-12-31" if dataset.tahun else None,
                spatial="Provinsi Jambi, Indonesia",
                theme=dataset.urusan,
                distributions=distributions,
                satu_data=satu_data(dataset),
            )
        )
    return records


def satu_data(dataset: Dataset) -> dict[str, str]:
    """The Satu Data Indonesia metadata of a dataset, with its standard names."""
    return {
        "produsen_data": dataset.produsen,
        "judul": dataset.title,
        "konsep": dataset.konsep,
        "definisi": dataset.definisi,
        "satuan": dataset.satuan,
        "klasifikasi": dataset.klasifikasi,
        "rumus": dataset.rumus,
        "periode": dataset.get_periode_display(),
        "tahun": str(dataset.tahun or ""),
        "metodologi": dataset.metodologi,
        "tag": ", ".join(str(k) for k in dataset.keywords),
        "pemelihara": dataset.pemelihara,
        "urusan": dataset.urusan,
    }
