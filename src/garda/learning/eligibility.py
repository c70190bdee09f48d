"""Who a batch is for: the rule that self-registration, nomination and the ledger's
"matching batches" all read."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from garda.learning.models import Batch, BatchStatus, Enrollment, EnrollmentStatus, Program
from garda.people.models import Employee


def open_batches(today: dt.date) -> QuerySet[Batch]:
    return Batch.objects.filter(
        status=BatchStatus.OPEN, registration_opens__lte=today, registration_closes__gte=today
    )


def completed_program_ids(employee_id: int) -> set[int]:
    return set(
        Enrollment.objects.filter(
            employee_id=employee_id, status=EnrollmentStatus.COMPLETED
        ).values_list("batch__program_id", flat=True)
    )


def programs_for(employee: Employee) -> QuerySet[Program]:
    """Programs whose target jabatan/golongan (empty = everyone) include the employee and
    whose prerequisite programs the employee has all completed."""
    programs = Program.objects.filter(is_published=True)
    jabatan = Q(target_jabatan_kinds__isnull=True)
    if employee.jabatan_kind_id:
        jabatan |= Q(target_jabatan_kinds=employee.jabatan_kind_id)
    golongan = Q(target_golongan__isnull=True)
    if employee.golongan_id:
        golongan |= Q(target_golongan=employee.golongan_id)
    programs = programs.filter(pk__in=Program.objects.filter(jabatan).values("pk"))
    programs = programs.filter(pk__in=Program.objects.filter(golongan).values("pk"))
    done = completed_program_ids(employee.pk)
    # A program is out when any prerequisite is not in `done`.
    missing = Program.prerequisites.through.objects.exclude(to_program_id__in=done)
    return programs.exclude(pk__in=missing.values("from_program_id"))


def ineligibility(employee: Employee, program: Program) -> str:
    """Why `employee` may not take `program` (Indonesian), or "" when they may."""
    jabatan_ids = set(program.target_jabatan_kinds.values_list("pk", flat=True))
    if jabatan_ids and employee.jabatan_kind_id not in jabatan_ids:
        return "Jenis jabatan Anda bukan sasaran program ini."
    golongan_ids = set(program.target_golongan.values_list("pk", flat=True))
    if golongan_ids and employee.golongan_id not in golongan_ids:
        return "Golongan Anda bukan sasaran program ini."
    needed = set(program.prerequisites.values_list("pk", flat=True))
    if needed - completed_program_ids(employee.pk):
        return "Anda belum lulus program prasyarat."
    return ""
