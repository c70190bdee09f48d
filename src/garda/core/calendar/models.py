"""The calendar an admin_provinsi keeps: the non-working days of each year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class NonWorkingKind(models.TextChoices):
    LIBUR_NASIONAL = "libur_nasional", _("Libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")


class NonWorkingDay(BaseModel):
    """A weekday (or weekend day, for the record) on which government offices are closed."""

    date = models.DateField(_("tanggal"), unique=True)
    kind = models.CharField(_("jenis"), max_length=16, choices=NonWorkingKind.choices)
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        app_label = "core"
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
