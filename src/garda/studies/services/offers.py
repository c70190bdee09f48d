"""Offers and their candidates: create and publish an offer, propose a candidate (by the OPD)
or apply (the ASN itself), and rank them: eligibility by the one decision, talent box 7 and
competency gaps flagged, a score from the offer's criteria and weights (data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from garda.core.access import unit_is_visible_to
from garda.core.audit.services import audit_record
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import User
from garda.people.models import Employee
from garda.studies import policy, talent_link
from garda.studies.eligibility import completed_months, completed_years
from garda.studies.models import (
    FundingSource,
    OfferStatus,
    ProposedBy,
    StudyCandidate,
    StudyOffer,
)
from garda.studies.selectors.eligibility import eligibility_many, rule_for, tmt_cpns_from_nip

# What a criterion may rank by; each gives a value in 0..1 and the offer weighs them.
CRITERIA = ("masa_kerja", "usia", "kotak_7", "kesenjangan_kompetensi")
DEFAULT_CRITERIA = [
    {"key": "masa_kerja", "weight": 30},
    {"key": "usia", "weight": 20},
    {"key": "kotak_7", "weight": 30},
    {"key": "kesenjangan_kompetensi", "weight": 20},
]


def _check_criteria(criteria: list[dict[str, Any]]) -> list[dict[str, Any]]:
    clean = []
    for item in criteria:
        key, weight = str(item.get("key", "")), item.get("weight", 0)
        if key not in CRITERIA or not isinstance(weight, int | float) or weight < 0:
            raise ValidationFailed(
                f"Kriteria {key!r} tidak dikenal atau bobotnya tidak sah.",
                f"Unknown criterion {key!r} or invalid weight.",
                errors=[{"field": "criteria", "message": "Kriteria: " + ", ".join(CRITERIA)}],
            )
        clean.append({"key": key, "weight": weight})
    return clean


@transaction.atomic
def offer_create(
    *,
    actor: User,
    owner_unit_id: int,
    title: str,
    year: int,
    kind: str,
    level: str,
    funding_source_id: int,
    field: str,
    quota: int,
    opens_on: dt.date,
    closes_on: dt.date,
    budget_per_person: Decimal = Decimal("0"),
    target_programs: str = "",
    criteria: list[dict[str, Any]] | None = None,
    exception_3t: bool = False,
) -> StudyOffer:
    if not policy.is_study_admin(actor) or not unit_is_visible_to(actor, owner_unit_id):
        raise NotAllowed
    rule_for(kind=kind, level=level)
    if not FundingSource.objects.filter(pk=funding_source_id).exists():
        raise NotFound("Sumber dana tidak ditemukan.", "Funding source not found.")
    if closes_on < opens_on or quota < 1 or not title.strip():
        raise ValidationFailed(
            "Periksa judul, kuota (paling sedikit 1) dan jadwal (ditutup setelah dibuka).",
            "Check the title, quota (at least 1) and window (closes after it opens).",
        )
    offer = StudyOffer.objects.create(
        owner_unit_id=owner_unit_id,
        title=title.strip()[:200],
        year=year,
        kind=kind,
        level=level,
        funding_source_id=funding_source_id,
        field=field.strip()[:200],
        target_programs=target_programs.strip(),
        quota=quota,
        budget_per_person=budget_per_person,
        opens_on=opens_on,
        closes_on=closes_on,
        criteria=_check_criteria(criteria if criteria is not None else DEFAULT_CRITERIA),
        exception_3t=exception_3t,
    )
    audit_record(
        actor=actor,
        action="studies.offer.create",
        target=offer,
        after={"title": offer.title, "kind": kind, "level": level, "quota": quota},
    )
    return offer


def _offer(offer_id: int, *, lock: bool = False) -> StudyOffer:
    queryset = StudyOffer.objects.select_for_update() if lock else StudyOffer.objects
    offer = queryset.filter(pk=offer_id).first()
    if offer is None:
        raise NotFound("Penawaran tidak ditemukan.", "Offer not found.")
    return offer


@transaction.atomic
def offer_publish(*, actor: User, offer_id: int) -> StudyOffer:
    offer = _offer(offer_id, lock=True)
    if not policy.is_study_admin(actor) or not unit_is_visible_to(actor, offer.owner_unit_id):
        raise NotAllowed
    if offer.status != OfferStatus.DRAFT:
        raise Conflict("Penawaran ini sudah diumumkan.", "Already published.")
    offer.status = OfferStatus.PUBLISHED
    offer.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="studies.offer.publish", target=offer)
    return offer


@transaction.atomic
def candidate_add(*, actor: User, offer_id: int, employee_id: int) -> StudyCandidate:
    """An admin of the ASN's unit proposes it, or the ASN applies itself while the window is
    open. Eligibility and flags are computed at once (and again by `candidates_rank`)."""
    offer = _offer(offer_id, lock=True)
    employee = Employee.objects.filter(pk=employee_id).first()
    if employee is None or not policy.can_act_for(actor, employee):
        raise NotFound("Pegawai tidak ditemukan.", "Employee not found.")
    today = timezone.localdate()
    if offer.status != OfferStatus.PUBLISHED or not offer.opens_on <= today <= offer.closes_on:
        raise Conflict("Pendaftaran penawaran ini tidak sedang dibuka.", "The offer is not open.")
    by_self = employee.user_id == actor.pk
    try:
        with transaction.atomic():
            candidate = StudyCandidate.objects.create(
                offer=offer,
                employee=employee,
                proposed_by=ProposedBy.SELF if by_self else ProposedBy.OPD,
            )
    except IntegrityError as error:
        raise Conflict(
            "Pegawai ini sudah menjadi calon pada penawaran ini.",
            "Already a candidate of this offer.",
            code="study_candidate_twice",
        ) from error
    _rank(offer, [candidate], today)
    audit_record(
        actor=actor,
        action="studies.candidate.add",
        target=candidate,
        after={
            "offer": offer.pk,
            "employee": employee.pk,
            "proposed_by": candidate.proposed_by,
            "eligible": candidate.eligible,
        },
    )
    return candidate


@transaction.atomic
def candidates_rank(*, actor: User, offer_id: int, on: dt.date | None = None) -> int:
    offer = _offer(offer_id, lock=True)
    if not policy.is_study_admin(actor) or not unit_is_visible_to(actor, offer.owner_unit_id):
        raise NotAllowed
    candidates = list(offer.candidates.all())
    _rank(offer, candidates, on or timezone.localdate())
    audit_record(
        actor=actor,
        action="studies.candidates.rank",
        target=offer,
        after={"candidates": len(candidates)},
    )
    return len(candidates)


def _rank(offer: StudyOffer, candidates: list[StudyCandidate], on: dt.date) -> None:
    ids = [c.employee_id for c in candidates]
    decisions = eligibility_many(
        employees=Employee.objects.filter(pk__in=ids),
        kind=offer.kind,
        level=offer.level,
        on=on,
        exception_3t=offer.exception_3t,
    )
    box = talent_link.box_seven(ids, on.year - 1)
    gaps = talent_link.competency_gaps(ids)
    facts = {
        pk: (nip, born)
        for pk, nip, born in Employee.objects.filter(pk__in=ids).values_list(
            "pk", "nip", "birth_date"
        )
    }
    rule = rule_for(kind=offer.kind, level=offer.level)
    limit = (rule.max_age_exception if offer.exception_3t else rule.max_age) or 58
    for candidate in candidates:
        decision = decisions[candidate.employee_id]
        candidate.eligible = decision.eligible
        candidate.reasons = decision.reasons
        candidate.box_seven = None if box is None else candidate.employee_id in box
        candidate.competency_gap = None if gaps is None else candidate.employee_id in gaps
        nip, born = facts[candidate.employee_id]
        tmt = tmt_cpns_from_nip(nip)
        values = {
            "masa_kerja": min(1.0, completed_months(tmt, on) / 360) if tmt else 0.0,
            "usia": max(0.0, min(1.0, (limit - completed_years(born, on)) / 20)),
            "kotak_7": 1.0 if candidate.box_seven else 0.0,
            "kesenjangan_kompetensi": 1.0 if candidate.competency_gap else 0.0,
        }
        score = sum(values.get(c["key"], 0.0) * float(c["weight"]) for c in offer.criteria)
        candidate.score = Decimal(str(round(score, 2)))
    StudyCandidate.objects.bulk_update(
        candidates, ["eligible", "reasons", "box_seven", "competency_gap", "score", "updated_at"]
    )
