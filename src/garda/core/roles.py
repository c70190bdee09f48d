"""The roles of DESIGN.md, as one enumeration every app reads."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN_PROVINSI = "admin_provinsi", _("Admin Provinsi (BPSDM/BKD)")
    ADMIN_INSTANSI = "admin_instansi", _("Admin Instansi")
    ADMIN_OPD = "admin_opd", _("Admin OPD")
    ATASAN = "atasan", _("Atasan")
    ASN = "asn", _("ASN")
    PETUGAS_FASKES = "petugas_faskes", _("Petugas Puskesmas")
    PPID = "ppid", _("Pejabat PPID")
    AUDITOR = "auditor", _("Auditor")
    ASESOR = "asesor", _("Asesor Kompetensi")


# Roles that change other people's records or see many of them: they must use TOTP.
ADMIN_ROLES: frozenset[str] = frozenset(
    {
        Role.ADMIN_PROVINSI,
        Role.ADMIN_INSTANSI,
        Role.ADMIN_OPD,
        Role.AUDITOR,
        Role.PPID,
        Role.ASESOR,
    }
)
# The anonymous public is not a stored role; views name it with this marker.
PUBLIC = "public"
ALL_ROLES: tuple[str, ...] = tuple(Role.values)
