"""Individual development plans (IDP) per ASN and year, the non-classical forms a plan may
propose, and the batches BPSDM created from the province plan."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from garda.competency.models.dictionary import Competency
from garda.core.models import BaseModel


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    RETURNED = "returned", _("Dikembalikan")


class DevelopmentOption(models.Model):
    """A non-classical form a plan may propose (coaching, mentoring, e-learning, magang), with
    the JP and cost a plan assumes for it. Data: an admin edits it."""

    form = models.OneToOneField(
        "ledger.LearningForm", verbose_name=_("bentuk"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("nama"), max_length=150)
    jp = models.PositiveSmallIntegerField(_("JP"))
    cost = models.PositiveBigIntegerField(_("biaya (Rp)"), default=0)
    edition = models.CharField(_("edisi"), max_length=120)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("bentuk pengembangan nonklasikal")
        verbose_name_plural = _("bentuk pengembangan nonklasikal")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class DevelopmentPlan(BaseModel):
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="development_plans"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    note = models.TextField(_("catatan atasan"), blank=True)

    class Meta:
        verbose_name = _("rencana pengembangan individu")
        verbose_name_plural = _("rencana pengembangan individu")
        ordering = ["-year", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="competency_plan_unique")
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"IDP {self.year} #{self.employee_id}"


class PlanItem(BaseModel):
    """One development activity of a plan: a catalog program or a non-classical form."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    competency = models.ForeignKey(
        Competency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gap = models.SmallIntegerField(_("kesenjangan saat disusun"), null=True, blank=True)
    program = models.ForeignKey(
        "learning.Program", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    option = models.ForeignKey(
        DevelopmentOption, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("kegiatan"), max_length=200)
    jp = models.PositiveSmallIntegerField(_("JP"))
    cost = models.PositiveBigIntegerField(_("biaya (Rp)"), default=0)

    class Meta:
        verbose_name = _("kegiatan pengembangan")
        verbose_name_plural = _("kegiatan pengembangan")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(program__isnull=False) & Q(option__isnull=True))
                | (Q(program__isnull=True) & Q(option__isnull=False)),
                name="competency_item_program_or_option",
            ),
            models.UniqueConstraint(
                fields=["plan", "program"],
                condition=Q(program__isnull=False),
                name="competency_item_program_once",
            ),
            models.UniqueConstraint(
                fields=["plan", "option", "competency"],
                condition=Q(option__isnull=False),
                name="competency_item_option_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanBatch(BaseModel):
    """A batch BPSDM created from a line (year, program) of the province plan."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    program = models.ForeignKey("learning.Program", on_delete=models.PROTECT, related_name="+")
    batch = models.OneToOneField("learning.Batch", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("angkatan dari rencana")
        verbose_name_plural = _("angkatan dari rencana")
        indexes = [models.Index(fields=["year", "program"])]

    def __str__(self) -> str:
        return f"{self.year} {self.program_id} -> {self.batch_id}"
