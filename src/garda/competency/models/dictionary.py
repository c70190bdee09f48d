"""The competency dictionary (PermenPANRB 38/2017), the standard level each jabatan needs,
the JPM bands and setting, and the competency tags of catalog programs. Every number here is
data with the edition it comes from, seeded by migration 0002 and editable afterwards."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class CompetencyKind(models.TextChoices):
    MANAJERIAL = "manajerial", _("Manajerial")
    SOSIAL_KULTURAL = "sosial_kultural", _("Sosial kultural")
    TEKNIS = "teknis", _("Teknis")


class Competency(BaseModel):
    """One competency. Manajerial and sosial kultural ones are national (no instansi);
    teknis ones belong to the instansi that defined them."""

    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=16, choices=CompetencyKind.choices)
    description = models.TextField(_("deskripsi"), blank=True)
    instansi = models.ForeignKey(
        "core.Unit",
        verbose_name=_("instansi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    edition = models.CharField(_("edisi"), max_length=120)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kompetensi")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(instansi__isnull=True),
                name="competency_national_code_unique",
            ),
            models.UniqueConstraint(
                fields=["instansi", "code"], name="competency_instansi_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind="teknis", instansi__isnull=False)
                | (~Q(kind="teknis") & Q(instansi__isnull=True)),
                name="competency_teknis_has_instansi",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CompetencyLevel(models.Model):
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    description = models.TextField(_("deskripsi"))

    class Meta:
        verbose_name = _("level kompetensi")
        verbose_name_plural = _("level kompetensi")
        ordering = ["competency", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="competency_level_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="competency_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency.code} level {self.level}"


class Standard(BaseModel):
    """The level a jabatan needs in a competency, set by an instansi. The registry keeps
    jabatan names as text, so a jabatan is its kind plus its normalised name (`jabatan_key`);
    an empty key is the instansi's default for every jabatan of that kind."""

    instansi = models.ForeignKey(
        "core.Unit", verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="+"
    )
    jabatan_kind = models.ForeignKey(
        "people.JabatanKind", verbose_name=_("jenis jabatan"), on_delete=models.PROTECT
    )
    jabatan_key = models.CharField(_("jabatan (dinormalkan)"), max_length=200, blank=True)
    jabatan_name = models.CharField(_("jabatan"), max_length=200, blank=True)
    competency = models.ForeignKey(
        Competency, verbose_name=_("kompetensi"), on_delete=models.CASCADE, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level standar"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("standar kompetensi")
        verbose_name_plural = _("standar kompetensi")
        ordering = ["jabatan_kind__rank", "jabatan_key", "competency__order", "competency__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "jabatan_kind", "jabatan_key", "competency"],
                name="competency_standard_unique",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="competency_standard_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jabatan_name or self.jabatan_kind} {self.competency.code}={self.level}"


class JpmBand(models.Model):
    """A band of the job person match: the lowest JPM (inclusive) that reaches it, in one of
    two schemes (selection and mapping)."""

    scheme = models.CharField(_("skema"), max_length=20)
    code = models.CharField(_("kode"), max_length=20)
    label = models.CharField(_("nama"), max_length=80)
    min_jpm = models.DecimalField(_("JPM minimal"), max_digits=5, decimal_places=2)
    edition = models.CharField(_("edisi"), max_length=120)

    class Meta:
        verbose_name = _("kategori JPM")
        verbose_name_plural = _("kategori JPM")
        ordering = ["scheme", "-min_jpm"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="competency_band_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.code} ≥ {self.min_jpm}"


class CompetencySetting(models.Model):
    """Settings the domain left open (one row, pk 1): whether JPM is capped at 100."""

    jpm_capped = models.BooleanField(_("JPM dibatasi 100"), default=False)
    edition = models.CharField(_("edisi"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("pengaturan kompetensi")
        verbose_name_plural = _("pengaturan kompetensi")

    def __str__(self) -> str:
        return "JPM capped" if self.jpm_capped else "JPM not capped"


class ProgramTag(models.Model):
    """A catalog program develops a competency up to a level. Kept here, not on the program:
    learning sits below competency and never imports it."""

    program = models.ForeignKey(
        "learning.Program", on_delete=models.CASCADE, related_name="competency_tags"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("kompetensi"), on_delete=models.CASCADE, related_name="tags"
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("tag kompetensi program")
        verbose_name_plural = _("tag kompetensi program")
        ordering = ["competency__order", "competency__code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "competency"], name="competency_tag_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="competency_tag_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency.code}:{self.level}"
