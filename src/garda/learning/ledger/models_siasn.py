"""SIASN (BKN) export: how each learning form maps to SIASN's riwayat diklat (struktural) or
kursus, with BKN's reference ids kept as rows an admin fills in, and every push recorded."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class SiasnKind(models.TextChoices):
    DIKLAT = "diklat", _("Diklat struktural")
    KURSUS = "kursus", _("Kursus")


class SiasnMapping(models.Model):
    """One learning form's place in SIASN. The ids are BKN's reference codes (unknown until an
    admin copies them from BKN's reference tables); empty ones are sent as null."""

    form = models.OneToOneField(
        "ledger.LearningForm",
        verbose_name=_("bentuk"),
        on_delete=models.CASCADE,
        related_name="siasn_mapping",
    )
    kind = models.CharField(_("jenis riwayat SIASN"), max_length=6, choices=SiasnKind.choices)
    latihan_struktural_id = models.CharField(_("latihanStrukturalId"), max_length=40, blank=True)
    jenis_diklat_id = models.CharField(_("jenisDiklatId"), max_length=40, blank=True)
    jenis_kursus = models.CharField(_("jenisKursus"), max_length=80, blank=True)
    jenis_kompetensi = models.CharField(_("jenisKompetensi"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("pemetaan SIASN")
        verbose_name_plural = _("pemetaan SIASN")

    def __str__(self) -> str:
        return f"{self.form} → {self.kind}"


class PushStatus(models.TextChoices):
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")


class SiasnPush(BaseModel):
    """One attempt to send one ledger entry to SIASN, with BKN's answer."""

    entry = models.ForeignKey(
        "ledger.LedgerEntry", on_delete=models.CASCADE, related_name="siasn_pushes"
    )
    kind = models.CharField(_("jenis"), max_length=6, choices=SiasnKind.choices)
    status = models.CharField(_("status"), max_length=6, choices=PushStatus.choices)
    remote_id = models.CharField(_("id di SIASN"), max_length=80, blank=True)
    message = models.CharField(_("pesan"), max_length=500, blank=True)
    payload: models.JSONField[Any] = models.JSONField(_("data terkirim"), default=dict)
    actor = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pengiriman SIASN")
        verbose_name_plural = _("pengiriman SIASN")
        ordering = ["-created_at"]
        constraints = [
            # An entry is in SIASN once: a second successful push would duplicate the record.
            models.UniqueConstraint(
                fields=["entry"], condition=models.Q(status="sent"), name="siasn_push_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.status}"
