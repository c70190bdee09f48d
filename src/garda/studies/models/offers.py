"""Offers of further study (a scholarship, a year's quota) and their candidates."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel
from garda.studies.models.rules import FundingSource, StudyKind, StudyLevel


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Diumumkan")
    CLOSED = "closed", _("Ditutup")


class StudyOffer(BaseModel):
    owner_unit = models.ForeignKey(
        "core.Unit", verbose_name=_("penyelenggara"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("judul"), max_length=200)
    year = models.PositiveSmallIntegerField(_("tahun"))
    kind = models.CharField(_("jenis"), max_length=8, choices=StudyKind.choices)
    level = models.CharField(_("jenjang"), max_length=2, choices=StudyLevel.choices)
    funding_source = models.ForeignKey(
        FundingSource, verbose_name=_("sumber dana"), on_delete=models.PROTECT
    )
    field = models.CharField(_("bidang ilmu"), max_length=200)
    target_programs = models.TextField(_("program studi sasaran"), blank=True)
    quota = models.PositiveIntegerField(_("kuota"))
    budget_per_person = models.DecimalField(
        _("biaya per orang"), max_digits=14, decimal_places=0, default=0
    )
    # [{"key": "masa_kerja", "weight": 30}, ...]: what the shortlist ranks by (data).
    criteria: models.JSONField[Any] = models.JSONField(_("kriteria dan bobot"), default=list)
    exception_3t = models.BooleanField(_("formasi daerah 3T/jabatan langka"), default=False)
    opens_on = models.DateField(_("dibuka"))
    closes_on = models.DateField(_("ditutup"))
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )

    class Meta:
        verbose_name = _("penawaran studi")
        verbose_name_plural = _("penawaran studi")
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="studies_offer_window",
            )
        ]

    def __str__(self) -> str:
        return str(self.title)


class ProposedBy(models.TextChoices):
    OPD = "opd", _("Diusulkan OPD")
    SELF = "self", _("Mendaftar sendiri")


class StudyCandidate(BaseModel):
    offer = models.ForeignKey(StudyOffer, on_delete=models.CASCADE, related_name="candidates")
    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.CharField(_("asal usulan"), max_length=4, choices=ProposedBy.choices)
    eligible = models.BooleanField(_("memenuhi syarat"), default=False)
    reasons: models.JSONField[Any] = models.JSONField(_("alasan"), default=list)
    # None: the talent or competency data was not available when flagged.
    box_seven = models.BooleanField(_("kotak 7 talenta"), null=True, blank=True)
    competency_gap = models.BooleanField(_("kesenjangan kompetensi"), null=True, blank=True)
    score = models.DecimalField(_("nilai"), max_digits=7, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("calon penerima")
        verbose_name_plural = _("calon penerima")
        ordering = ["offer", "-eligible", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "employee"], name="studies_candidate_once")
        ]

    def __str__(self) -> str:
        return f"{self.offer} — {self.employee_id}"
