"""JP conversion rules and yearly targets: numbers a regulation may change, so rows an admin
edits (seeded from the Peraturan LAN 10/2018 annex by migration), never constants."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleUnit(models.TextChoices):
    SEMESTER = "semester", _("per semester")
    DAY = "day", _("per hari")
    SESSION = "session", _("per sesi")
    ACTIVITY = "activity", _("per kegiatan")
    STATED = "stated", _("sesuai sertifikat")


class ConversionRule(models.Model):
    """How one form of learning converts into JP."""

    form = models.OneToOneField(
        "ledger.LearningForm",
        verbose_name=_("bentuk"),
        on_delete=models.CASCADE,
        related_name="conversion_rule",
    )
    unit = models.CharField(_("satuan"), max_length=10, choices=RuleUnit.choices)
    jp_per_unit = models.DecimalField(
        _("JP per satuan"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    # Across all of the ASN's entries of this form on the same day.
    cap_per_day = models.DecimalField(
        _("batas JP per hari"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    # Across all of the ASN's entries of this form in the same calendar month.
    cap_sessions_per_month = models.PositiveSmallIntegerField(
        _("batas sesi per bulan"), null=True, blank=True
    )
    abroad_bonus_percent = models.DecimalField(
        _("tambahan luar negeri (%)"), max_digits=5, decimal_places=1, default=20
    )
    note = models.CharField(_("catatan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("aturan konversi JP")
        verbose_name_plural = _("aturan konversi JP")
        ordering = ["form__order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit="stated") | models.Q(jp_per_unit__isnull=False),
                name="conversion_rule_unit_needs_jp",
                violation_error_message=_(
                    'Isi JP per satuan; hanya satuan "sesuai sertifikat" yang boleh kosong.'
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.form}: {self.get_unit_display()}"


class JPTarget(models.Model):
    """The JP an employee kind must reach in a year, from `valid_from_year` until a later row.
    `max_jp` records an entitlement ceiling where a regulation sets one (PPPK: 24 per year)."""

    employee_kind = models.CharField(
        _("jenis pegawai"), max_length=4, choices=[("pns", "PNS"), ("pppk", "PPPK")]
    )
    valid_from_year = models.PositiveSmallIntegerField(_("berlaku mulai tahun"))
    target_jp = models.DecimalField(_("target JP"), max_digits=5, decimal_places=1)
    max_jp = models.DecimalField(
        _("paling banyak JP"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    basis = models.CharField(_("dasar hukum"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("target JP")
        verbose_name_plural = _("target JP")
        ordering = ["employee_kind", "-valid_from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee_kind", "valid_from_year"], name="jp_target_kind_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee_kind} {self.valid_from_year}: {self.target_jp}"
