"""`ip_edition_save`: an admin edits the current IP ASN edition's tables, or saves them as a
new edition (with its legal basis and first year) when a regulation changes. One transaction,
one audit entry with the tables before and after; the talent data version moves so cached
dashboards recompute with the new tables."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from garda.core.audit.services import audit_record
from garda.core.errors import Conflict, NotAllowed, ValidationFailed
from garda.core.models import User
from garda.talent import stamp
from garda.talent.ipasn_tables import EDITION_HEADER, tables_as_text, tables_from_text
from garda.talent.models import IpEdition
from garda.talent.models_ipasn import IpCategory, IpFormIndicator, IpJabatanRule, IpPoint
from garda.talent.policy import IP_TABLES_WRITE, may

HEADER = EDITION_HEADER


def _check_header(header: dict[str, Any]) -> None:
    problems = []
    if not str(header.get("code") or "").strip() or not str(header.get("name") or "").strip():
        problems.append(("code", "Kode dan dasar hukum edisi wajib diisi."))
    if not 2000 <= int(header.get("first_year") or 0) <= 2100:
        problems.append(("first_year", "Tahun berlaku harus antara 2000 dan 2100."))
    if not Decimal(0) < Decimal(str(header.get("technical_min_jp") or 0)) <= Decimal(1000):
        problems.append(("technical_min_jp", "JP minimal pelatihan teknis harus lebih dari 0."))
    if not 1 <= int(header.get("seminar_years") or 0) <= 10:
        problems.append(("seminar_years", "Jangka seminar harus 1 sampai 10 tahun."))
    if problems:
        raise ValidationFailed(
            " ".join(message for _field, message in problems),
            "The edition's code, legal basis, first year, technical JP or seminar years are "
            "not valid.",
            errors=[{"field": field, "message": message} for field, message in problems],
        )


def _snapshot(edition: IpEdition) -> dict[str, Any]:
    return {
        **{name: str(getattr(edition, name)) for name in HEADER},
        **tables_as_text(edition),
    }


@transaction.atomic
def ip_edition_save(
    *, actor: User | None, edition_id: int | None, header: dict[str, Any], texts: dict[str, str]
) -> IpEdition:
    """Edit edition `edition_id` in place, or create a new edition when it is None. `texts`
    are the four tables in the text form of talent.ipasn_tables (every line checked)."""
    if not may(IP_TABLES_WRITE.roles, actor):
        raise NotAllowed("Hanya admin provinsi yang mengubah tabel IP ASN.",
                         "Only the provincial admin changes the IP ASN tables.")  # fmt: skip
    _check_header(header)
    tables = tables_from_text(texts)
    if edition_id is None:
        edition, before = IpEdition(), None
    else:
        edition = IpEdition.objects.select_for_update().get(pk=edition_id)
        before = _snapshot(edition)
    for name in HEADER:
        setattr(edition, name, header[name])
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError:
        raise Conflict(
            "Kode atau tahun berlaku itu sudah dipakai edisi lain.",
            "Another edition already has that code or first year.",
            errors=[{"field": "first_year", "message": "Sudah dipakai edisi lain."}],
        ) from None
    for related in (IpPoint, IpCategory, IpFormIndicator, IpJabatanRule):
        related.objects.filter(edition=edition).delete()
    IpPoint.objects.bulk_create(
        IpPoint(edition=edition, dimension=d, key=k, points=p) for d, k, p in tables.points
    )
    IpCategory.objects.bulk_create(
        IpCategory(edition=edition, code=c, min_total=low) for c, low in tables.categories
    )
    IpFormIndicator.objects.bulk_create(
        IpFormIndicator(edition=edition, form_code=f, indicator=i) for f, i in tables.indicators
    )
    IpJabatanRule.objects.bulk_create(
        IpJabatanRule(edition=edition, jabatan_kind_code=k, group=g, leadership_form_code=f)
        for k, g, f in tables.jabatan
    )
    action = "talent.ip_edition.create" if before is None else "talent.ip_edition.update"
    audit_record(
        actor=actor, action=action, target=edition, before=before, after=_snapshot(edition)
    )
    stamp.bump()
    return edition
