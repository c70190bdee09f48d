"""Test helpers of this app: sample programs, batches and employees, and the URL parameters
the project's role-matrix test (garda/core/tests/test_role_matrix.py) needs."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from garda.core.identity import make_nip
from garda.core.models import Unit, UnitKind, User
from garda.core.org.services import unit_create
from garda.core.roles import Role
from garda.core.testing import make_user
from garda.learning.ledger.forms_data import LEARNING_FORMS
from garda.learning.ledger.models import LearningForm
from garda.learning.models import Batch, BatchStatus, Enrollment, EnrollmentStatus, Program, Session
from garda.learning.services import enrollment_nominate
from garda.learning.services.calendar_feed import token_for
from garda.learning.services.certificates import certificate_issue
from garda.people.models import Employee
from garda.people.services import employee_create

_numbers = itertools.count(1)


def sample_unit(kind: str = UnitKind.OPD, parent: Unit | None = None) -> Unit:

    n = next(_numbers)
    return unit_create(
        actor=None, code=f"LRN.{n}", name=f"Unit Latih {n}", kind=kind, parent=parent
    )


def sample_employee(
    *, unit: Unit | None = None, user: User | None = None, **extra: Any
) -> Employee:

    n = next(_numbers)
    # Born 1985-1989 whatever the counter reached: a TMT CPNS of 2010 needs an adult (the NIP
    # rule); (born, sequence) stays unique for half a million employees.
    born = dt.date(1985, 1, 1) + dt.timedelta(days=n % 1500)
    return employee_create(
        actor=None, nip=make_nip(born, 2010, 1, "L", 1 + n % 999), kind="pns",
        name=f"Peserta Latih {n}", birth_date=born, gender="L",
        unit_id=(unit or (user.unit if user and user.unit else sample_unit())).pk,
        user_id=user.pk if user else None, **extra,
    )  # fmt: skip


def learning_form(code: str) -> LearningForm:
    """A seeded form; recreated from the seed list when a transactional test's flush (which
    empties the rows migrations seed) ran before this test."""

    _code, name, category, is_leadership = next(f for f in LEARNING_FORMS if f[0] == code)
    form, _created = LearningForm.objects.get_or_create(
        code=code, defaults={"name": name, "category": category, "is_leadership": is_leadership}
    )
    return form


def sample_program(*, owner_unit: Unit | None = None, **extra: Any) -> Program:
    n = next(_numbers)
    values: dict[str, Any] = {
        "code": f"prog-{n}",
        "title": f"Pelatihan Uji {n}",
        "form": learning_form("teknis"),
        "jp": 24,
        "mode": "tatap_muka",
        "provider": "bpsdm",
        "cost_per_participant": 1_500_000,
        "evaluation_delay_months": 4,
        "needs_atasan": False,
        "post_test_required": False,
        "min_attendance_percent": 0,
        "owner_unit": owner_unit or sample_unit(),
    }
    values.update(extra)
    return Program.objects.create(**values)


def sample_batch(
    *, program: Program | None = None, seats: int = 30, sessions: int = 0, **extra: Any
) -> Batch:
    program = program or sample_program()
    today = timezone.localdate()
    values: dict[str, Any] = {
        "program": program,
        "name": f"Angkatan {next(_numbers)}",
        "organiser_unit": program.owner_unit,
        "place": "Aula BPSDM Provinsi Jambi",
        "seats": seats,
        "registration_opens": today - dt.timedelta(days=7),
        "registration_closes": today + dt.timedelta(days=7),
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=2),
        "status": BatchStatus.OPEN,
        "cost": program.cost_per_participant * seats,
    }
    values.update(extra)
    batch = Batch.objects.create(**values)
    now = timezone.now()
    for i in range(sessions):
        Session.objects.create(
            batch=batch, title=f"Materi {i + 1}",
            starts_at=now - dt.timedelta(hours=1) + dt.timedelta(days=i),
            ends_at=now + dt.timedelta(hours=2) + dt.timedelta(days=i),
        )  # fmt: skip
    return batch


def sample_enrollment(user: User | None = None, *, batch: Batch | None = None) -> Enrollment:
    """An approved registration; of `user`'s own employee record when it is an ASN,
    otherwise of someone in `user`'s unit."""

    batch = batch or sample_batch(sessions=1)
    unit = user.unit if user is not None and user.unit else sample_unit()
    if user is not None and user.role == Role.ASN:
        employee = Employee.objects.filter(user=user).first() or sample_employee(user=user)
    else:
        employee = sample_employee(unit=unit)
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        username=f"super{next(_numbers)}",
        password="x",  # noqa: S106  # test-only account
    )
    return enrollment_nominate(actor=admin, batch_id=batch.pk, employee_id=employee.pk)


def sample_certificate(user: User | None = None) -> Any:
    """A passed participant with its certificate, in `user`'s unit (batch organised there)."""

    unit = user.unit if user is not None and user.unit else None
    batch = sample_batch(program=sample_program(owner_unit=unit), sessions=1)
    enrollment = sample_enrollment(user, batch=batch)
    with transaction.atomic():
        enrollment.status = EnrollmentStatus.COMPLETED
        enrollment.completed_at = timezone.now()
        enrollment.save()
        return certificate_issue(actor=None, enrollment=enrollment)


def _program(user: User | None) -> dict[str, Any]:
    unit = user.unit if user is not None and user.unit else None
    return {"pk": sample_program(owner_unit=unit).pk}


def _batch(user: User | None) -> dict[str, Any]:
    unit = user.unit if user is not None and user.unit else None
    return {"pk": sample_batch(program=sample_program(owner_unit=unit), sessions=1).pk}


def _batch_ref(user: User | None) -> dict[str, Any]:
    return {"batch_pk": _batch(user)["pk"]}


def _session(user: User | None) -> dict[str, Any]:
    batch = Batch.objects.get(pk=_batch(user)["pk"])
    return {"pk": batch.sessions.values_list("pk", flat=True)[0]}


def _session_in_batch(user: User | None) -> dict[str, Any]:
    session = Session.objects.get(pk=_session(user)["pk"])
    return {"batch_pk": session.batch_id, "pk": session.pk}


def _enrollment(user: User | None) -> dict[str, Any]:
    return {"pk": sample_enrollment(user).pk}


def _certified_enrollment(user: User | None) -> dict[str, Any]:
    return {"pk": sample_certificate(user).enrollment_id}


def _certificate(user: User | None) -> dict[str, Any]:
    return {"pk": sample_certificate(user).pk}


def _code(user: User | None) -> dict[str, Any]:
    return {"code": sample_certificate(user).code}


def _calendar_token(user: User | None) -> dict[str, Any]:

    return {"token": token_for(user=user or make_user()).token}


def role_matrix_params() -> dict[
    str, Mapping[str, Any] | Callable[[User | None], Mapping[str, Any]]
]:
    """url name -> kwargs dict, or a callable(user) -> kwargs dict making an object the
    role's user may see (in its own unit)."""
    return {
        "learning:program_detail": _program,
        "learning:batch_detail": _batch,
        "learning:verify": _code,
        "learning:calendar_ics": _calendar_token,
        "learning:badge_status_list": {"number": 0},
        "learning:register": _batch,
        "learning:enrollment": _enrollment,
        "learning:cancel": _enrollment,
        "learning:document_upload": _enrollment,
        "learning:test": lambda user: {**_enrollment(user), "kind": "pre"},
        "learning:survey": _enrollment,
        "learning:change_project": _enrollment,
        "learning:certificate_pdf": _certified_enrollment,
        "learning:certificate_badge": _certified_enrollment,
        "learning:followup": {"pk": 999_999},
        "learning:checkin": {"session_pk": 999_999, "slot": 1, "token": "x"},
        "learning:approve": _enrollment,
        "learning:refuse": _enrollment,
        "learning:document_check": {"pk": 999_999},
        "learning:program_edit": _program,
        "learning:questions": _program,
        "learning:batch_manage": _batch,
        "learning:batch_edit": _batch,
        "learning:batch_quotas": _batch,
        "learning:batch_nominate": _batch,
        "learning:batch_certificates": _batch,
        "learning:session_new": _batch_ref,
        "learning:session_edit": _session_in_batch,
        "learning:session_attendance": _session,
        "learning:session_qr": _session,
        "learning:session_live": _session,
        "learning:session_mark": _session,
        "learning:session_import": _session,
        "learning:certificate_revoke": _certificate,
        "api:program-detail": _program,
        "api:batch-detail": _batch,
        "api:enrollment-detail": _enrollment,
    }


# url name -> reason it is left out of the role matrix (e.g. POST only, covered elsewhere)
# The role matrix reads a viewset's class-level access; these POST actions declare their own
# (signed in to register, approvers to decide), checked in learning/tests/test_api.py.
ROLE_MATRIX_SKIP: dict[str, str] = {
    "api:batch-register": "POST action with its own access; covered in learning test_api",
    "api:enrollment-approve": "POST action with its own access; covered in learning test_api",
    "api:enrollment-refuse": "POST action with its own access; covered in learning test_api",
}


@dataclass
class People:
    """An ASN with its employee record, its atasan and a provincial admin, in one unit."""

    unit: Unit
    asn: User
    employee: Employee
    atasan: User
    admin: User


def make_people() -> People:
    from garda.core.testing import make_user  # test machinery, only ever loaded by tests

    unit = sample_unit()
    asn = make_user(role=Role.ASN, unit=unit, email="asn@uji.garda.id")
    employee = sample_employee(user=asn, unit=unit)
    atasan = make_user(role=Role.ATASAN, unit=unit, email="atasan@uji.garda.id")
    admin = make_user(role=Role.ADMIN_PROVINSI, unit=unit)
    return People(unit=unit, asn=asn, employee=employee, atasan=atasan, admin=admin)
