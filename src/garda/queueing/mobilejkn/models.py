"""What the bridge keeps: each puskesmas's credentials for Mobile JKN and for BPJS, the patients
Mobile JKN registered, and the outbox of calls owed to BPJS."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel
from garda.queueing.models import Facility, Ticket


class FacilityBridge(BaseModel):
    """One per puskesmas that BPJS knows. Inbound: the username/password Mobile JKN signs in
    with at /mobilejkn/<code>/auth (password hashed). Outbound: consid, secret and user_key
    BPJS issued to the puskesmas (the secret must stay readable: it keys the HMAC)."""

    personal_fields: ClassVar[frozenset[str]] = frozenset({"password", "cons_secret", "user_key"})

    facility = models.OneToOneField(
        Facility, verbose_name=_("puskesmas"), on_delete=models.CASCADE, related_name="bridge"
    )
    username = models.CharField(_("nama pengguna Mobile JKN"), max_length=100)
    password = models.CharField(_("kata sandi (hash)"), max_length=200)
    # Raised on every password change: tokens carry it, so old tokens stop working at once.
    token_version = models.PositiveIntegerField(_("versi token"), default=1)
    outbound_enabled = models.BooleanField(_("kirim antrean ke BPJS"), default=False)
    bpjs_base_url = models.URLField(_("alamat WS Antrean FKTP BPJS"), blank=True)
    cons_id = models.CharField(_("cons-id"), max_length=50, blank=True)
    cons_secret = models.CharField(_("secret key"), max_length=200, blank=True)
    user_key = models.CharField(_("user key"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("jembatan Mobile JKN")
        verbose_name_plural = _("jembatan Mobile JKN")

    def __str__(self) -> str:
        return f"{self.facility.code} ({self.username})"

    def audit_label(self) -> str:
        """Its name in the public audit log: the username is half of the credentials."""
        return f"Jembatan Mobile JKN {self.facility.code}"


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Patient(BaseModel):
    """A BPJS participant registered at a puskesmas through POST /peserta (after a 202)."""

    personal_fields: ClassVar[frozenset[str]] = frozenset(
        {"card_number", "nik", "family_card", "name", "sex", "birth_date", "address", "rt", "rw"}
    )

    facility = models.ForeignKey(
        Facility, verbose_name=_("puskesmas"), on_delete=models.CASCADE, related_name="patients"
    )
    card_number = models.CharField(_("nomor kartu BPJS"), max_length=13)
    nik = models.CharField(_("NIK"), max_length=16)
    family_card = models.CharField(_("nomor KK"), max_length=16)
    name = models.CharField(_("nama"), max_length=200)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    address = models.TextField(_("alamat"), blank=True)
    region: models.JSONField[Any] = models.JSONField(
        _("wilayah (kode dan nama prop/dati2/kec/kel)"), default=dict, blank=True
    )
    rw = models.CharField(_("RW"), max_length=5, blank=True)
    rt = models.CharField(_("RT"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("peserta Mobile JKN")
        verbose_name_plural = _("peserta Mobile JKN")
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "card_number"], name="mobilejkn_patient_card_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facility.code} peserta #{self.pk}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu kirim")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal (ditolak BPJS atau batas percobaan)")


class OutboxMessage(BaseModel):
    """A call owed to BPJS, written in the same transaction as the ticket change it reports,
    so it exists exactly when the change does; delivered later with retries."""

    personal_fields: ClassVar[frozenset[str]] = frozenset({"payload"})

    facility = models.ForeignKey(
        Facility, verbose_name=_("puskesmas"), on_delete=models.CASCADE, related_name="+"
    )
    ticket = models.ForeignKey(
        Ticket,
        verbose_name=_("tiket"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("panggilan"), max_length=32)  # antrean/add, /panggil, /batal
    payload: models.JSONField[Any] = models.JSONField(_("isi"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("coba lagi pada"))
    last_error = models.TextField(_("galat terakhir"), blank=True)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("kiriman ke BPJS")
        verbose_name_plural = _("kiriman ke BPJS")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="mobilejkn_outbox_due"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class AuthFailures(models.Model):
    """Failed Mobile JKN sign-ins (GET /auth) of one puskesmas and one username as typed, in
    the database so every server process counts the same attempts. The username is kept as
    a keyed digest: what was typed may be a password sent in the wrong header."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="+")
    username_digest = models.CharField(max_length=64)
    # Attempts counted in the current window, those still being checked included (see
    # services/throttle.py); a correct password takes its own back.
    failures = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "username_digest"], name="mobilejkn_auth_failures_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facility_id}: {self.failures}"
