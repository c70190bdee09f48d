"""The registry's data version ("people" in core's one data-version table).

Every write of employees or their history (`employees_create`, `employees_update_changed`,
`employee_update` in people.services.employees: the record form, the self-service profile, the
API, the ASN import with its page, command and task, and the demo all end in one of them)
calls `bump()` in its own transaction. Higher apps whose cached figures are computed from the
registry (the IP ASN dashboard reads education, jabatan kind, unit, status, name and NIP) name
`NAME` in their cache `versions`, so a registry change shows on their next request without
this app knowing who reads it. `tests/test_stamp.py` holds that every writer bumps."""

from __future__ import annotations

from garda.core.dataversion import data_version_bump

NAME = "people"


def bump() -> None:
    data_version_bump(name=NAME)
