"""Test helpers of this app: sample programs, batches and employees, and the URL parameters
the project's role-matrix test (garda/core/tests/test_role_matrix.py) needs."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from typing import Any

from django.utils import timezone

from garda.core.models import User
from garda.core.roles import Role
from garda.learning.ledger.models import LearningForm
from garda.learning.models import Batch, BatchStatus, Enrollment, Program, Session
from garda.people.identity import make_nip
from garda.people.models import Employee, Unit, UnitKind

_numbers = itertools.count(1)


def sample_unit(kind: str = UnitKind.OPD, parent: Unit | None = None) -> Unit:
    from garda.people.services import unit_create

    n = next(_numbers)
    return unit_create(
        actor=None, code=f"LRN.{n}", name=f"Unit Latih {n}", kind=kind, parent=parent
    )


def sample_employee(
    *, unit: Unit | None = None, user: User | None = None, **extra: Any
) -> Employee:
    from garda.people.services import employee_create

    n = next(_numbers)
    born = dt.date(1985, 1, 1) + dt.timedelta(days=n)
    return employee_create(
        actor=None, nip=make_nip(born, 2010, 1, "L", 1 + n % 999), kind="pns",
        name=f"Peserta Latih {n}", birth_date=born, gender="L",
        unit_id=(unit or (user.unit if user and user.unit else sample_unit())).pk,
        user_id=user.pk if user else None, **extra,
    )  # fmt: skip


def sample_program(*, owner_unit: Unit | None = None, **extra: Any) -> Program:
    n = next(_numbers)
    values: dict[str, Any] = {
        "code": f"prog-{n}",
        "title": f"Pelatihan Uji {n}",
        "form": LearningForm.objects.get(code="teknis"),
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
    from garda.learning.services import enrollment_nominate

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


def _program(user: User | None) -> dict[str, Any]:
    unit = user.unit if user is not None and user.unit else None
    return {"pk": sample_program(owner_unit=unit).pk}


def _batch(user: User | None) -> dict[str, Any]:
    unit = user.unit if user is not None and user.unit else None
    return {"pk": sample_batch(program=sample_program(owner_unit=unit), sessions=1).pk}


def _session(user: User | None) -> dict[str, Any]:
    batch = Batch.objects.get(pk=_batch(user)["pk"])
    return {"pk": batch.sessions.first().pk}  # type: ignore[union-attr]  # made with one


def _enrollment(user: User | None) -> dict[str, Any]:
    return {"pk": sample_enrollment(user).pk}


def role_matrix_params() -> dict[
    str, Mapping[str, Any] | Callable[[User | None], Mapping[str, Any]]
]:
    """url name -> kwargs dict, or a callable(user) -> kwargs dict."""
    return {}


# url name -> reason it is left out of the role matrix (e.g. POST only, covered elsewhere)
ROLE_MATRIX_SKIP: dict[str, str] = {}
