"""Test helpers of this app, including the sample URL parameters the project's role-matrix
test (garda/core/tests/test_role_matrix.py) needs for this app's parameterised routes."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile

from garda.core.identity import make_nip
from garda.core.models import Unit, User
from garda.learning.ledger.models import (
    ConversionRule,
    ExternalLearning,
    LearningForm,
    LedgerEntry,
)
from garda.learning.ledger.services import create_entry
from garda.people.models import Employee
from garda.people.services.employees import employee_create

# url name -> reason it is left out of the role matrix (e.g. POST only, covered elsewhere)
ROLE_MATRIX_SKIP: dict[str, str] = {}

_serial = itertools.count(1)
PDF_BYTES = b"%PDF-1.4 bukti pelatihan\n%%EOF\n"


def make_employee(
    *, unit: Unit, kind: str = "pns", user: User | None = None, name: str = ""
) -> Employee:
    """An employee with a well-formed NIP (birth date, TMT, gender, sequence), through the
    registry's service so that the compliance counts include it."""
    n = next(_serial)
    born = dt.date(1990, 3, 15)
    values = {"kind": kind, "name": name or f"Pegawai Uji {n}", "birth_date": born,
              "gender": "P", "unit_id": unit.pk, "user_id": user.pk if user else None}  # fmt: skip
    return employee_create(
        actor=None, nip=make_nip(born, 2012 + n // 1000 % 10, 3, "P", n % 1000), **values
    )


def make_submission(*, employee: Employee, submitted_by: User | None = None) -> ExternalLearning:
    """A pending external learning record (a one-day seminar) with a small PDF as evidence."""
    submission = ExternalLearning(
        employee=employee,
        submitted_by=submitted_by or employee.user or _someone(),
        form=LearningForm.objects.get(code="seminar"),
        title="Seminar Nasional Pelayanan Publik",
        provider="Universitas Jambi",
        started_on=dt.date(2026, 2, 10),
        finished_on=dt.date(2026, 2, 10),
        stated_jp=Decimal("4"),
    )
    submission.evidence.save("bukti.pdf", ContentFile(PDF_BYTES), save=False)
    submission.save()
    return submission


def _someone() -> User:
    return User.objects.create(username=f"pengaju{next(_serial)}")


def _own(user: User | None) -> Employee:
    if user is not None:
        existing = Employee.objects.filter(user=user).first()
        if existing is not None:
            return existing
    unit = user.unit if user is not None and user.unit else Unit.objects.order_by("pk").first()
    if unit is None:
        unit = Unit.objects.create(code=f"LEDGER{next(_serial)}", name="Unit JP", kind="opd")
        unit.path = f"/{unit.pk}/"
        unit.save(update_fields=["path"])
    return make_employee(unit=unit, user=user)


def _colleague(user: User | None) -> Employee:
    """Someone else in the user's unit: what an admin of that unit verifies and nominates."""
    unit = user.unit if user is not None and user.unit else _own(None).unit
    return make_employee(unit=unit)


def role_matrix_params() -> dict[str, Any]:
    """url name -> kwargs dict, or a callable(user) -> kwargs dict."""
    return {
        "ledger:employee_jp": lambda user: {"pk": _own(user).pk},
        "ledger:employee_history_pdf": lambda user: {"pk": _own(user).pk},
        "ledger:evidence": lambda user: {"pk": make_submission(employee=_own(user)).pk},
        "ledger:verify_detail": lambda user: {"pk": make_submission(employee=_colleague(user)).pk},
        "ledger:verify_decide": lambda user: {"pk": make_submission(employee=_colleague(user)).pk},
        "ledger:nomination_options": lambda user: {"pk": _colleague(user).pk},
        "ledger:nominate": lambda user: {"pk": _colleague(user).pk},
        "ledger:dashboard_export": {"fmt": "csv"},
        "ledger:rule_edit": lambda user: {"pk": ConversionRule.objects.order_by("pk")[0].pk},
        "api:jp-ledger-detail": lambda user: {"pk": _own_entry(user).pk},
        "api:jp-external-detail": lambda user: {"pk": make_submission(employee=_own(user)).pk},
        "api:jp-external-approve": lambda user: {"pk": make_submission(employee=_own(user)).pk},
        "api:jp-external-refuse": lambda user: {"pk": make_submission(employee=_own(user)).pk},
    }


def _own_entry(user: User | None) -> LedgerEntry:
    employee = _own(user)
    entry, _created = create_entry(
        employee_id=employee.pk, form_id=LearningForm.objects.get(code="teknis").pk,
        title="Pelatihan uji", provider="BPSDM", started_on=dt.date(2026, 1, 5),
        finished_on=dt.date(2026, 1, 6), jp=Decimal("12"), source_kind="training",
        source_key=f"uji:{employee.pk}",
    )  # fmt: skip
    return entry
