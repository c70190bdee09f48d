"""The open-data catalog: datasets with Satu Data Indonesia metadata (Perpres 39/2019) and
their generated versions. `/data.json` (Project Open Data) and `/catalog.jsonld` (DCAT) are
both written from these records."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class DatasetKind(models.TextChoices):
    """Which generator produces the dataset's file from live data (opendata/generators.py)."""

    BUDGET_YEAR = "budget_year", _("Anggaran per tahun")
    REALISATION_MONTH = "realisation_month", _("Realisasi per bulan")
    ASN_AGGREGATE = "asn_aggregate", _("Jumlah ASN per instansi dan golongan")


class Periodicity(models.TextChoices):
    """Periode (Satu Data), with its ISO 8601 repeat for `accrualPeriodicity`."""

    MONTHLY = "R/P1M", _("Bulanan")
    QUARTERLY = "R/P3M", _("Triwulanan")
    YEARLY = "R/P1Y", _("Tahunan")


class Dataset(BaseModel):
    slug = models.SlugField(_("pengenal"), max_length=80, unique=True)
    kind = models.CharField(_("jenis"), max_length=32, choices=DatasetKind.choices)
    # Generator parameters, e.g. {"year": 2026}.
    params: models.JSONField[Any] = models.JSONField(_("parameter"), default=dict, blank=True)
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("deskripsi"))
    keywords: models.JSONField[Any] = models.JSONField(_("kata kunci"), default=list, blank=True)
    # Satu Data Indonesia metadata.
    produsen = models.CharField(_("produsen data"), max_length=200)
    konsep = models.TextField(_("konsep"))
    definisi = models.TextField(_("definisi"))
    satuan = models.CharField(_("satuan"), max_length=60)
    klasifikasi = models.CharField(_("klasifikasi"), max_length=200, blank=True)
    rumus = models.TextField(_("rumus"), blank=True)
    periode = models.CharField(
        _("periode"), max_length=8, choices=Periodicity.choices, default=Periodicity.MONTHLY
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    metodologi = models.TextField(_("metodologi"), blank=True)
    pemelihara = models.CharField(_("pemelihara"), max_length=200)
    pemelihara_email = models.EmailField(_("email pemelihara"))
    urusan = models.CharField(_("urusan"), max_length=200, blank=True)
    license_url = models.URLField(
        _("lisensi"), default="https://creativecommons.org/licenses/by/4.0/"
    )
    is_public = models.BooleanField(_("publik"), default=True)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("dataset")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title


class DatasetVersion(models.Model):
    """One generated file: MEDIA_ROOT/opendata/<slug>/<version>.csv. A new version is written
    only when the content differs from the latest one (same sha256: nothing new)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("versi"))
    path = models.CharField(_("berkas"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    row_count = models.PositiveIntegerField(_("jumlah baris"))
    byte_size = models.PositiveIntegerField(_("ukuran (bita)"))
    generated_at = models.DateTimeField(_("dibuat pada"))

    class Meta:
        verbose_name = _("versi dataset")
        verbose_name_plural = _("versi dataset")
        ordering = ["dataset", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "version"], name="dataset_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} v{self.version}"


__all__ = ["Dataset", "DatasetKind", "DatasetVersion", "Periodicity"]
