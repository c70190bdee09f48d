"""The vocabulary the JP ledger and the catalog share: the forms of competency development of
Peraturan LAN 10/2018. Rows, not constants, because a regulation may add or rename one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LearningCategory(models.TextChoices):
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    KLASIKAL = "klasikal", _("Pelatihan klasikal")
    NONKLASIKAL = "nonklasikal", _("Pelatihan nonklasikal")


class LearningForm(models.Model):
    """One form (bentuk) of competency development, e.g. "bimbingan teknis" or "coaching"."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120, unique=True)
    category = models.CharField(_("jenis"), max_length=12, choices=LearningCategory.choices)
    # Leadership training (PKN, PKA, PKP) requires an aksi perubahan in the workplace.
    is_leadership = models.BooleanField(_("pelatihan kepemimpinan"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("bentuk pengembangan kompetensi")
        verbose_name_plural = _("bentuk pengembangan kompetensi")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return str(self.name)
