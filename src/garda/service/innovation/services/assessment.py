"""Writes of the assessments: IID indicator answers (per innovation and per region), KIPP
narratives, and the measures an innovation is tied to."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from garda.core.audit.services import audit_record
from garda.core.errors import NotAllowed, NotFound, ValidationFailed
from garda.core.models import Unit, UnitKind, User
from garda.service.innovation import policy
from garda.service.innovation.measures import measure_get
from garda.service.innovation.models import (
    IidIndicator,
    ImpactLink,
    IndicatorScope,
    IndicatorScore,
    KippCriterion,
    KippNarrative,
    SpdScore,
)
from garda.service.innovation.services.registry import editable_innovation


def _parameter(value: int) -> int:
    if value not in (1, 2, 3):
        raise ValidationFailed(
            "Parameter 1 sampai 3.",
            "Parameters go from 1 to 3.",
            errors=[{"field": "parameter", "message": "1-3"}],
        )
    return value


@transaction.atomic
def indicator_score_set(
    *,
    actor: User,
    innovation_id: int,
    indicator_id: int,
    parameter: int,
    evidence_note: str = "",
    evidence_url: str = "",
) -> IndicatorScore:
    innovation = editable_innovation(actor, innovation_id)
    indicator = IidIndicator.objects.filter(pk=indicator_id, scope=IndicatorScope.SID).first()
    if indicator is None:
        raise NotFound
    score, _created = IndicatorScore.objects.update_or_create(
        innovation=innovation,
        indicator=indicator,
        defaults={
            "parameter": _parameter(parameter),
            "evidence_note": evidence_note.strip()[:300],
            "evidence_url": evidence_url.strip(),
        },
    )
    audit_record(
        actor=actor,
        action="innovation.indicator_score",
        target=score,
        after={"indicator": indicator.code, "parameter": parameter},
    )
    return score


@transaction.atomic
def spd_score_set(
    *,
    actor: User,
    region_id: int,
    indicator_id: int,
    year: int,
    parameter: int,
    evidence_note: str = "",
) -> SpdScore:
    region = Unit.objects.filter(pk=region_id, kind=UnitKind.INSTANSI).first()
    if region is None:
        raise NotFound
    if not policy.may_score_region(actor, region):
        raise NotAllowed
    indicator = IidIndicator.objects.filter(pk=indicator_id, scope=IndicatorScope.SPD).first()
    if indicator is None:
        raise NotFound
    score, _created = SpdScore.objects.update_or_create(
        region=region,
        indicator=indicator,
        year=year,
        defaults={"parameter": _parameter(parameter), "evidence_note": evidence_note.strip()[:300]},
    )
    audit_record(
        actor=actor,
        action="innovation.spd_score",
        target=score,
        after={
            "region": region.code,
            "indicator": indicator.code,
            "year": year,
            "parameter": parameter,
        },
    )
    return score


@transaction.atomic
def kipp_narrative_set(
    *, actor: User, innovation_id: int, criterion_id: int, narrative: str, evidence_url: str = ""
) -> KippNarrative:
    innovation = editable_innovation(actor, innovation_id)
    criterion = KippCriterion.objects.filter(pk=criterion_id).first()
    if criterion is None:
        raise NotFound
    if not narrative.strip():
        raise ValidationFailed(
            "Narasi wajib diisi.",
            "A narrative is required.",
            errors=[{"field": "narrative", "message": "Wajib diisi."}],
        )
    row, _created = KippNarrative.objects.update_or_create(
        innovation=innovation,
        criterion=criterion,
        defaults={"narrative": narrative.strip()[:8000], "evidence_url": evidence_url.strip()},
    )
    audit_record(
        actor=actor,
        action="innovation.kipp_narrative",
        target=row,
        after={"criterion": criterion.code},
    )
    return row


@transaction.atomic
def impact_link_set(
    *,
    actor: User,
    innovation_id: int,
    measure: str,
    go_live: dt.date,
    unit_id: int | None = None,
    window_days: int = 84,
) -> ImpactLink:
    """Tie the innovation to a measure of its unit (or a unit it may place things in)."""
    innovation = editable_innovation(actor, innovation_id)
    if measure_get(measure) is None:
        raise ValidationFailed(
            "Ukuran tidak dikenal.",
            "Unknown measure.",
            errors=[{"field": "measure", "message": "Ukuran tidak dikenal."}],
        )
    unit_id = unit_id or innovation.unit_id
    if unit_id != innovation.unit_id and not policy.may_place(actor, unit_id):
        raise NotAllowed("Unit di luar wewenang Anda.", "That unit is outside your scope.")
    if not 7 <= window_days <= 366:
        raise ValidationFailed(
            "Panjang pembanding 7 sampai 366 hari.",
            "The span goes from 7 to 366 days.",
            errors=[{"field": "window_days", "message": "7-366"}],
        )
    link, created = ImpactLink.objects.update_or_create(
        innovation=innovation,
        measure=measure,
        defaults={"unit_id": unit_id, "go_live": go_live, "window_days": window_days},
    )
    audit_record(
        actor=actor,
        action="innovation.impact_link",
        target=link,
        after={
            "measure": measure,
            "go_live": go_live.isoformat(),
            "unit": unit_id,
            "window_days": window_days,
            "created": created,
        },
    )
    return link


@transaction.atomic
def impact_link_remove(*, actor: User, link_id: int) -> None:
    link = ImpactLink.objects.filter(pk=link_id).first()
    if link is None:
        raise NotFound
    editable_innovation(actor, link.innovation_id)
    audit_record(
        actor=actor,
        action="innovation.impact_unlink",
        target=link,
        before={"measure": link.measure},
    )
    link.delete()
