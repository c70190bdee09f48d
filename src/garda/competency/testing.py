"""Test helpers of the competency app: an instansi with standards, assessed employees, tagged
programs, and the URL parameters the project's role-matrix and isolation tests need."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.db import transaction

from garda.competency.models import (
    Assessment,
    Competency,
    DevelopmentPlan,
    PlanItem,
    PlanStatus,
    Standard,
)
from garda.competency.services import assessment_record, gaps_refresh, program_tags_set
from garda.core.identity import make_nip
from garda.core.models import Unit, User
from garda.core.org.services import unit_create
from garda.learning.models import Program
from garda.learning.testing import sample_program
from garda.people.models import Employee, JabatanKind
from garda.people.services import employee_create

_numbers = itertools.count(1)
ASSESSED_ON = dt.date(2026, 3, 2)


def competency(code: str) -> Competency:
    return Competency.objects.get(code=code, instansi__isnull=True)


def instansi_of_test(name: str = "") -> Unit:
    n = next(_numbers)
    return unit_create(actor=None, code=f"KOMP.{n}", name=name or f"Instansi Uji {n}",
                       kind="instansi", parent=None)  # fmt: skip


def opd_in(instansi: Unit, name: str = "") -> Unit:
    n = next(_numbers)
    return unit_create(actor=None, code=f"{instansi.code}.OPD{n}", name=name or f"Dinas Uji {n}",
                       kind="opd", parent=instansi)  # fmt: skip


def employee_in(
    unit: Unit, *, kind: str = "pelaksana", jabatan: str = "Pengolah Data", user: User | None = None
) -> Employee:
    n = next(_numbers)
    born = dt.date(1986, 1, 1) + dt.timedelta(days=n)
    return employee_create(
        actor=None, nip=make_nip(born, 2011, 2, "P", 1 + n % 999), kind="pns",
        name=f"Pegawai Kompetensi {n}", birth_date=born, gender="P", unit_id=unit.pk,
        jabatan_kind_id=JabatanKind.objects.get(code=kind).pk, jabatan_name=jabatan,
        user_id=user.pk if user else None,
    )  # fmt: skip


@transaction.atomic
def set_standard(instansi: Unit, kind: str, code: str, level: int, jabatan: str = "") -> None:
    """A standard written directly (tests of the service use the service)."""
    from garda.competency.rules import jabatan_key  # keeps this helper's imports small

    Standard.objects.update_or_create(
        instansi=instansi, jabatan_kind=JabatanKind.objects.get(code=kind),
        jabatan_key=jabatan_key(jabatan), competency=competency(code),
        defaults={"jabatan_name": jabatan, "level": level},
    )  # fmt: skip
    gaps_refresh(employee_ids=Employee.objects.values_list("pk", flat=True))


def assess(employee: Employee, levels: dict[str, int], *, on: dt.date = ASSESSED_ON) -> None:
    admin = _superuser()
    for code, level in levels.items():
        assessment_record(actor=admin, employee_id=employee.pk, competency_id=competency(code).pk,
                          level=level, assessed_on=on, method="Assessment center",
                          institution="UPT Penilaian Kompetensi")  # fmt: skip


def tagged_program(tags: dict[str, int], **extra: Any) -> Program:
    program = sample_program(**extra)
    program_tags_set(actor=_superuser(), program_id=program.pk,
                     tags=[(competency(c).pk, lv) for c, lv in tags.items()])  # fmt: skip
    return program


def _superuser() -> User:
    return User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        username=f"superkomp{next(_numbers)}",
        password="x",  # noqa: S106  # test-only account
    )


def _colleague(user: User | None) -> Employee:
    """Someone with a gap in the user's unit (an ASN: itself). An ASN's own record may have
    been made by another app's sample first, so the standard and assessment are always set."""
    own = None
    if user is not None and user.role == "asn":
        own = Employee.objects.filter(user=user).first()
    unit = user.unit if user is not None and user.unit else instansi_of_test()
    employee = own or employee_in(
        unit, user=user if user is not None and user.role == "asn" else None
    )
    unit = employee.unit
    instansi = Unit.objects.get(pk=int(unit.path.strip("/").split("/")[0]))
    set_standard(instansi, "pelaksana", "M.1", 3)
    assess(employee, {"M.1": 2})
    return employee


def _plan(user: User | None) -> DevelopmentPlan:
    employee = _colleague(user)
    tagged_program({"M.1": 3})
    plan, _created = DevelopmentPlan.objects.get_or_create(employee=employee, year=2026)
    return plan


def role_matrix_params() -> dict[str, Any]:
    """url name -> kwargs dict, or a callable(user) -> kwargs dict."""
    return {
        "competency:employee": lambda user: {"pk": _colleague(user).pk},
        "competency:heatmap_export": {"fmt": "csv"},
        "competency:standard_delete": {"pk": 1},
        "competency:program_tags": lambda user: {
            "pk": sample_program(owner_unit=user.unit if user is not None else None).pk
        },
        "competency:idp_detail": lambda user: {"pk": _plan(user).pk},
        "competency:idp_submit": lambda user: {"pk": _plan(user).pk},
        "competency:idp_item_remove": lambda user: {"pk": _plan(user).pk},
        "competency:idp_item_add": lambda user: {"pk": _plan(user).pk},
        "competency:idp_decide": lambda user: {"pk": _plan(user).pk},
        "competency:plan_batch": _plan_line,
        "api:competency-detail": lambda user: {"pk": competency("M.1").pk},
        "api:competency-standard-detail": lambda user: {"pk": _standard(user)},
        "api:competency-assessment-detail": lambda user: {"pk": _assessment(user)},
        "api:competency-gap-detail": lambda user: {"pk": _colleague(user).pk},
        "api:development-plan-detail": lambda user: {"pk": _plan(user).pk},
    }


def _assessment(user: User | None) -> int:
    employee = _colleague(user)
    found = Assessment.objects.filter(employee=employee).values_list("pk", flat=True).first()
    return int(found or 0)


def _standard(user: User | None) -> int:
    employee = _colleague(user)
    root = int(employee.unit.path.strip("/").split("/")[0])
    return int(Standard.objects.filter(instansi_id=root).values_list("pk", flat=True)[0])


def approved_plan(employee: Employee, program: Program, *, year: int = 2026) -> DevelopmentPlan:
    """An approved plan with one program item (what the annual plan rolls up)."""
    plan, _created = DevelopmentPlan.objects.get_or_create(
        employee=employee, year=year, defaults={"status": PlanStatus.APPROVED}
    )
    PlanItem.objects.get_or_create(
        plan=plan, program=program,
        defaults={"competency": competency("M.1"), "gap": -1, "title": program.title,
                  "jp": program.jp, "cost": program.cost_per_participant},
    )  # fmt: skip
    return plan


def _plan_line(user: User | None) -> dict[str, int]:
    program = tagged_program({"M.1": 3})
    approved_plan(_colleague(user), program)
    return {"year": 2026, "program": program.pk}


ROLE_MATRIX_SKIP: dict[str, str] = {}
