"""The numbers of the rules, as rows an admin edits, each with the edition it comes from
(capacity.md §4): eligibility per kind and level, the accreditation scale, the service bond
of each funding source, and the pangkat adjustment for a new diploma. Seeded by migration
0002; nothing here is a constant in code."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class StudyKind(models.TextChoices):
    TUGAS = "tugas", _("Tugas belajar")
    IZIN = "izin", _("Izin belajar")


class StudyLevel(models.TextChoices):
    D1 = "D1", "D-I"
    D2 = "D2", "D-II"
    D3 = "D3", "D-III"
    D4 = "D4", "D-IV"
    S1 = "S1", "S1"
    S2 = "S2", "S2"
    S3 = "S3", "S3"


class EligibilityRule(BaseModel):
    """What a kind of study at a level asks of the ASN. A null limit is not checked."""

    kind = models.CharField(_("jenis"), max_length=8, choices=StudyKind.choices)
    level = models.CharField(_("jenjang"), max_length=2, choices=StudyLevel.choices)
    edition = models.CharField(_("dasar/edisi"), max_length=200)
    max_age = models.PositiveSmallIntegerField(_("batas usia"), null=True, blank=True)
    # Areas 3T (terdepan, terluar, tertinggal) and scarce posts: a higher limit.
    max_age_exception = models.PositiveSmallIntegerField(
        _("batas usia daerah 3T/jabatan langka"), null=True, blank=True
    )
    min_service_years = models.PositiveSmallIntegerField(_("masa kerja PNS minimal (tahun)"))
    # Sanction levels (ringan, sedang, berat) that refuse, comma separated.
    refused_sanctions = models.CharField(
        _("tingkat hukuman disiplin yang menolak"), max_length=40, default="sedang,berat"
    )
    # Calendar years before the date's year whose SKP must be at least Baik (0: not asked).
    skp_years = models.PositiveSmallIntegerField(_("tahun SKP yang diperiksa"), default=0)
    min_accreditation_rank = models.PositiveSmallIntegerField(
        _("peringkat akreditasi paling rendah"), null=True, blank=True
    )
    refuses_suspended = models.BooleanField(_("menolak yang diberhentikan sementara"), default=True)
    duration_years = models.PositiveSmallIntegerField(_("lama studi (tahun)"), default=2)
    # Extension with approval; beyond it, only as izin belajar.
    max_extension_months = models.PositiveSmallIntegerField(
        _("perpanjangan paling lama (bulan)"), default=12
    )
    # PP 11/2017 ps. 64: a tugas belajar longer than this leaves the post (the registry records
    # the release and the vacancy).
    release_after_months = models.PositiveSmallIntegerField(
        _("dibebaskan dari jabatan bila lebih dari (bulan)"), default=6
    )

    class Meta:
        verbose_name = _("syarat tugas/izin belajar")
        verbose_name_plural = _("syarat tugas/izin belajar")
        ordering = ["kind", "level"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "level"], name="studies_rule_kind_level")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.level}"

    @cached_property
    def refused_levels(self) -> frozenset[str]:
        return frozenset(p.strip() for p in self.refused_sanctions.split(",") if p.strip())


class AccreditationGrade(models.Model):
    """A grade of BAN-PT/LAM, old scale and new: rank 1 is the best."""

    code = models.SlugField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=40)
    rank = models.PositiveSmallIntegerField(_("peringkat"))

    class Meta:
        verbose_name = _("peringkat akreditasi")
        verbose_name_plural = _("peringkat akreditasi")
        ordering = ["rank", "code"]

    def __str__(self) -> str:
        return str(self.name)


class AccreditedProgram(BaseModel):
    """One programme of one institution with its accreditation (`garda import_accreditation`)."""

    institution = models.CharField(_("perguruan tinggi"), max_length=200)
    name = models.CharField(_("program studi"), max_length=200)
    level = models.CharField(_("jenjang"), max_length=2, choices=StudyLevel.choices)
    grade = models.ForeignKey(
        AccreditationGrade, verbose_name=_("akreditasi"), on_delete=models.PROTECT
    )
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    abroad = models.BooleanField(_("luar negeri"), default=False)

    class Meta:
        verbose_name = _("program studi terakreditasi")
        verbose_name_plural = _("program studi terakreditasi")
        ordering = ["institution", "name", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "name", "level"], name="studies_program_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.name} — {self.institution}"


class FundingKind(models.TextChoices):
    APBD_PROVINSI = "apbd_provinsi", _("APBD Provinsi")
    APBD_KABKOTA = "apbd_kabkota", _("APBD Kabupaten/Kota")
    LPDP = "lpdp", _("LPDP")
    KEMENTERIAN = "kementerian", _("Kementerian/lembaga")
    DONOR = "donor", _("Donor")
    MANDIRI = "mandiri", _("Biaya sendiri")


class FundingSource(BaseModel):
    """Who pays, and the service bond it asks: bond years = multiplier x study years + extra;
    a breach repays cost paid x months remaining ÷ months in total x repayment factor."""

    code = models.SlugField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=16, choices=FundingKind.choices)
    edition = models.CharField(_("dasar/edisi"), max_length=200, blank=True)
    bond_multiplier = models.DecimalField(
        _("pengali masa ikatan dinas"), max_digits=4, decimal_places=2, default=Decimal("2")
    )
    bond_extra_years = models.DecimalField(
        _("tambahan masa ikatan dinas (tahun)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
    )
    repayment_factor = models.DecimalField(
        _("faktor pengembalian biaya"), max_digits=4, decimal_places=2, default=Decimal("1")
    )

    class Meta:
        verbose_name = _("sumber dana")
        verbose_name_plural = _("sumber dana")
        ordering = ["name"]

    def __str__(self) -> str:
        return str(self.name)


class PangkatAdjustment(BaseModel):
    """Kenaikan pangkat penyesuaian ijazah (PP 12/2002 ps. 18): a diploma of `level` lets an
    ASN in golongan up to `max_golongan` rise to `to_golongan` after `min_years_in_rank`."""

    level = models.CharField(_("jenjang ijazah"), max_length=2, choices=StudyLevel.choices)
    max_golongan = models.CharField(_("golongan paling tinggi"), max_length=8)
    to_golongan = models.CharField(_("menjadi golongan"), max_length=8)
    min_years_in_rank = models.PositiveSmallIntegerField(_("masa dalam pangkat (tahun)"), default=1)
    needs_formasi = models.BooleanField(_("memerlukan formasi"), default=True)
    edition = models.CharField(_("dasar/edisi"), max_length=200)

    class Meta:
        verbose_name = _("kenaikan pangkat penyesuaian ijazah")
        verbose_name_plural = _("kenaikan pangkat penyesuaian ijazah")
        ordering = ["level"]
        constraints = [
            models.UniqueConstraint(fields=["level"], name="studies_pangkat_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.level}: {self.max_golongan} → {self.to_golongan}"
