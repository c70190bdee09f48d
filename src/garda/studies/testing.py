"""Test helpers of the studies app: employees with a chosen birth date and TMT CPNS, an
accredited programme, a study at each stage, and the URL parameters of the role matrix."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from garda.core.identity import make_nip
from garda.core.models import Unit, UnitKind, User
from garda.core.org.services import unit_create
from garda.core.roles import Role
from garda.learning.testing import learning_form
from garda.people.models import Employee
from garda.people.services import employee_create
from garda.studies.models import (
    AccreditationGrade,
    AccreditedProgram,
    EligibilityRule,
    FundingSource,
    PangkatAdjustment,
    StudyAssignment,
    StudyOffer,
)
from garda.studies.rules_data import seed_rules
from garda.studies.services.applications import (
    application_decide,
    application_submit,
    document_upload,
)
from garda.talent.models import SkpResult

_numbers = itertools.count(1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ensure_rules() -> None:
    """The seeded rows, recreated after a transactional test's flush; and the ledger forms."""
    seed_rules(apps)
    learning_form("tugas-belajar")
    learning_form("izin-belajar")


def sample_unit(kind: str = UnitKind.OPD, parent: Unit | None = None) -> Unit:
    n = next(_numbers)
    return unit_create(
        actor=None, code=f"STD.{n}", name=f"Unit Studi {n}", kind=kind, parent=parent
    )


def sample_employee(
    *,
    unit: Unit | None = None,
    user: User | None = None,
    born: dt.date = dt.date(1990, 3, 15),
    tmt: tuple[int, int] = (2015, 3),
    kind: str = "pns",
    skp: str | None = "baik",
    **extra: Any,
) -> Employee:
    """An ASN with (unless `skp` is None) that SKP predikat for the two years before this one,
    as tugas belajar asks."""
    n = next(_numbers)
    nip = make_nip(born, tmt[0], tmt[1], "L", 1 + n % 999)
    employee = employee_create(
        actor=None,
        nip=nip,
        kind=kind,
        name=f"Pegawai Studi {n}",
        birth_date=born,
        gender="L",
        unit_id=(unit or (user.unit if user and user.unit else sample_unit())).pk,
        user_id=user.pk if user else None,
        jabatan_name="Analis Kebijakan",
        **extra,
    )
    if skp is not None:
        year = timezone.localdate().year
        for past in (year - 2, year - 1):
            SkpResult.objects.create(employee=employee, year=past, predikat=skp)
    return employee


def sample_program(*, grade: str = "unggul", level: str = "S2", **extra: Any) -> AccreditedProgram:
    ensure_rules()
    n = next(_numbers)
    values: dict[str, Any] = {
        "institution": f"Universitas Jambi {n}",
        "name": "Magister Administrasi Publik",
        "level": level,
        "grade": AccreditationGrade.objects.get(code=grade),
    }
    values.update(extra)
    return AccreditedProgram.objects.create(**values)


def funding(code: str = "apbd-provinsi") -> FundingSource:
    ensure_rules()
    return FundingSource.objects.get(code=code)


def pdf_upload(name: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def superuser() -> User:
    return User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        username=f"superstudi{next(_numbers)}",
        password="x",  # noqa: S106  # test-only account
    )


def sample_assignment(
    *,
    employee: Employee | None = None,
    approved: bool = False,
    level: str = "S2",
    kind: str = "tugas",
    user: User | None = None,
) -> StudyAssignment:
    """An application (or, `approved`, a running study with its decree) by a superuser."""
    admin = superuser()
    unit = user.unit if user is not None and user.unit else None
    if employee is None:
        if user is not None and user.role == Role.ASN:
            employee = Employee.objects.filter(user=user).first() or sample_employee(user=user)
        else:
            employee = sample_employee(unit=unit)
    program = sample_program(level=level)
    assignment = application_submit(
        actor=admin,
        employee_id=employee.pk,
        kind=kind,
        level=level,
        program_id=program.pk,
        funding_source_id=funding("mandiri" if kind == "izin" else "apbd-provinsi").pk,
        starts_on=timezone.localdate(),
        cost_per_semester=Decimal("15000000"),
        relevance="Mendukung tugas jabatan.",
    )
    if approved:
        for kind_ in ("loa", "pernyataan"):
            document_upload(actor=admin, assignment_id=assignment.pk, kind=kind_, file=pdf_upload())
        for _step in range(3):
            assignment = application_decide(actor=admin, assignment_id=assignment.pk, approved=True)
    return assignment


def sample_offer(*, unit: Unit | None = None, publish: bool = True) -> StudyOffer:
    today = timezone.localdate()
    return StudyOffer.objects.create(
        owner_unit=unit or sample_unit(),
        title=f"Beasiswa S2 {next(_numbers)}",
        year=today.year,
        kind="tugas",
        level="S2",
        funding_source=funding(),
        field="Administrasi Publik",
        quota=2,
        budget_per_person=Decimal("90000000"),
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=25),
        status="published" if publish else "draft",
        criteria=[{"key": "masa_kerja", "weight": 50}, {"key": "usia", "weight": 50}],
    )


def role_matrix_params() -> dict[
    str, Mapping[str, Any] | Callable[[User | None], Mapping[str, Any]]
]:
    # Izin belajar S1: no age limit and no SKP, so the role matrix's own employee (born 1980,
    # no SKP on record) may apply.
    def study(user: User | None) -> StudyAssignment:
        # An ASN has one open study at a time: its routes share the first one made.
        mine = StudyAssignment.objects.filter(employee__user=user, status="approved").first()
        if user is not None and user.role == Role.ASN and mine is not None:
            return mine
        return sample_assignment(user=user, approved=True, kind="izin", level="S1")

    def assignment(user: User | None) -> dict[str, Any]:
        return {"pk": study(user).pk}

    def offer(user: User | None) -> dict[str, Any]:
        return {"pk": sample_offer(unit=user.unit if user and user.unit else None).pk}

    def code(user: User | None) -> dict[str, Any]:
        return {"code": study(user).decree_code}

    return {
        "studies:assignment": assignment,
        "studies:decree_pdf": assignment,
        "studies:verify": code,
        "studies:offer": offer,
        "studies:document_upload": assignment,
        "studies:decide": assignment,
        "studies:report_submit": assignment,
        "studies:report_decide": {"pk": 999_999},
        "studies:graduate": assignment,
        "studies:return": assignment,
        "studies:extend": assignment,
        "studies:cancel": assignment,
        "studies:candidate_add": offer,
        "studies:offer_publish": offer,
        "studies:offer_rank": offer,
        "studies:bond_breach": {"pk": 999_999},
        "studies:permit_decide": {"pk": 999_999},
        "studies:permit_report": {"pk": 999_999},
        "studies:export": {"fmt": "csv"},
        "api:study-assignment-detail": assignment,
        "studies:rule_edit": lambda _user: {"pk": _first_rule()},
        "studies:funding_edit": lambda _user: {"pk": funding().pk},
        "studies:pangkat_edit": lambda _user: {
            "pk": PangkatAdjustment.objects.order_by("pk")[0].pk
        },
    }


def _first_rule() -> int:
    ensure_rules()
    return int(EligibilityRule.objects.order_by("pk").values_list("pk", flat=True)[0])


ROLE_MATRIX_SKIP: dict[str, str] = {
    "api:study-assignment-decide": "POST action with its own access; covered in test_workflow",
}
