"""Learning an ASN did outside Garda (MOOC, seminar, coaching, e-learning …), submitted with
evidence and verified by an admin before it earns JP."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu verifikasi")
    APPROVED = "approved", _("Disetujui")
    REFUSED = "refused", _("Ditolak")


class ExternalLearning(BaseModel):
    personal_fields: ClassVar[frozenset[str]] = frozenset()

    employee = models.ForeignKey(
        "people.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="external_learning",
    )
    submitted_by = models.ForeignKey(
        "core.User", verbose_name=_("diajukan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.ForeignKey(
        "ledger.LearningForm", verbose_name=_("bentuk"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("nama kegiatan"), max_length=250)
    provider = models.CharField(_("penyelenggara"), max_length=200)
    started_on = models.DateField(_("tanggal mulai"))
    finished_on = models.DateField(_("tanggal selesai"))
    # Days, sessions or semesters, whichever the form's rule counts; 0 = from the dates.
    quantity = models.PositiveSmallIntegerField(_("jumlah sesi/hari/semester"), default=0)
    stated_jp = models.DecimalField(
        _("JP pada sertifikat"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    abroad = models.BooleanField(_("di luar negeri"), default=False)
    certificate_number = models.CharField(_("nomor sertifikat"), max_length=120, blank=True)
    evidence = models.FileField(_("bukti"), upload_to="ledger/external/%Y/")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    decided_by = models.ForeignKey(
        "core.User",
        verbose_name=_("diverifikasi oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    refusal_reason = models.CharField(_("alasan penolakan"), max_length=300, blank=True)
    entry = models.OneToOneField(
        "ledger.LedgerEntry",
        verbose_name=_("catatan JP"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submission",
    )

    class Meta:
        verbose_name = _("pembelajaran eksternal")
        verbose_name_plural = _("pembelajaran eksternal")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "employee"], name="external_status_employee")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finished_on__gte=models.F("started_on")),
                name="external_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title
