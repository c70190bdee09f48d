"""Enrolment: who takes part in a batch, the approvals on the way, and their documents."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel
from garda.learning.models.catalog import ApprovalStep, Batch


class EnrollmentStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu persetujuan")
    APPROVED = "approved", _("Terdaftar")
    WAITLISTED = "waitlisted", _("Daftar tunggu")
    REFUSED = "refused", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")
    COMPLETED = "completed", _("Lulus")
    NOT_COMPLETED = "not_completed", _("Tidak lulus")


# Statuses that hold a seat; waitlisted people hold none until promoted.
SEAT_HOLDING = (EnrollmentStatus.PENDING, EnrollmentStatus.APPROVED, EnrollmentStatus.COMPLETED,
                EnrollmentStatus.NOT_COMPLETED)  # fmt: skip
ACTIVE = (*SEAT_HOLDING, EnrollmentStatus.WAITLISTED)


class Enrollment(BaseModel):
    personal_fields: ClassVar[frozenset[str]] = frozenset({"refusal_reason"})
    batch = models.ForeignKey(
        Batch, verbose_name=_("angkatan"), on_delete=models.PROTECT, related_name="enrollments"
    )
    employee = models.ForeignKey(
        "people.Employee",
        verbose_name=_("peserta"),
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    status = models.CharField(_("status"), max_length=14, choices=EnrollmentStatus.choices)
    nominated_by = models.ForeignKey(
        "core.User",
        verbose_name=_("diusulkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Order of the waitlist: the database numbers it, not the process.
    waitlisted_at = models.DateTimeField(_("masuk daftar tunggu"), null=True, blank=True)
    refusal_reason = models.TextField(_("alasan penolakan"), blank=True)
    completed_at = models.DateTimeField(_("dinyatakan lulus"), null=True, blank=True)

    class Meta:
        verbose_name = _("pendaftaran")
        verbose_name_plural = _("pendaftaran")
        ordering = ["batch", "created_at"]
        indexes = [models.Index(fields=["batch", "status"])]
        constraints = [
            # One live registration per person and batch; a refused one may be filed again.
            models.UniqueConstraint(
                fields=["batch", "employee"],
                condition=~Q(status__in=["refused", "cancelled"]),
                name="learning_enrollment_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.batch}"


class ApprovalDecision(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    APPROVED = "approved", _("Disetujui")
    REFUSED = "refused", _("Ditolak")


class EnrollmentApproval(BaseModel):
    """One step of the chain, created at registration for each step the program turns on."""

    personal_fields: ClassVar[frozenset[str]] = frozenset({"reason"})

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="approvals")
    step = models.CharField(_("tahap"), max_length=10, choices=ApprovalStep.choices)
    order = models.PositiveSmallIntegerField(_("urutan"))
    decision = models.CharField(
        _("keputusan"), max_length=10, choices=ApprovalDecision.choices,
        default=ApprovalDecision.PENDING,
    )  # fmt: skip
    decided_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)

    class Meta:
        verbose_name = _("persetujuan pendaftaran")
        verbose_name_plural = _("persetujuan pendaftaran")
        ordering = ["enrollment", "order"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "step"], name="learning_approval_step"),
            models.CheckConstraint(
                condition=~Q(decision="refused") | ~Q(reason=""),
                name="learning_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.get_decision_display()}"


class DocumentStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu pemeriksaan")
    ACCEPTED = "accepted", _("Diterima")
    REJECTED = "rejected", _("Ditolak")


class EnrollmentDocument(BaseModel):
    """A required document (surat tugas), checked by an admin."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("jenis dokumen"), max_length=40, default="surat_tugas")
    file = models.FileField(_("berkas"), upload_to="learning/documents/%Y/%m/")
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices,
        default=DocumentStatus.SUBMITTED,
    )  # fmt: skip
    checked_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("catatan pemeriksa"), blank=True)

    class Meta:
        verbose_name = _("dokumen pendaftaran")
        verbose_name_plural = _("dokumen pendaftaran")
        ordering = ["enrollment", "-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} ({self.get_status_display()})"
