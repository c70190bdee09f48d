"""What the public budget portal shows about training: per budget line, the batches it paid
for (aggregates only, never names), and per year and scope, ASN trained, JP and cost.
Called by transparency.budget.selectors; the rows are plain values so the portal can cache
them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from garda.learning.models import Batch, EnrollmentStatus
from garda.learning.selectors import PUBLIC_BATCH_STATUSES


@dataclass(frozen=True)
class TrainingBatchRow:
    batch_id: int
    program_title: str
    batch_name: str
    starts_on: dt.date
    ends_on: dt.date
    cost: int
    participants: int
    asn_trained: int
    jp_delivered: int

    def __str__(self) -> str:
        return f"{self.program_title} — {self.batch_name}"


def _annotated(batches: QuerySet[Batch]) -> QuerySet[Batch]:
    return batches.filter(status__in=PUBLIC_BATCH_STATUSES).annotate(
        participants=Count(
            "enrollments",
            filter=Q(enrollments__status__in=[EnrollmentStatus.APPROVED,
                                              EnrollmentStatus.COMPLETED,
                                              EnrollmentStatus.NOT_COMPLETED]),
        ),
        trained=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.COMPLETED)),
    )  # fmt: skip


def batches_for_line(line_id: int) -> list[TrainingBatchRow]:
    batches = _annotated(Batch.objects.filter(budget_line_id=line_id)).select_related("program")
    return [
        TrainingBatchRow(
            batch_id=b.pk,
            program_title=b.program.title,
            batch_name=b.name,
            starts_on=b.starts_on,
            ends_on=b.ends_on,
            cost=b.cost,
            participants=getattr(b, "participants", 0),
            asn_trained=getattr(b, "trained", 0),
            jp_delivered=getattr(b, "trained", 0) * b.program.jp,
        )
        for b in batches.order_by("-starts_on", "-pk")
    ]


def capacity_for_lines(line_ids: QuerySet[Any, Any]) -> tuple[int, int, int] | None:
    """(ASN trained, JP delivered, cost) over the batches paid from these lines; None when
    there are none. An ASN trained twice counts twice: it is a count of trainings bought."""
    batches = Batch.objects.filter(budget_line__in=line_ids, status__in=PUBLIC_BATCH_STATUSES)
    totals = batches.aggregate(count=Count("pk"), cost=Sum("cost"))
    if not totals["count"]:
        return None
    done = batches.filter(enrollments__status=EnrollmentStatus.COMPLETED).aggregate(
        trained=Count("enrollments"), jp=Sum("program__jp")
    )
    return int(done["trained"] or 0), int(done["jp"] or 0), int(totals["cost"] or 0)
