"""Reads of the studies app, each scoped by core.access: an admin sees its subtree, an atasan
its unit's, an ASN its own records, the public only aggregates (`public_figures`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from garda.core.access import scope_by_unit
from garda.core.errors import NotFound
from garda.core.models import User
from garda.learning.ledger.models import LedgerEntry
from garda.studies.models import (
    AssignmentStatus,
    OfferStatus,
    SemesterReport,
    ServiceBond,
    StudyAssignment,
    StudyCandidate,
    StudyOffer,
    TrainingPermit,
)
from garda.studies.policy import STEP_ROLES

Viewer = User | AnonymousUser


def assignment_list(*, user: Viewer) -> QuerySet[StudyAssignment]:
    queryset = StudyAssignment.objects.select_related(
        "employee__unit", "program__grade", "funding_source", "offer"
    )
    return scope_by_unit(
        queryset, user, unit_field="employee__unit", self_field="employee__user"
    ).order_by("-created_at", "-pk")


def assignment_get(*, user: Viewer, assignment_id: int) -> StudyAssignment:
    assignment = assignment_list(user=user).filter(pk=assignment_id).first()
    if assignment is None:
        raise NotFound("Data studi tidak ditemukan.", "Study not found.")
    return assignment


def awaiting_decision(*, user: User) -> QuerySet[StudyAssignment]:
    """Applications whose next step is one this user's role decides, within its scope."""
    steps = [step for step, roles in STEP_ROLES.items() if user.is_superuser or user.role in roles]
    return (
        assignment_list(user=user)
        .filter(status=AssignmentStatus.SUBMITTED, next_step__in=steps)
        .exclude(employee__user=user)
    )


def reports_to_check(*, user: User) -> QuerySet[SemesterReport]:
    return (
        SemesterReport.objects.filter(
            status="submitted", assignment__in=assignment_list(user=user).values("pk")
        )
        .exclude(assignment__employee__user=user)
        .select_related("assignment__employee")
    )


def offer_list(*, user: Viewer) -> QuerySet[StudyOffer]:
    """Published offers are open to every signed-in ASN; drafts to the admins of the owner."""
    queryset = StudyOffer.objects.select_related("funding_source", "owner_unit")
    if not user.is_authenticated:
        return queryset.filter(status=OfferStatus.PUBLISHED)
    own = scope_by_unit(queryset, user, unit_field="owner_unit").values("pk")
    return queryset.filter(Q(status=OfferStatus.PUBLISHED) | Q(pk__in=own)).order_by(
        "-year", "title"
    )


def offer_get(*, user: Viewer, offer_id: int) -> StudyOffer:
    offer = offer_list(user=user).filter(pk=offer_id).first()
    if offer is None:
        raise NotFound("Penawaran tidak ditemukan.", "Offer not found.")
    return offer


def shortlist(*, user: Viewer, offer: StudyOffer) -> list[tuple[StudyCandidate, bool]]:
    """Candidates the viewer may see, eligible first by score; True for those within quota."""
    candidates = scope_by_unit(
        offer.candidates.select_related("employee__unit"),
        user,
        unit_field="employee__unit",
        self_field="employee__user",
    ).order_by("-eligible", "-score", "employee__name")
    ranked = []
    place = 0
    for candidate in candidates:
        within = candidate.eligible and place < offer.quota
        place += 1 if candidate.eligible else 0
        ranked.append((candidate, within))
    return ranked


def permit_list(*, user: Viewer) -> QuerySet[TrainingPermit]:
    return scope_by_unit(
        TrainingPermit.objects.select_related("employee__unit", "form"),
        user,
        unit_field="employee__unit",
        self_field="employee__user",
    )


def bond_list(*, user: Viewer) -> QuerySet[ServiceBond]:
    return scope_by_unit(
        ServiceBond.objects.select_related(
            "assignment__employee__unit", "assignment__funding_source"
        ),
        user,
        unit_field="assignment__employee__unit",
        self_field="assignment__employee__user",
    )


def study_jp(assignment: StudyAssignment) -> Any:
    """JP the study has earned in the ledger (its semester entries)."""
    prefix = f"studies-semester:{assignment.pk}:"
    return LedgerEntry.objects.filter(source_key__startswith=prefix, status="valid").values_list(
        "jp", flat=True
    )


def public_figures() -> dict[str, Any]:
    """Aggregates only, province-wide: how many study, at what level, funded by whom."""
    running = StudyAssignment.objects.filter(status="approved").order_by()
    return {
        "studying": running.count(),
        "graduated": StudyAssignment.objects.filter(status="graduated").count(),
        "by_level": list(running.values("level").annotate(n=Count("pk")).order_by("level")),
        "by_kind": list(running.values("kind").annotate(n=Count("pk")).order_by("kind")),
        "by_funding": list(
            running.values("funding_source__name")
            .annotate(n=Count("pk"))
            .order_by("funding_source__name")
        ),
    }
