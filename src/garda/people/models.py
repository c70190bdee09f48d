"""Reference data, the ASN registry with its histories, and who heads each unit of the tree."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel, Unit

# --- Reference data (seeded by migration, editable by admin_provinsi) -------------------------


class EmployeeKind(models.TextChoices):
    PNS = "pns", "PNS"
    PPPK = "pppk", "PPPK"


class Golongan(models.Model):
    code = models.CharField(_("golongan"), max_length=8)
    pangkat = models.CharField(_("pangkat"), max_length=60, blank=True)
    kind = models.CharField(_("jenis pegawai"), max_length=4, choices=EmployeeKind.choices)
    rank = models.PositiveSmallIntegerField(_("urutan"))

    class Meta:
        verbose_name = _("golongan")
        verbose_name_plural = _("golongan")
        ordering = ["kind", "rank"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="golongan_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.pangkat}".strip()


class JabatanGroup(models.TextChoices):
    MANAJERIAL = "manajerial", _("Manajerial")
    NONMANAJERIAL = "nonmanajerial", _("Nonmanajerial")


class JabatanKind(models.Model):
    """Kinds and levels of jabatan per UU 20/2023."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=80)
    group = models.CharField(_("kelompok"), max_length=16, choices=JabatanGroup.choices)
    category = models.CharField(_("kategori"), max_length=40)
    rank = models.PositiveSmallIntegerField(_("urutan"))

    class Meta:
        verbose_name = _("jenis jabatan")
        verbose_name_plural = _("jenis jabatan")
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name


class EducationLevel(models.Model):
    code = models.CharField(_("kode"), max_length=4, unique=True)
    name = models.CharField(_("nama"), max_length=60)
    rank = models.PositiveSmallIntegerField(_("urutan"))

    class Meta:
        verbose_name = _("jenjang pendidikan")
        verbose_name_plural = _("jenjang pendidikan")
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.code


# --- Employees --------------------------------------------------------------------------------


class EmployeeStatus(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    CUTI = "cuti", _("Cuti")
    TUGAS_BELAJAR = "tugas_belajar", _("Tugas belajar")
    DIBERHENTIKAN_SEMENTARA = "diberhentikan_sementara", _("Diberhentikan sementara")
    PENSIUN = "pensiun", _("Pensiun")
    BERHENTI = "berhenti", _("Berhenti")
    MENINGGAL = "meninggal", _("Meninggal dunia")


class Gender(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class Employee(BaseModel):
    """A civil servant (PNS or PPPK). Current values live here; earlier ones in history."""

    personal_fields: ClassVar[frozenset[str]] = frozenset(
        {"nip", "nik", "birth_date", "birth_place", "phone", "email"}
    )

    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    kind = models.CharField(_("jenis pegawai"), max_length=4, choices=EmployeeKind.choices)
    name = models.CharField(_("nama"), max_length=150)
    gelar_depan = models.CharField(_("gelar depan"), max_length=40, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, null=True, blank=True, unique=True)
    birth_place = models.CharField(_("tempat lahir"), max_length=80, blank=True)
    birth_date = models.DateField(_("tanggal lahir"))
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    golongan = models.ForeignKey(
        Golongan, verbose_name=_("golongan"), on_delete=models.PROTECT, null=True, blank=True
    )
    tmt_golongan = models.DateField(_("TMT golongan"), null=True, blank=True)
    jabatan_name = models.CharField(_("jabatan"), max_length=200, blank=True)
    jabatan_kind = models.ForeignKey(
        JabatanKind,
        verbose_name=_("jenis jabatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="employees"
    )
    education_level = models.ForeignKey(
        EducationLevel,
        verbose_name=_("pendidikan terakhir"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    education_major = models.CharField(_("jurusan"), max_length=120, blank=True)
    education_institution = models.CharField(_("institusi pendidikan"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=EmployeeStatus.choices, default=EmployeeStatus.AKTIF
    )
    user = models.OneToOneField(
        "core.User",
        verbose_name=_("akun"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
    )

    class Meta:
        verbose_name = _("pegawai ASN")
        verbose_name_plural = _("pegawai ASN")
        ordering = ["name", "nip"]
        indexes = [
            # Lists are ordered by name: walking this index lets a page of 50 stop early.
            models.Index(fields=["name", "nip"], name="employee_name_nip"),
            models.Index(fields=["unit", "name"]),
            models.Index(Lower("name"), name="employee_name_lower"),
            models.Index(fields=["status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nip__regex=r"^[0-9]{18}$"), name="employee_nip_18_digits"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return full_name(self.gelar_depan, self.name, self.gelar_belakang)

    @property
    def status_label(self) -> str:
        """The status as people read it. Lists use this rather than get_status_display(), which
        rebuilds and hashes the whole choices table per row (~8 ms on a 50-row page)."""
        return str(EmployeeStatus(self.status).label)


def full_name(gelar_depan: str, name: str, gelar_belakang: str) -> str:
    """Name with academic titles as Indonesian documents print it: "Dr. Siti, S.E., M.M."."""
    named = f"{gelar_depan} {name}".strip()
    return f"{named}, {gelar_belakang}" if gelar_belakang else named


class HistoryKind(models.TextChoices):
    GOLONGAN = "golongan", _("Golongan")
    JABATAN = "jabatan", _("Jabatan")
    UNIT = "unit", _("Unit kerja")
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    STATUS = "status", _("Status")


class EmployeeHistory(models.Model):
    """One change of golongan, jabatan, unit, education or status; never overwritten."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(_("jenis"), max_length=12, choices=HistoryKind.choices)
    effective_on = models.DateField(_("berlaku sejak"), null=True, blank=True)
    data: models.JSONField[Any] = models.JSONField(_("isi"))
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat pegawai")
        verbose_name_plural = _("riwayat pegawai")
        ordering = ["employee", "kind", "-recorded_at"]
        indexes = [models.Index(fields=["employee", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.data}"


class UnitHead(models.Model):
    """The employee who heads a unit: the atasan of everyone in it. Kept by the registry,
    not on the unit itself, because the tree (core) knows nothing of employees."""

    unit = models.OneToOneField(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="head_post",
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("kepala unit"),
        on_delete=models.CASCADE,
        related_name="headed_units",
    )

    class Meta:
        verbose_name = _("kepala unit")
        verbose_name_plural = _("kepala unit")

    def __str__(self) -> str:
        return f"{self.unit} — {self.employee}"


class EmployeeWord(models.Model):
    """One word an employee is found by (people.search): folded, from the name or a title.
    Written only by `people.services.search_index`, in the transaction of the employee write;
    `garda rebuild_asn_search` writes them all again. On PostgreSQL the column has the "C"
    collation (migration 0007), so its index orders words as SQLite and Python do.

    Each row also carries copies of its employee's name, NIP and unit (decision 0020,
    revision): a search is then scoped, sorted in list order (name, NIP) and cut to a page from
    one range of the covering index below, and the employee table is read only for the page's
    rows. The copies are written with the words, by the same writes."""

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    word = models.CharField(_("kata"), max_length=40)
    # The employee's own collation (not "C"): sorted here as the employee table sorts it.
    name = models.CharField(_("nama"), max_length=150)
    nip = models.CharField(_("NIP / NI PPPK"), max_length=18)
    # A copy: the employee's own foreign key protects the unit, so no constraint (nor the
    # index the deletion collector would want) is kept here.
    unit = models.ForeignKey(
        Unit, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("kata pencarian pegawai")
        verbose_name_plural = _("kata pencarian pegawai")
        indexes = [
            # Covering: a word range yields scope, sort key and id without the table.
            models.Index(
                fields=["word", "unit", "name", "nip", "employee"], name="employee_word_cover"
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["employee", "word"], name="employee_word_unique")
        ]

    def __str__(self) -> str:
        return self.word
