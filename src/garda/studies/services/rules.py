"""Editing the rules of degree studies: an eligibility row (age limits, years as PNS, the
sanctions and SKP years that refuse, accreditation, study length, the extension limit, when a
tugas belajar leaves the post), a funding source (the bond's length and the repayment on
breach) and a row of the kenaikan pangkat penyesuaian ijazah table. They hold one province-wide
regulation, so only the province's admin edits them; every change names the edition it comes
from and is audited with the values before and after."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from django.db import transaction

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotAllowed, NotFound, ValidationFailed
from garda.core.models import BaseModel, User
from garda.core.roles import Role
from garda.people.models import Golongan
from garda.studies.models import EligibilityRule, FundingSource, PangkatAdjustment

RULE_FIELDS = (
    "edition",
    "max_age",
    "max_age_exception",
    "min_service_years",
    "refused_sanctions",
    "skp_years",
    "min_accreditation_rank",
    "refuses_suspended",
    "duration_years",
    "max_extension_months",
    "release_after_months",
)
FUNDING_FIELDS = ("name", "edition", "bond_multiplier", "bond_extra_years", "repayment_factor")
PANGKAT_FIELDS = ("max_golongan", "to_golongan", "min_years_in_rank", "needs_formasi", "edition")
SANCTION_LEVELS = ("ringan", "sedang", "berat")
# (field, lowest, highest): what a form also bounds, checked again for the API and tests.
RULE_BOUNDS = (
    ("max_age", 17, 70),
    ("max_age_exception", 17, 70),
    ("min_service_years", 0, 40),
    ("skp_years", 0, 5),
    ("min_accreditation_rank", 1, 9),
    ("duration_years", 1, 10),
    ("max_extension_months", 0, 60),
    ("release_after_months", 0, 60),
)
FUNDING_BOUNDS = (
    ("bond_multiplier", Decimal("0"), Decimal("10")),
    ("bond_extra_years", Decimal("0"), Decimal("20")),
    ("repayment_factor", Decimal("0"), Decimal("10")),
)

Row = TypeVar("Row", bound=BaseModel)


def can_edit_rules(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN_PROVINSI))


def _refuse(field: str, message_id: str, message_en: str) -> ValidationFailed:
    return ValidationFailed(
        message_id, message_en, errors=[{"field": field, "message": message_id}]
    )


def _check_bounds(values: Mapping[str, Any], bounds: tuple[tuple[str, Any, Any], ...]) -> None:
    for name, low, high in bounds:
        value = values.get(name)
        if value is not None and not low <= value <= high:
            raise _refuse(
                name,
                f"Nilai {name} harus antara {low} dan {high}.",
                f"{name} must be between {low} and {high}.",
            )


def _check_edition(values: Mapping[str, Any]) -> None:
    if not str(values.get("edition") or "").strip():
        raise _refuse(
            "edition",
            "Sebutkan dasar/edisi aturan yang berlaku (peraturan, surat edaran, perjanjian).",
            "Name the edition the rule comes from.",
        )


def _save(
    actor: User, row: Row, fields: tuple[str, ...], values: Mapping[str, Any], action: str
) -> Row:
    unknown = set(values) - set(fields)
    if unknown:
        raise ValidationFailed(
            "Kolom tidak dikenal: " + ", ".join(sorted(unknown)) + ".",
            "Unknown fields: " + ", ".join(sorted(unknown)) + ".",
        )
    before = snapshot(row, fields)
    for name, value in values.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    after = snapshot(row, fields)
    if after == before:
        return row
    row.save()
    audit_record(actor=actor, action=action, target=row, before=before, after=after)
    return row


@transaction.atomic
def eligibility_rule_update(
    *, actor: User, rule_id: int, values: Mapping[str, Any]
) -> EligibilityRule:
    """Change the given fields of one eligibility row (kind x level)."""
    if not can_edit_rules(actor):
        raise NotAllowed
    rule = EligibilityRule.objects.select_for_update().filter(pk=rule_id).first()
    if rule is None:
        raise NotFound("Aturan tidak ditemukan.", "Rule not found.")
    merged = {name: getattr(rule, name) for name in RULE_FIELDS} | dict(values)
    _check_edition(merged)
    _check_bounds(merged, RULE_BOUNDS)
    levels = [p.strip() for p in str(merged["refused_sanctions"]).split(",") if p.strip()]
    if any(level not in SANCTION_LEVELS for level in levels):
        raise _refuse(
            "refused_sanctions",
            "Tingkat hukuman disiplin: ringan, sedang, berat.",
            "Sanction levels: ringan, sedang, berat.",
        )
    values = dict(values)
    if "refused_sanctions" in values:
        values["refused_sanctions"] = ",".join(lv for lv in SANCTION_LEVELS if lv in levels)
    low, high = merged["max_age"], merged["max_age_exception"]
    if low is not None and high is not None and high < low:
        raise _refuse(
            "max_age_exception",
            "Batas usia daerah 3T/jabatan langka tidak boleh di bawah batas usia biasa.",
            "The 3T limit cannot be below the ordinary limit.",
        )
    rule = _save(actor, rule, RULE_FIELDS, values, "studies.rule.update")
    rule.__dict__.pop("refused_levels", None)  # the cached set of the old value
    return rule


@transaction.atomic
def funding_source_update(
    *, actor: User, funding_source_id: int, values: Mapping[str, Any]
) -> FundingSource:
    """Change a funding source's bond rule (multiplier x n + extra years) and repayment
    factor. Bonds already started keep their length; a breach from now on repays by the
    factor as it stands."""
    if not can_edit_rules(actor):
        raise NotAllowed
    source = FundingSource.objects.select_for_update().filter(pk=funding_source_id).first()
    if source is None:
        raise NotFound("Sumber dana tidak ditemukan.", "Funding source not found.")
    merged = {name: getattr(source, name) for name in FUNDING_FIELDS} | dict(values)
    _check_edition(merged)
    _check_bounds(merged, FUNDING_BOUNDS)
    if not str(merged["name"]).strip():
        raise _refuse("name", "Nama sumber dana wajib diisi.", "The name is required.")
    return _save(actor, source, FUNDING_FIELDS, values, "studies.funding_source.update")


@transaction.atomic
def pangkat_adjustment_update(
    *, actor: User, row_id: int, values: Mapping[str, Any]
) -> PangkatAdjustment:
    """Change one row of the kenaikan pangkat penyesuaian ijazah table (a diploma level: the
    highest golongan it lifts, to which golongan, after how long). Both golongan must be PNS
    golongan of the registry, the second above the first."""
    if not can_edit_rules(actor):
        raise NotAllowed
    row = PangkatAdjustment.objects.select_for_update().filter(pk=row_id).first()
    if row is None:
        raise NotFound("Aturan tidak ditemukan.", "Rule not found.")
    merged = {name: getattr(row, name) for name in PANGKAT_FIELDS} | dict(values)
    _check_edition(merged)
    _check_bounds(merged, (("min_years_in_rank", 0, 10),))
    ranks = dict(Golongan.objects.filter(kind="pns").values_list("code", "rank"))
    for name in ("max_golongan", "to_golongan"):
        if str(merged[name]).strip() not in ranks:
            raise _refuse(
                name,
                f"Golongan {merged[name]!r} tidak dikenal; tulis seperti III/a.",
                f"Unknown golongan {merged[name]!r}; write it like III/a.",
            )
    if ranks[str(merged["to_golongan"]).strip()] <= ranks[str(merged["max_golongan"]).strip()]:
        raise _refuse(
            "to_golongan",
            "Golongan tujuan harus di atas golongan paling tinggi yang dapat naik.",
            "The golongan reached must be above the highest golongan that rises.",
        )
    return _save(actor, row, PANGKAT_FIELDS, values, "studies.pangkat_rule.update")
