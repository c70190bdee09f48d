"""PPID: the list of public information (DIP), information requests and objections (UU 14/2008,
Perki 1/2021), and the deadlines the law sets, kept as data an admin can change."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The working-day calendar's table lives in core; importing it here registers it with the app
# registry while core.models does not import it yet.
from garda.core.calendar import NonWorkingDay  # noqa: F401
from garda.core.models import BaseModel

__all__ = [
    "Channel",
    "CopyDelivery",
    "Decision",
    "ExemptionArticle",
    "InformationCategory",
    "InformationItem",
    "InformationRequest",
    "Objection",
    "ObjectionOutcome",
    "ObjectionReason",
    "ObtainMethod",
    "ParameterKey",
    "RegulationParameter",
    "RequestStatus",
    "RequesterKind",
]


def mask_name(name: str) -> str:
    """`Budi Santoso` -> `B*** S***`: enough for a requester to recognise their request, too
    little to identify them (public tracking page, API)."""
    return " ".join(f"{word[:1]}***" for word in name.split()) or "***"


class InformationCategory(models.TextChoices):
    BERKALA = "berkala", _("Berkala")
    SERTA_MERTA = "serta_merta", _("Serta-merta")
    SETIAP_SAAT = "setiap_saat", _("Setiap saat")
    DIKECUALIKAN = "dikecualikan", _("Dikecualikan")


class ExemptionArticle(models.TextChoices):
    """Pasal 17 UU 14/2008: the only grounds on which information may be withheld."""

    A = "17a", _("Pasal 17 huruf a — menghambat proses penegakan hukum")
    B = "17b", _("Pasal 17 huruf b — mengganggu perlindungan HKI dan persaingan usaha sehat")
    C = "17c", _("Pasal 17 huruf c — membahayakan pertahanan dan keamanan negara")
    D = "17d", _("Pasal 17 huruf d — mengungkapkan kekayaan alam Indonesia")
    E = "17e", _("Pasal 17 huruf e — merugikan ketahanan ekonomi nasional")
    F = "17f", _("Pasal 17 huruf f — merugikan kepentingan hubungan luar negeri")
    G = "17g", _("Pasal 17 huruf g — mengungkap isi akta otentik pribadi atau wasiat")
    H = "17h", _("Pasal 17 huruf h — mengungkap rahasia pribadi")
    I = "17i", _("Pasal 17 huruf i — memorandum antar/intra badan publik yang dirahasiakan")  # noqa: E741
    J = "17j", _("Pasal 17 huruf j — tidak boleh diungkapkan berdasarkan undang-undang")


class InformationItem(BaseModel):
    """One line of the Daftar Informasi Publik of an instansi/OPD."""

    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("instansi/OPD"),
        on_delete=models.PROTECT,
        related_name="ppid_information_items",
    )
    title = models.CharField(_("judul informasi"), max_length=300)
    summary = models.TextField(_("ringkasan isi informasi"), blank=True)
    category = models.CharField(_("kategori"), max_length=16, choices=InformationCategory.choices)
    responsible = models.CharField(_("penanggung jawab"), max_length=200, blank=True)
    form = models.CharField(
        _("bentuk informasi"), max_length=100, blank=True, help_text=_("Mis. cetak, elektronik.")
    )
    period = models.CharField(_("waktu pembuatan/periode"), max_length=100, blank=True)
    retention = models.CharField(_("jangka waktu penyimpanan"), max_length=100, blank=True)
    link = models.URLField(_("tautan"), blank=True)
    # The published document itself, so information already public is downloaded at once
    # instead of asked for with a 10-working-day request (issue 16).
    document = models.FileField(_("dokumen"), upload_to="ppid/dip/%Y/", blank=True)
    exemption_article = models.CharField(
        _("pasal pengecualian"), max_length=4, choices=ExemptionArticle.choices, blank=True
    )
    legal_basis = models.CharField(_("dasar hukum lain"), max_length=300, blank=True)
    consequence_test = models.TextField(_("uji konsekuensi"), blank=True)
    exempt_until = models.DateField(_("dikecualikan sampai"), null=True, blank=True)
    is_published = models.BooleanField(_("ditampilkan"), default=True)

    class Meta:
        verbose_name = _("informasi publik")
        verbose_name_plural = _("daftar informasi publik")
        ordering = ["category", "title"]
        indexes = [models.Index(fields=["category", "is_published"], name="ppid_item_category")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="dikecualikan")
                | (~Q(exemption_article="") & ~Q(consequence_test="")),
                name="ppid_item_exempt_has_basis",
                violation_error_message=_(
                    "Informasi dikecualikan wajib menyebut pasal pengecualian dan uji "
                    "konsekuensinya."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title


class ParameterKey(models.TextChoices):
    RESPONSE_DAYS = "response_days", _("Jawaban atas permohonan")
    EXTENSION_DAYS = "extension_days", _("Perpanjangan jawaban")
    OBJECTION_WINDOW_DAYS = "objection_window_days", _("Pengajuan keberatan")
    OBJECTION_ANSWER_DAYS = "objection_answer_days", _("Tanggapan atasan PPID atas keberatan")
    DISPUTE_WINDOW_DAYS = "dispute_window_days", _("Pengajuan sengketa ke Komisi Informasi")


class RegulationParameter(BaseModel):
    """A deadline the regulation sets, in working days. Seeded by migration; when the law
    changes, an admin_provinsi changes the number, not the code."""

    key = models.CharField(_("parameter"), max_length=40, unique=True, choices=ParameterKey.choices)
    value = models.PositiveSmallIntegerField(_("hari kerja"))
    legal_basis = models.CharField(_("dasar hukum"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("parameter regulasi")
        verbose_name_plural = _("parameter regulasi")
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=1) & Q(value__lte=365), name="ppid_parameter_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.value}"


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    PROCESSING = "processing", _("Diproses")
    DECIDED = "decided", _("Selesai")


class Decision(models.TextChoices):
    GRANTED = "granted", _("Dikabulkan seluruhnya")
    PARTLY = "partly", _("Dikabulkan sebagian")
    REFUSED = "refused", _("Ditolak")
    NOT_HELD = "not_held", _("Informasi tidak dikuasai")


class Channel(models.TextChoices):
    ONLINE = "online", _("Daring")
    PAPER = "paper", _("Tertulis (datang langsung/surat)")


class RequesterKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Perorangan")
    GROUP = "group", _("Kelompok orang")
    ORGANISATION = "organisation", _("Badan hukum/organisasi")


class ObtainMethod(models.TextChoices):
    VIEW = "view", _("Melihat, membaca, mendengarkan, atau mencatat")
    COPY = "copy", _("Mendapatkan salinan (cetak/elektronik)")


class CopyDelivery(models.TextChoices):
    PICKUP = "pickup", _("Mengambil langsung")
    POST = "post", _("Pos/kurir")
    EMAIL = "email", _("Email")


class InformationRequest(BaseModel):
    """A request for public information, from receipt to decision."""

    # The requester's own words are masked too: the audit log's entries are published for
    # public verification, and free text can carry anything about the person who wrote it.
    personal_fields: ClassVar[frozenset[str]] = frozenset(
        {"requester_name", "requester_nik", "address", "phone", "email", "details", "purpose"}
    )
    # The tracking code lets its holder follow the request and object: never in the public log.
    secret_fields: ClassVar[frozenset[str]] = frozenset({"tracking_code"})

    tracking_code = models.CharField(_("kode pelacakan"), max_length=20, unique=True)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("instansi/OPD tujuan"),
        on_delete=models.PROTECT,
        related_name="ppid_requests",
    )
    channel = models.CharField(_("cara masuk"), max_length=8, choices=Channel.choices)
    requester_kind = models.CharField(
        _("jenis pemohon"), max_length=16, choices=RequesterKind.choices
    )
    requester_name = models.CharField(_("nama pemohon"), max_length=200)
    requester_nik = models.CharField(_("NIK"), max_length=16, blank=True)
    organisation = models.CharField(_("nama badan hukum/kelompok"), max_length=200, blank=True)
    address = models.TextField(_("alamat"))
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    details = models.TextField(_("rincian informasi yang dibutuhkan"))
    purpose = models.TextField(_("tujuan penggunaan informasi"))
    obtain_method = models.CharField(
        _("cara memperoleh informasi"), max_length=8, choices=ObtainMethod.choices
    )
    copy_delivery = models.CharField(
        _("cara mendapatkan salinan"), max_length=8, choices=CopyDelivery.choices, blank=True
    )
    consent_at = models.DateTimeField(_("persetujuan pemohon"), null=True, blank=True)

    received_on = models.DateField(_("tanggal diterima"))
    original_due_on = models.DateField(_("batas waktu awal"))
    due_on = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    recorded_by = models.ForeignKey(
        "core.User", verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    processed_on = models.DateField(_("mulai diproses"), null=True, blank=True)
    extended_on = models.DateField(_("diperpanjang pada"), null=True, blank=True)
    extension_reason = models.TextField(_("alasan perpanjangan"), blank=True)
    decided_on = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    decision = models.CharField(_("keputusan"), max_length=10, choices=Decision.choices, blank=True)
    answer = models.TextField(_("jawaban"), blank=True)
    answer_file = models.FileField(_("lampiran jawaban"), upload_to="ppid/jawaban/%Y/", blank=True)
    exemption_article = models.CharField(
        _("pasal pengecualian"), max_length=4, choices=ExemptionArticle.choices, blank=True
    )
    consequence_test = models.TextField(_("uji konsekuensi"), blank=True)
    decided_by = models.ForeignKey(
        "core.User", verbose_name=_("diputus oleh"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    response_days = models.PositiveSmallIntegerField(
        _("lama jawaban (hari kerja)"), null=True, blank=True
    )
    overdue_on = models.DateField(_("ditandai terlambat pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("permohonan informasi")
        verbose_name_plural = _("permohonan informasi")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "status"], name="ppid_request_unit_status"),
            models.Index(fields=["status", "due_on"], name="ppid_request_status_due"),
            models.Index(fields=["received_on"], name="ppid_request_received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(original_due_on__gte=models.F("received_on"))
                & Q(due_on__gte=models.F("original_due_on")),
                name="ppid_request_due_after_receipt",
            ),
            models.CheckConstraint(
                condition=~Q(status="decided") | (~Q(decision="") & Q(decided_on__isnull=False)),
                name="ppid_request_decided_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(decision__in=["refused", "partly"])
                | (~Q(exemption_article="") & ~Q(consequence_test="")),
                name="ppid_request_refusal_has_basis",
            ),
            models.CheckConstraint(
                condition=Q(extended_on__isnull=True) | ~Q(extension_reason=""),
                name="ppid_request_extension_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    def audit_label(self) -> str:
        """What the public audit log calls it: never the tracking code, which opens it."""
        return f"Permohonan informasi #{self.pk}"

    @property
    def masked_name(self) -> str:
        return mask_name(self.requester_name)

    @property
    def extended(self) -> bool:
        return self.extended_on is not None

    @property
    def is_open(self) -> bool:
        return self.status != RequestStatus.DECIDED

    @property
    def on_time(self) -> bool | None:
        if self.decided_on is None:
            return None
        return self.decided_on <= self.due_on


class ObjectionReason(models.TextChoices):
    """Pasal 35 ayat (1) UU 14/2008."""

    REFUSED = "a", _("Permohonan ditolak dengan alasan pengecualian")
    NOT_PUBLISHED = "b", _("Informasi berkala tidak disediakan")
    NOT_ANSWERED = "c", _("Permohonan tidak ditanggapi")
    NOT_AS_REQUESTED = "d", _("Permohonan ditanggapi tidak sebagaimana yang diminta")
    NOT_FULFILLED = "e", _("Permohonan tidak dipenuhi")
    UNREASONABLE_FEE = "f", _("Biaya yang dikenakan tidak wajar")
    LATE = "g", _("Informasi disampaikan melebihi jangka waktu")


class ObjectionOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Keberatan diterima")
    REJECTED = "rejected", _("Keberatan ditolak")


class Objection(BaseModel):
    """A keberatan to the PPID's superior about one request."""

    # The objector's statement is their own words; masked in the published audit log.
    personal_fields: ClassVar[frozenset[str]] = frozenset({"statement"})

    request = models.OneToOneField(
        InformationRequest,
        verbose_name=_("permohonan"),
        on_delete=models.PROTECT,
        related_name="objection",
    )
    reason = models.CharField(_("alasan keberatan"), max_length=1, choices=ObjectionReason.choices)
    statement = models.TextField(_("uraian keberatan"))
    filed_on = models.DateField(_("tanggal diajukan"))
    answer_due_on = models.DateField(_("batas tanggapan"))
    outcome = models.CharField(
        _("hasil"), max_length=10, choices=ObjectionOutcome.choices, blank=True
    )
    response = models.TextField(_("tanggapan atasan PPID"), blank=True)
    decided_on = models.DateField(_("tanggal tanggapan"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "core.User", verbose_name=_("ditanggapi oleh"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    dispute_until = models.DateField(_("batas pengajuan sengketa"), null=True, blank=True)
    overdue_on = models.DateField(_("ditandai terlambat pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_due_on__gte=models.F("filed_on")),
                name="ppid_objection_due_after_filing",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | (Q(decided_on__isnull=False) & ~Q(response="")),
                name="ppid_objection_decided_has_response",
            ),
        ]

    def __str__(self) -> str:
        return f"Keberatan {self.request.tracking_code}"

    def audit_label(self) -> str:
        return f"Keberatan atas permohonan informasi #{self.request_id}"

    @property
    def is_open(self) -> bool:
        return not self.outcome
