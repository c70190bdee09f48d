"""Certificates, who signs them, the keys that sign the Open Badges, and the per-user secret
of the training calendar feed."""

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
    # What the paper says as of issue: the signing official and the participant's golongan and
    # jabatan then (a later promotion or a new head of BPSDM does not rewrite a certificate).
    details = models.JSONField(_("rincian saat terbit"), default=dict, blank=True)

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


class CertificateSignatory(BaseModel):
    """Who signs the certificates of batches organised in a unit (or below it, unless a
    closer unit has its own): the head of BPSDM for the province, a kabupaten's head of BKPSDM.
    An admin edits it; each certificate keeps a copy of what it was at issue."""

    personal_fields: ClassVar[frozenset[str]] = frozenset({"nip"})

    unit = models.OneToOneField(
        "core.Unit", verbose_name=_("unit penyelenggara"), on_delete=models.PROTECT,
        related_name="certificate_signatory",
    )  # fmt: skip
    government = models.CharField(_("pemerintah"), max_length=120)
    institution = models.CharField(_("instansi penyelenggara"), max_length=200)
    address = models.CharField(_("alamat instansi"), max_length=250, blank=True)
    place = models.CharField(_("tempat penandatanganan"), max_length=60)
    position = models.CharField(_("jabatan penandatangan"), max_length=200)
    name = models.CharField(_("nama penandatangan"), max_length=200)
    pangkat = models.CharField(_("pangkat/golongan penandatangan"), max_length=80, blank=True)
    nip = models.CharField(_("NIP penandatangan"), max_length=18)
    emblem = models.FileField(
        _("lambang/logo (PNG, JPG atau SVG)"), upload_to="learning/emblems/", blank=True
    )

    class Meta:
        verbose_name = _("penandatangan sertifikat")
        verbose_name_plural = _("penandatangan sertifikat")

    def __str__(self) -> str:
        return f"{self.position}: {self.name}"


class BadgeKey(BaseModel):
    """A public key that has signed Open Badges. The private half of the current key lives in
    GARDA_BADGE_KEY_FILE; every key stays listed in the issuer's DID document after rotation,
    so badges signed before still verify, unless it was withdrawn (compromised)."""

    key_id = models.CharField(_("id kunci"), max_length=32, unique=True)
    public_key_multibase = models.CharField(_("kunci publik (multibase)"), max_length=80)
    retired_at = models.DateTimeField(_("diganti"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ditarik"), null=True, blank=True)

    class Meta:
        verbose_name = _("kunci lencana")
        verbose_name_plural = _("kunci lencana")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.key_id
