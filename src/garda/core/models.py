"""What every app shares: the base model, the user with its role and unit, background jobs."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.roles import ADMIN_ROLES, Role


class BaseModel(models.Model):
    """Timestamps on every record; personal fields are named so audit and logs can mask them."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    # Field names whose values are personal data (UU 27/2022); masked in audit and exports.
    personal_fields: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        abstract = True


class User(AbstractUser):
    """A person who signs in. The role decides what they may do, the unit where."""

    personal_fields: ClassVar[frozenset[str]] = frozenset({"nip", "email", "password"})

    role = models.CharField(_("peran"), max_length=32, choices=Role.choices, default=Role.ASN)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    # Lets an ASN sign in with the number printed on every SK; unique where present.
    nip = models.CharField(_("NIP"), max_length=18, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_label(self) -> str:
        """The role's name in the current language. `get_role_display()` rebuilds a dict of all
        choices on every call; every signed-in page shows this."""
        try:
            return str(Role(self.role).label)
        except ValueError:
            return self.role

    @property
    def is_admin_role(self) -> bool:
        """Admin roles and superusers (who pass every check) must use a second factor."""
        return self.is_superuser or self.role in ADMIN_ROLES


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    SUCCEEDED = "succeeded", _("Selesai")
    FAILED = "failed", _("Gagal")


class Job(BaseModel):
    """Progress of a long job (import, PDF batch, verification) that the owner can watch."""

    kind = models.CharField(_("jenis"), max_length=64)
    title = models.CharField(_("judul"), max_length=200)
    owner = models.ForeignKey(
        User, verbose_name=_("pemilik"), on_delete=models.CASCADE, related_name="jobs"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("jumlah langkah"), default=0)
    done = models.PositiveIntegerField(_("langkah selesai"), default=0)
    message = models.TextField(_("pesan"), blank=True)
    result: models.JSONField[Any] = models.JSONField(_("hasil"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pekerjaan latar")
        verbose_name_plural = _("pekerjaan latar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}


# The audit tables live in their own module; importing them here registers them with the app.
from garda.core.audit.models import AuditCounter, AuditEntry, SignedTreeHead  # noqa: E402
from garda.core.calendar import NonWorkingDay  # noqa: E402
from garda.core.dataversion import DataVersion  # noqa: E402
from garda.core.org.models import Unit, UnitHistory, UnitKind  # noqa: E402
from garda.core.sessions import UserSession  # noqa: E402

__all__ = [
    "AuditCounter",
    "AuditEntry",
    "BaseModel",
    "DataVersion",
    "Job",
    "JobStatus",
    "NonWorkingDay",
    "SignedTreeHead",
    "Unit",
    "UnitHistory",
    "UnitKind",
    "User",
    "UserSession",
]
