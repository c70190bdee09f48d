"""The unit tree: instansi at the top, then OPD, then bidang/UPT/puskesmas."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class UnitKind(models.TextChoices):
    INSTANSI = "instansi", _("Instansi")
    OPD = "opd", _("OPD")
    BIDANG = "bidang", _("Bidang/Bagian")
    UPT = "upt", _("UPT")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    LAINNYA = "lainnya", _("Lainnya")


class Unit(BaseModel):
    """One node of the tree. `path` holds the ids from the root ("/1/7/42/") so a whole
    subtree is one indexed prefix query on SQLite and PostgreSQL alike."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(_("jalur"), max_length=255, db_index=True, editable=False, default="")
    active_from = models.DateField(_("aktif sejak"), null=True, blank=True)
    active_until = models.DateField(_("aktif sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_until__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_until__gte=models.F("active_from")),
                name="unit_active_dates_ordered",
            )
        ]

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def __str__(self) -> str:
        return self.name
