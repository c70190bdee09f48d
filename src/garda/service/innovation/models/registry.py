"""The innovation registry: an innovation of a unit, its team, evidence, replications and the
yearly "masih berjalan?" check."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class Stage(models.TextChoices):
    """Stages of the Indeks Inovasi Daerah."""

    INISIATIF = "inisiatif", _("Inisiatif")
    UJI_COBA = "uji_coba", _("Uji coba")
    PENERAPAN = "penerapan", _("Penerapan")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")


class Sector(models.TextChoices):
    """Urusan pemerintahan the innovation serves (the showcase's filter)."""

    KESEHATAN = "kesehatan", _("Kesehatan")
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    KEPEGAWAIAN = "kepegawaian", _("Kepegawaian")
    ADMINDUK = "adminduk", _("Administrasi kependudukan")
    PERIZINAN = "perizinan", _("Perizinan")
    SOSIAL = "sosial", _("Sosial")
    EKONOMI = "ekonomi", _("Ekonomi dan UMKM")
    INFORMASI = "informasi", _("Informasi publik")
    LAINNYA = "lainnya", _("Lainnya")


class Kind(models.TextChoices):
    DIGITAL = "digital", _("Digital")
    NON_DIGITAL = "non_digital", _("Non-digital")


class Form(models.TextChoices):
    TATA_KELOLA = "tata_kelola", _("Tata kelola pemerintahan daerah")
    PELAYANAN = "pelayanan", _("Pelayanan publik")
    LAINNYA = "lainnya", _("Lainnya")


class Innovation(BaseModel):
    title = models.CharField(_("nama inovasi"), max_length=200)
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="innovations"
    )
    # The kabupaten/kota or province government the unit belongs to (set by the services from
    # the unit's path): the showcase, the map and the IID group by it.
    instansi = models.ForeignKey(
        "core.Unit",
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        related_name="innovations_in_area",
    )
    author = models.ForeignKey(
        "core.User",
        verbose_name=_("pengusul"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="innovations",
    )
    # The aksi perubahan this draft came from (learning.ChangeProject), at most one innovation.
    change_project = models.OneToOneField(
        "learning.ChangeProject",
        verbose_name=_("aksi perubahan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="innovation",
    )
    problem = models.TextField(_("masalah"), blank=True)
    idea = models.TextField(_("gagasan"), blank=True)
    change = models.TextField(_("yang berubah"), blank=True)
    beneficiaries = models.TextField(_("penerima manfaat"), blank=True)
    beneficiary_count = models.PositiveIntegerField(_("jumlah penerima manfaat"), default=0)
    cost = models.PositiveBigIntegerField(_("biaya (rupiah)"), default=0)
    sector = models.CharField(
        _("urusan"), max_length=16, choices=Sector.choices, default=Sector.LAINNYA
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, default=Kind.DIGITAL)
    form = models.CharField(
        _("bentuk"), max_length=12, choices=Form.choices, default=Form.PELAYANAN
    )
    stage = models.CharField(
        _("tahapan"), max_length=10, choices=Stage.choices, default=Stage.INISIATIF
    )
    initiated_on = models.DateField(_("mulai inisiatif"), null=True, blank=True)
    trial_on = models.DateField(_("mulai uji coba"), null=True, blank=True)
    applied_on = models.DateField(_("mulai penerapan"), null=True, blank=True)
    mentor_name = models.CharField(_("mentor"), max_length=200, blank=True)
    coach_name = models.CharField(_("coach"), max_length=200, blank=True)
    video_url = models.URLField(_("tautan video"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Set when the yearly check is answered "no": the innovation stays registered but leaves
    # the index and the showcase's running list.
    stopped_on = models.DateField(_("berhenti sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("inovasi")
        verbose_name_plural = _("inovasi")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["status", "instansi"], name="innovation_status_area")]
        constraints = [
            models.CheckConstraint(
                condition=Q(trial_on__isnull=True)
                | Q(initiated_on__isnull=True)
                | Q(trial_on__gte=models.F("initiated_on")),
                name="innovation_trial_after_initiative",
            ),
            models.CheckConstraint(
                condition=Q(applied_on__isnull=True)
                | Q(trial_on__isnull=True)
                | Q(applied_on__gte=models.F("trial_on")),
                name="innovation_applied_after_trial",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TeamMember(BaseModel):
    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("nama"), max_length=200)
    role = models.CharField(_("peran dalam tim"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("anggota tim")
        verbose_name_plural = _("anggota tim")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["innovation", "name"], name="innovation_member_once")
        ]

    def __str__(self) -> str:
        return self.name


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", _("Dokumen")
    PHOTO = "photo", _("Foto")
    VIDEO = "video", _("Video")
    LINK = "link", _("Tautan")


class Evidence(BaseModel):
    """A document, photo or link; `indicator` when it supports one IID indicator."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="evidence")
    indicator = models.ForeignKey(
        "innovation.IidIndicator",
        verbose_name=_("indikator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(_("berkas"), upload_to="innovation/evidence/", blank=True)
    url = models.URLField(_("tautan"), blank=True)

    class Meta:
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="innovation_evidence_has_content"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Replication(BaseModel):
    """Another unit took the innovation over."""

    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, related_name="replications"
    )
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    replicated_on = models.DateField(_("tanggal replikasi"))
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("replikasi")
        verbose_name_plural = _("replikasi")
        ordering = ["replicated_on"]
        constraints = [
            models.UniqueConstraint(fields=["innovation", "unit"], name="innovation_replica_once")
        ]

    def __str__(self) -> str:
        return f"{self.innovation} → {self.unit}"


class ActivityCheck(BaseModel):
    """The yearly "masih berjalan?" question; unanswered until `answered_at`."""

    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, related_name="activity_checks"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    is_running = models.BooleanField(_("masih berjalan"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    answered_at = models.DateTimeField(_("dijawab"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pemeriksaan keberlanjutan")
        verbose_name_plural = _("pemeriksaan keberlanjutan")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["innovation", "year"], name="innovation_check_yearly")
        ]

    def __str__(self) -> str:
        return f"{self.innovation} {self.year}"
