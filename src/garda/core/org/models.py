"""The unit tree's models. Imported by `garda.core.models` so Django registers them in core."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
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
        # The table keeps the name it had when the tree lived in `people`, so existing
        # databases move the model without copying a row (docs/decisions/0007).
        db_table = "people_unit"
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        indexes = [models.Index(Lower("name"), name="unit_name_lower")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_until__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_until__gte=models.F("active_from")),
                name="unit_active_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        # With its government: a form's choice, a filter or a list cell built from str(unit)
        # must say whose "Dinas Kesehatan" it is (core/org/labels.py).
        from garda.core.org.labels import unit_label  # labels imports this module

        return unit_label(self)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1


class UnitHistory(models.Model):
    """What a unit was called and where it hung before a rename or a move."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="history")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    parent = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    valid_until = models.DateField(_("berlaku sampai"))
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        db_table = "people_unithistory"
        verbose_name = _("riwayat unit")
        verbose_name_plural = _("riwayat unit")
        ordering = ["unit", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.name} (s.d. {self.valid_until})"
