"""The puskesmas queue: facilities with their polis, hours, counters and doctors, and tickets.

Numbers that a regulation or a facility may change (quotas, booking horizon, priority rule,
notification thresholds, retention) are columns or rows an admin edits, never constants."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel

__all__ = [
    "ACTIVE_STATUSES",
    "Channel",
    "ClosedDate",
    "Counter",
    "DayCounter",
    "Doctor",
    "Facility",
    "NotificationRule",
    "OpeningHours",
    "Poli",
    "Priority",
    "QueueParameter",
    "Ticket",
    "TicketStatus",
]


class Facility(BaseModel):
    """A puskesmas. `unit` is its own node in the unit tree: petugas_faskes of that unit run
    its console; `kabupaten` is the kabupaten/kota whose admin_instansi manages it."""

    code = models.CharField(_("kode faskes"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kabupaten = models.ForeignKey(
        "core.Unit",
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="queue_facilities_in_area",
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit kerja"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="queue_facilities",
    )
    address = models.TextField(_("alamat"), blank=True)
    # Upper bounds on every number an admin types: SQLite stores any 64-bit value in a
    # "small" column, and a horizon of 10**18 days then overflowed the booking page's dates.
    booking_horizon_days = models.PositiveSmallIntegerField(
        _("batas hari pemesanan ke depan"), default=7, validators=[MaxValueValidator(366)]
    )
    # Priority rule (docs/queueing.md): a waiting priority patient is called next unless one
    # of the last `priority_every` calls of the poli today already was a priority patient.
    priority_every = models.PositiveSmallIntegerField(
        _("satu prioritas setiap N panggilan"), default=3, validators=[MaxValueValidator(100)]
    )
    # Late-arrival rule (docs/queueing.md): a booked patient who checks in after the poli has
    # called numbers beyond theirs joins the line this many places after the current call.
    late_places = models.PositiveSmallIntegerField(
        _("sisipan pasien terlambat (tempat)"), default=2, validators=[MaxValueValidator(1000)]
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("puskesmas")
        verbose_name_plural = _("puskesmas")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Poli(BaseModel):
    facility = models.ForeignKey(
        Facility, verbose_name=_("puskesmas"), on_delete=models.CASCADE, related_name="polis"
    )
    bpjs_code = models.CharField(_("kode poli BPJS"), max_length=10)
    name = models.CharField(_("nama"), max_length=100)
    prefix = models.CharField(_("awalan nomor"), max_length=3)
    quota_online = models.PositiveIntegerField(
        _("kuota daring per hari"), default=40, validators=[MaxValueValidator(10_000)]
    )
    quota_onsite = models.PositiveIntegerField(
        _("kuota di tempat per hari"), default=60, validators=[MaxValueValidator(10_000)]
    )
    # Used for estimates until the poli has recent service times of its own.
    default_service_minutes = models.PositiveSmallIntegerField(
        _("perkiraan lama layanan (menit)"), default=8, validators=[MaxValueValidator(480)]
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    # Whether citizens may book it online (the apotek is reached by transfer only).
    bookable = models.BooleanField(_("dapat dipesan daring"), default=True)

    class Meta:
        verbose_name = _("poli")
        verbose_name_plural = _("poli")
        ordering = ["facility", "bpjs_code"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "bpjs_code"], name="poli_code_unique"),
            models.UniqueConstraint(fields=["facility", "prefix"], name="poli_prefix_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Weekday(models.IntegerChoices):
    SENIN = 0, _("Senin")
    SELASA = 1, _("Selasa")
    RABU = 2, _("Rabu")
    KAMIS = 3, _("Kamis")
    JUMAT = 4, _("Jumat")
    SABTU = 5, _("Sabtu")
    MINGGU = 6, _("Minggu")


class OpeningHours(BaseModel):
    """Registration hours of a facility on one weekday (0 = Monday); no row = closed."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("puskesmas"), on_delete=models.CASCADE, related_name="hours"
    )
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices)
    opens = models.TimeField(_("buka"))
    closes = models.TimeField(_("tutup"))

    class Meta:
        verbose_name = _("jam buka")
        verbose_name_plural = _("jam buka")
        ordering = ["facility", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "weekday"], name="hours_weekday_unique"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="hours_weekday_range"),
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="hours_order"),
        ]


class ClosedDate(BaseModel):
    """An ad-hoc closure of one facility. National holidays come from core's calendar."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("puskesmas"), on_delete=models.CASCADE, related_name="closures"
    )
    date = models.DateField(_("tanggal"))
    reason = models.CharField(_("alasan"), max_length=200)

    class Meta:
        verbose_name = _("tanggal tutup")
        verbose_name_plural = _("tanggal tutup")
        ordering = ["facility", "date"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "date"], name="closed_date_unique")
        ]


class Counter(BaseModel):
    """A room or counter where one poli's patients are called."""

    poli = models.ForeignKey(
        Poli, verbose_name=_("poli"), on_delete=models.CASCADE, related_name="counters"
    )
    name = models.CharField(_("nama"), max_length=100)
    is_open = models.BooleanField(_("sedang melayani"), default=True)

    class Meta:
        verbose_name = _("loket/ruang")
        verbose_name_plural = _("loket/ruang")
        ordering = ["poli", "name"]
        constraints = [models.UniqueConstraint(fields=["poli", "name"], name="counter_unique")]

    def __str__(self) -> str:
        return self.name


class Doctor(BaseModel):
    poli = models.ForeignKey(
        Poli, verbose_name=_("poli"), on_delete=models.CASCADE, related_name="doctors"
    )
    bpjs_code = models.PositiveIntegerField(_("kode dokter BPJS"))
    name = models.CharField(_("nama"), max_length=200)
    practice_start = models.TimeField(_("mulai praktik"), default=dt.time(8, 0))
    practice_end = models.TimeField(_("selesai praktik"), default=dt.time(12, 0))
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("dokter")
        verbose_name_plural = _("dokter")
        ordering = ["poli", "name"]
        constraints = [
            models.UniqueConstraint(fields=["poli", "bpjs_code"], name="doctor_code_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def practice_hours(self) -> str:
        return f"{self.practice_start:%H:%M}-{self.practice_end:%H:%M}"


class DayCounter(models.Model):
    """The last number given in one poli on one day. Issuing a ticket locks and increments
    this row inside the ticket's transaction, so numbers have no gaps and no duplicates."""

    poli = models.ForeignKey(Poli, on_delete=models.CASCADE, related_name="day_counters")
    service_date = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poli", "service_date"], name="day_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.poli_id}/{self.service_date}: {self.last_number}"


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    MOBILEJKN = "mobilejkn", _("Mobile JKN")
    KIOSK = "kiosk", _("Anjungan")
    STAFF = "staff", _("Petugas")


ONLINE_CHANNELS = frozenset({Channel.WEB, Channel.MOBILEJKN})


class TicketStatus(models.TextChoices):
    BOOKED = "booked", _("Terdaftar")
    CHECKED_IN = "checked_in", _("Sudah hadir")
    CALLED = "called", _("Dipanggil")
    SERVING = "serving", _("Sedang dilayani")
    DONE = "done", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")
    NO_SHOW = "no_show", _("Tidak hadir")


# Statuses that hold a person's place: one of them per person, poli and day.
ACTIVE_STATUSES = (
    TicketStatus.BOOKED,
    TicketStatus.CHECKED_IN,
    TicketStatus.CALLED,
    TicketStatus.SERVING,
)
WAITING_STATUSES = (TicketStatus.BOOKED, TicketStatus.CHECKED_IN)


class Priority(models.TextChoices):
    NONE = "", _("Umum")
    LANSIA = "lansia", _("Lansia")
    DISABILITAS = "disabilitas", _("Disabilitas")
    IBU_HAMIL = "ibu_hamil", _("Ibu hamil")
    ANAK = "anak", _("Anak")


class Ticket(BaseModel):
    personal_fields: ClassVar[frozenset[str]] = frozenset(
        {"name", "nik", "card_number", "phone", "email", "complaint", "norm"}
    )
    # Whoever holds the booking code may view and cancel the ticket: never in the public log.
    secret_fields: ClassVar[frozenset[str]] = frozenset({"booking_code"})

    facility = models.ForeignKey(
        Facility, verbose_name=_("puskesmas"), on_delete=models.PROTECT, related_name="tickets"
    )
    poli = models.ForeignKey(
        Poli, verbose_name=_("poli"), on_delete=models.PROTECT, related_name="tickets"
    )
    doctor = models.ForeignKey(
        Doctor,
        verbose_name=_("dokter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
    )
    service_date = models.DateField(_("tanggal periksa"))
    number = models.PositiveIntegerField(_("nomor"))
    # Place in the calling order: the number, unless the patient arrived late (or came back
    # after a no-show) and was slotted in near the current call. Ties go by number.
    line_number = models.PositiveIntegerField(_("urutan panggil"), default=0)
    booking_code = models.CharField(_("kode booking"), max_length=12, unique=True)
    channel = models.CharField(_("saluran"), max_length=16, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=TicketStatus.choices, default=TicketStatus.BOOKED
    )
    priority = models.CharField(
        _("kelompok prioritas"), max_length=16, choices=Priority.choices, blank=True, default=""
    )
    name = models.CharField(_("nama"), max_length=200, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    card_number = models.CharField(_("nomor kartu BPJS"), max_length=13, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    complaint = models.TextField(_("keluhan"), blank=True)
    norm = models.CharField(_("nomor rekam medis"), max_length=30, blank=True)
    counter = models.ForeignKey(
        Counter,
        verbose_name=_("loket/ruang"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
    )
    # A transfer (e.g. to the apotek) opens a ticket in the next poli; `visit` points to the
    # first ticket of the visit (empty on that first ticket itself: see `visit_key`).
    visit = models.ForeignKey(
        "self",
        verbose_name=_("kunjungan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    transferred_from = models.OneToOneField(
        "self",
        verbose_name=_("dirujuk dari"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transferred_to",
    )
    checked_in_at = models.DateTimeField(_("hadir pada"), null=True, blank=True)
    called_at = models.DateTimeField(_("dipanggil pada"), null=True, blank=True)
    serving_at = models.DateTimeField(_("mulai dilayani"), null=True, blank=True)
    done_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    no_show_at = models.DateTimeField(_("tidak hadir pada"), null=True, blank=True)
    recalled_at = models.DateTimeField(_("dipanggil ulang pada"), null=True, blank=True)
    recall_count = models.PositiveSmallIntegerField(_("jumlah panggil ulang"), default=0)
    cancel_reason = models.CharField(_("alasan batal"), max_length=200, blank=True)
    # The estimates given to the patient, kept to measure their error against `called_at`.
    eta_at_issue = models.DateTimeField(_("perkiraan saat daftar"), null=True, blank=True)
    eta_at_checkin = models.DateTimeField(_("perkiraan saat hadir"), null=True, blank=True)
    notified_at = models.DateTimeField(_("diberi tahu pada"), null=True, blank=True)
    purged_at = models.DateTimeField(_("data pribadi dihapus"), null=True, blank=True)

    class Meta:
        verbose_name = _("tiket antrean")
        verbose_name_plural = _("tiket antrean")
        ordering = ["service_date", "poli", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["poli", "service_date", "number"], name="ticket_number_unique"
            ),
            models.UniqueConstraint(
                fields=["poli", "service_date", "card_number"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(card_number=""),
                name="ticket_one_active_per_card",
            ),
            models.UniqueConstraint(
                fields=["poli", "service_date", "nik"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(nik=""),
                name="ticket_one_active_per_nik",
            ),
        ]
        indexes = [
            models.Index(fields=["poli", "service_date", "status"], name="ticket_poli_day_status"),
            models.Index(fields=["facility", "service_date"], name="ticket_facility_day"),
        ]

    def __str__(self) -> str:
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"{self.poli.prefix}-{self.number}"

    @property
    def visit_key(self) -> int:
        """The id shared by every ticket of one visit (the first ticket's)."""
        return self.visit_id or self.pk


class NotificationRule(BaseModel):
    """When to tell a patient their turn is near (one row per facility; the first of the
    two thresholds reached triggers, once per ticket)."""

    facility = models.OneToOneField(
        Facility,
        verbose_name=_("puskesmas"),
        on_delete=models.CASCADE,
        related_name="notification_rule",
    )
    people_ahead = models.PositiveSmallIntegerField(_("saat tersisa N orang di depan"), default=3)
    minutes_before = models.PositiveSmallIntegerField(
        _("saat perkiraan panggilan M menit lagi"), default=15
    )
    enabled = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("aturan pemberitahuan")
        verbose_name_plural = _("aturan pemberitahuan")


class QueueParameter(BaseModel):
    """Province-wide settings of the queue an admin_provinsi edits (seeded by migration)."""

    key = models.CharField(_("kunci"), max_length=50, unique=True)
    value = models.IntegerField(_("nilai"))
    description = models.CharField(_("keterangan"), max_length=300)

    class Meta:
        verbose_name = _("parameter antrean")
        verbose_name_plural = _("parameter antrean")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key
