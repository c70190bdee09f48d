"""Every write of this app lives in this package. `employees` was the app's services module;
its names stay importable from here, so `services.<name>(…)` call sites read as before."""

from garda.people.services.employees import (
    EmployeeChange,
    apply_employee_values,
    employee_create,
    employee_update,
    employees_create,
    employees_update_changed,
    history_entries_for,
    history_rows,
    insert_history,
    unit_set_head,
    validate_identity,
)

__all__ = [
    "EmployeeChange",
    "apply_employee_values",
    "employee_create",
    "employee_update",
    "employees_create",
    "employees_update_changed",
    "history_entries_for",
    "history_rows",
    "insert_history",
    "unit_set_head",
    "validate_identity",
]
