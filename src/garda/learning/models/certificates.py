"""Certificates and the per-user secret of the training calendar feed."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel
from garda.learning.models.enrolment import Enrollment


class Certificate(BaseModel):
    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.PROTECT, related_name="certificate"
    )
    # Printed on the paper and in the QR; the database keeps it unique.
    code = models.CharField(_("nomor sertifikat"), max_length=32, unique=True)
    issued_at = models.DateTimeField(_("diterbitkan"))
    pdf = models.FileField(_("berkas PDF"), upload_to="learning/certificates/%Y/", blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_reason = models.TextField(_("alasan pencabutan"), blank=True)

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class CalendarToken(BaseModel):
    """The secret in a user's calendar subscription URL; replaced to revoke old links."""

    secret_fields: ClassVar[frozenset[str]] = frozenset({"token"})  # opens the user's feed

    user = models.OneToOneField("core.User", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("token kalender")
        verbose_name_plural = _("token kalender")

    def __str__(self) -> str:
        return f"{self.user}"
