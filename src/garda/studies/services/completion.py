"""Completion: the diploma checked (accredited at graduation, equivalence for a foreign
degree), the degree put on record in the registry (pencantuman gelar, through the registry's
service), the return to a post, and the service bond — its length by the funding source's rule
(bond years = multiplier x study years + extra), its breach and the repayment by that rule
(cost paid x months of bond remaining ÷ months in total x the source's factor)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from garda.core.access import decides_own_case
from garda.core.audit.services import audit_record
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.formatting import long_date
from garda.core.models import User
from garda.learning.services.results import add_months
from garda.people.models import EducationLevel, EmployeeStatus
from garda.people.services import employee_update
from garda.studies import policy
from garda.studies.eligibility import completed_months
from garda.studies.emails import Step, notify
from garda.studies.models import (
    AssignmentStatus,
    BondStatus,
    DocumentKind,
    FundingSource,
    ServiceBond,
    StudyAssignment,
)
from garda.studies.selectors.eligibility import rule_for
from garda.studies.services.applications import _locked


def bond_months(funding: FundingSource, study_months: int) -> int:
    """The source's rule: multiplier x n + extra years, in months (LPDP: 2n + 1)."""
    months = funding.bond_multiplier * study_months + funding.bond_extra_years * 12
    return int(months.to_integral_value(rounding=ROUND_HALF_UP))


def repayment_due(bond: ServiceBond, cost_paid: Decimal, on: dt.date) -> Decimal:
    remaining = max(0, bond.months - max(0, completed_months(bond.starts_on, on)))
    factor = bond.assignment.funding_source.repayment_factor
    amount = cost_paid * remaining / bond.months * factor if bond.months else Decimal("0")
    return amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def cost_paid(assignment: StudyAssignment) -> Decimal:
    total = assignment.reports.aggregate(total=Sum("payment_amount"))["total"]
    return Decimal(total or 0)


def _diploma_problems(assignment: StudyAssignment, graduated_on: dt.date) -> list[str]:
    kinds = set(assignment.documents.values_list("kind", flat=True))
    program = assignment.program
    problems = []
    if DocumentKind.IJAZAH not in kinds:
        problems.append("ijazah belum diunggah")
    if program.abroad and DocumentKind.PENYETARAAN not in kinds:
        problems.append("ijazah luar negeri memerlukan surat penyetaraan")
    minimum = rule_for(kind=assignment.kind, level=assignment.level).min_accreditation_rank
    if minimum is not None and program.grade.rank > minimum:
        problems.append(f"program studi terakreditasi {program.grade.name} saat lulus")
    if program.valid_until is not None and program.valid_until < graduated_on:
        problems.append(f"akreditasi program studi berakhir {long_date(program.valid_until)}")
    return problems


@transaction.atomic
def study_graduate(
    *, actor: User, assignment_id: int, graduated_on: dt.date, degree: str
) -> StudyAssignment:
    """Check the diploma, record the degree in the registry and start the bond."""
    assignment = _locked(assignment_id)
    employee = assignment.employee
    if not policy.can_administer(actor, employee) or decides_own_case(actor, employee.user_id):
        raise NotAllowed
    if assignment.status != AssignmentStatus.APPROVED:
        raise Conflict("Studi ini tidak sedang berjalan.", "This study is not under way.")
    if not degree.strip():
        raise ValidationFailed(
            "Isi gelar yang diperoleh.",
            "Enter the degree.",
            errors=[{"field": "degree", "message": "Wajib diisi."}],
        )
    problems = _diploma_problems(assignment, graduated_on)
    if problems:
        raise ValidationFailed(
            "Ijazah belum dapat dicatat: " + "; ".join(problems) + ".",
            "The diploma cannot be recorded yet: " + "; ".join(problems) + ".",
            code="study_diploma_invalid",
        )
    program = assignment.program
    assignment.status = AssignmentStatus.GRADUATED
    assignment.graduated_on = graduated_on
    assignment.degree = degree.strip()[:40]
    assignment.degree_recorded = True
    assignment.save()
    values: dict[str, object] = {
        "education_major": program.name[:120],
        "education_institution": program.institution[:150],
        "gelar_belakang": ", ".join(p for p in (employee.gelar_belakang, assignment.degree) if p)[
            :60
        ],
    }
    level = EducationLevel.objects.filter(code=assignment.level).first()
    if level is not None:
        values["education_level_id"] = level.pk
    employee_update(actor=actor, employee=employee, values=values)
    funding = assignment.funding_source
    months = bond_months(funding, assignment.total_months)
    bond = None
    if months > 0:
        bond = ServiceBond.objects.create(
            assignment=assignment,
            starts_on=graduated_on,
            months=months,
            ends_on=add_months(graduated_on, months),
        )
    audit_record(
        actor=actor,
        action="studies.graduate",
        target=assignment,
        after={
            "degree": assignment.degree,
            "graduated_on": graduated_on.isoformat(),
            "bond_months": bond.months if bond else 0,
        },
    )
    notify(assignment, Step.GRADUATED)
    return assignment


@transaction.atomic
def study_return(
    *, actor: User, assignment_id: int, returned_on: dt.date, post: str, uses_degree: bool = False
) -> StudyAssignment:
    """Back to a post: the registry's status and jabatan change through its own service.
    Whether the post uses the degree is recorded for the dashboard's placement figure."""
    assignment = _locked(assignment_id)
    if not policy.can_administer(actor, assignment.employee):
        raise NotAllowed
    if assignment.returned_on is not None:
        raise Conflict("Kembalinya pegawai sudah dicatat.", "The return is already recorded.")
    if assignment.status == AssignmentStatus.SUBMITTED:
        raise Conflict("Studi belum disetujui.", "Not approved yet.")
    if not post.strip():
        raise ValidationFailed(
            "Isi jabatan setelah kembali.",
            "Enter the post.",
            errors=[{"field": "post", "message": "Wajib diisi."}],
        )
    assignment.returned_on = returned_on
    assignment.return_post = post.strip()[:200]
    assignment.return_uses_degree = uses_degree
    assignment.save()
    employee = assignment.employee
    values: dict[str, object] = {"jabatan_name": assignment.return_post}
    if employee.status == EmployeeStatus.TUGAS_BELAJAR:
        values["status"] = EmployeeStatus.AKTIF
    employee_update(actor=actor, employee=employee, values=values)
    audit_record(
        actor=actor,
        action="studies.return",
        target=assignment,
        after={
            "returned_on": returned_on.isoformat(),
            "post": assignment.return_post,
            "uses_degree": uses_degree,
        },
    )
    notify(assignment, Step.RETURNED)
    return assignment


@transaction.atomic
def bond_breach(*, actor: User, bond_id: int, breached_on: dt.date) -> ServiceBond:
    bond = (
        ServiceBond.objects.select_for_update(of=("self",))
        .select_related("assignment__employee", "assignment__funding_source")
        .filter(pk=bond_id)
        .first()
    )
    if bond is None:
        raise NotFound("Ikatan dinas tidak ditemukan.", "Bond not found.")
    if not policy.can_administer(actor, bond.assignment.employee):
        raise NotAllowed
    if bond.status != BondStatus.SERVING:
        raise Conflict("Ikatan dinas ini tidak sedang dijalani.", "This bond is not running.")
    bond.status = BondStatus.BREACHED
    bond.breached_on = breached_on
    bond.repayment = repayment_due(bond, cost_paid(bond.assignment), breached_on)
    bond.save()
    audit_record(
        actor=actor,
        action="studies.bond.breach",
        target=bond,
        after={"breached_on": breached_on.isoformat(), "repayment": str(bond.repayment)},
    )
    notify(bond.assignment, Step.BOND_BREACHED)
    return bond


@transaction.atomic
def bonds_close_served(*, today: dt.date | None = None) -> int:
    """Close as served (completed) every bond still running on or after its end date: the daily
    run (`garda study_bonds_close` and the `close_served_bonds` task). Idempotent: a closed
    bond is not running, so a second run the same day closes nothing. Returns how many."""
    today = today or timezone.localdate()
    due = (
        ServiceBond.objects.select_for_update(of=("self",))
        .filter(status=BondStatus.SERVING, ends_on__lte=today)
        .select_related("assignment")
        .order_by("pk")
    )
    closed = 0
    for bond in due:
        bond.status = BondStatus.COMPLETED
        bond.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=None,
            action="studies.bond.served",
            target=bond,
            after={"ends_on": bond.ends_on.isoformat(), "months": bond.months},
        )
        notify(bond.assignment, Step.BOND_SERVED)
        closed += 1
    return closed
