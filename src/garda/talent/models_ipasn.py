"""Indeks Profesionalitas ASN as data: each edition's point tables, categories, and which
ledger forms and jabatan kinds feed which indicator. Seeded by migration 0002; an admin edits
the rows or adds an edition when a regulation changes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class Dimension(models.TextChoices):
    KUALIFIKASI = "kualifikasi", _("Kualifikasi")
    KOMPETENSI = "kompetensi", _("Kompetensi")
    KINERJA = "kinerja", _("Kinerja")
    DISIPLIN = "disiplin", _("Disiplin")


class Indicator(models.TextChoices):
    TEKNIS = "teknis", _("Pelatihan teknis")
    SEMINAR = "seminar", _("Seminar, workshop, kursus, magang")
    KEPEMIMPINAN = "kepemimpinan", _("Pelatihan kepemimpinan")
    FUNGSIONAL = "fungsional", _("Pelatihan fungsional")


class JabatanGroup(models.TextChoices):
    STRUKTURAL = "struktural", _("Struktural")
    FUNGSIONAL = "fungsional", _("Fungsional")
    PELAKSANA = "pelaksana", _("Pelaksana")


class IpEdition(BaseModel):
    """One edition of the IP ASN rules; it applies from `first_year` until a later edition."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("dasar hukum"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("berlaku mulai tahun"), unique=True)
    technical_min_jp = models.DecimalField(
        _("JP minimal pelatihan teknis"), max_digits=5, decimal_places=1, default=20
    )
    technical_partial = models.BooleanField(_("poin sebagian di bawah JP minimal"), default=False)
    seminar_years = models.PositiveSmallIntegerField(_("jangka seminar (tahun)"), default=2)

    class Meta:
        verbose_name = _("edisi IP ASN")
        verbose_name_plural = _("edisi IP ASN")
        ordering = ["-first_year"]

    def __str__(self) -> str:
        return str(self.name)


class IpPoint(models.Model):
    edition = models.ForeignKey(IpEdition, on_delete=models.CASCADE, related_name="points")
    dimension = models.CharField(_("dimensi"), max_length=12, choices=Dimension.choices)
    key = models.CharField(_("kunci"), max_length=40)
    points = models.DecimalField(_("poin"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("poin IP ASN")
        verbose_name_plural = _("poin IP ASN")
        constraints = [
            models.UniqueConstraint(fields=["edition", "dimension", "key"], name="ip_point_unique")
        ]

    def __str__(self) -> str:
        return f"{self.dimension}.{self.key} = {self.points}"


class IpCategory(models.Model):
    edition = models.ForeignKey(IpEdition, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("kode"), max_length=20)
    min_total = models.DecimalField(_("nilai terendah"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("kategori IP ASN")
        verbose_name_plural = _("kategori IP ASN")
        ordering = ["-min_total"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="ip_category_unique"),
            models.UniqueConstraint(fields=["edition", "min_total"], name="ip_category_floor"),
        ]

    def __str__(self) -> str:
        return f"{self.code} >= {self.min_total}"


class IpFormIndicator(models.Model):
    """Which ledger form (LearningForm code) counts as which kompetensi indicator."""

    edition = models.ForeignKey(IpEdition, on_delete=models.CASCADE, related_name="forms")
    form_code = models.SlugField(_("kode bentuk"), max_length=40)
    indicator = models.CharField(_("indikator"), max_length=12, choices=Indicator.choices)

    class Meta:
        verbose_name = _("bentuk ke indikator IP ASN")
        verbose_name_plural = _("bentuk ke indikator IP ASN")
        constraints = [
            models.UniqueConstraint(fields=["edition", "form_code"], name="ip_form_unique")
        ]

    def __str__(self) -> str:
        return f"{self.form_code} -> {self.indicator}"


class IpJabatanRule(models.Model):
    """A registry jabatan kind's group for the kompetensi table, and the leadership training
    (form code) of its level; empty for posts without one."""

    edition = models.ForeignKey(IpEdition, on_delete=models.CASCADE, related_name="jabatan")
    jabatan_kind_code = models.CharField(_("jenis jabatan"), max_length=40)
    group = models.CharField(_("kelompok"), max_length=12, choices=JabatanGroup.choices)
    leadership_form_code = models.SlugField(_("pelatihan kepemimpinan"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("aturan jabatan IP ASN")
        verbose_name_plural = _("aturan jabatan IP ASN")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "jabatan_kind_code"], name="ip_jabatan_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jabatan_kind_code} -> {self.group}"
