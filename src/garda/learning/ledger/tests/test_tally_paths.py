"""Every write that changes the JP compliance counts keeps them in its own transaction
(decision 0019), found by reading the source, so a new path that skips them fails here:

- the counts themselves (JPUnitHeadcount, JPUnitYearTally) are written only by
  `services.tallies` (the upserts of `_apply`, and `tallies_rebuild`);
- the yearly totals (JPYearTotal) only by `refresh_totals` (which hands every change to
  `totals_changed`), the rebuild and the demo's bulk seed (which both recount the counts);
- an employee (its unit, kind or status decide where it is counted) only by the registry's
  three services, each of which announces the placements it changed;
- a unit's place in the tree (`path`) only by `unit_create` (a new unit has no employee) and
  `unit_move`, which announces the move;
and the ledger listens to both announcements. `test_tallies.py` proves each path's effect."""

from __future__ import annotations

import ast
from pathlib import Path

import garda
from garda.core.org.events import units
from garda.learning.ledger.services.tallies import on_placements, unit_moved
from garda.people.events import placements

SRC = Path(garda.__file__).parent
WRITES = frozenset({
    "save", "delete", "create", "bulk_create", "update", "bulk_update", "update_or_create",
    "get_or_create", "executemany", "execute",
})  # fmt: skip


def _sources() -> list[tuple[str, ast.Module]]:
    found = []
    for file in sorted(SRC.rglob("*.py")):
        rel = file.relative_to(SRC).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in f"/{rel}" or rel.endswith("testing.py"):
            continue
        found.append((rel, ast.parse(file.read_text(encoding="utf-8"))))
    return found


def _names(node: ast.AST) -> set[str]:
    return {
        n.id if isinstance(n, ast.Name) else n.attr
        for n in ast.walk(node)
        if isinstance(n, ast.Name | ast.Attribute)
    }


def _functions(tree: ast.Module) -> list[ast.FunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]


def _write_sites(models: set[str]) -> set[tuple[str, str]]:
    """(file, function) of every write call on an expression naming one of `models`, or on
    a name bound in the function to one (`row = JPYearTotal(...)`, `table = ….db_table`)."""
    sites = set()
    for rel, tree in _sources():
        for function in _functions(tree):
            bound = set(models)
            for node in ast.walk(function):
                if isinstance(node, ast.Assign) and _names(node.value) & bound:
                    bound |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in WRITES
                    and (_names(node.func.value) & bound or _names(node) & bound - models)
                ):
                    sites.add((rel, function.name))
    return sites


def _calls(rel: str, function: str) -> set[str]:
    tree = dict(_sources())[rel]
    node = next(f for f in _functions(tree) if f.name == function)
    return _names(node)


def test_the_counts_are_written_only_by_their_service() -> None:
    sites = _write_sites({"JPUnitHeadcount", "JPUnitYearTally"})
    assert sites == {
        ("learning/ledger/services/tallies.py", "_apply"),
        ("learning/ledger/services/tallies.py", "tallies_rebuild"),
    }, sites


def test_every_yearly_total_write_keeps_the_counts() -> None:
    sites = _write_sites({"JPYearTotal"})
    expected = {
        ("learning/ledger/services/entries.py", "refresh_totals"): "totals_changed",
        ("learning/ledger/services/tallies.py", "year_totals_rebuild"): None,
        # A SELECT comparing the totals with the ledger (test_write_paths holds it so).
        ("learning/ledger/services/tallies.py", "year_totals_differences"): None,
        ("learning/ledger/demo.py", "_seed_bulk"): "tallies_rebuild",
    }
    assert sites == set(expected), sites
    for (rel, function), follow_up in expected.items():
        if follow_up:
            assert follow_up in _calls(rel, function), (rel, function)
    # The rebuild recounts the totals, then the counts from them.
    names = _calls("learning/ledger/services/tallies.py", "ledger_totals_rebuild")
    assert {"year_totals_rebuild", "tallies_rebuild"} <= names


def test_every_employee_write_announces_its_placements() -> None:
    sites = _write_sites({"Employee", "EmployeeTable", "employee"}) | _write_sites({"table"})
    sites = {s for s in sites if s[0].startswith("people/")}
    announced = {
        ("people/services/employees.py", "employees_create"),
        ("people/services/employees.py", "employees_update_changed"),
        ("people/services/employees.py", "employee_update"),
    }
    # The table's own steps, called only by the announced services (checked below).
    steps = {
        ("people/employee_table.py", "create"),
        ("people/employee_table.py", "update"),
        ("people/employee_table.py", "insert_many"),
        ("people/employee_table.py", "load"),
    }
    other = {
        # History rows, the unit head and the import's job bookkeeping: not an employee's
        # unit, kind or status.
        ("people/services/employees.py", "unit_set_head"),
        ("people/services/employees.py", "insert_history"),
        # `table` there is a dict of header aliases, not the employee table.
        ("people/imports/reader.py", "_garda_headers"),
    }
    assert sites - steps - other <= announced, sites - steps - other
    for rel, function in announced:
        assert "announce" in _calls(rel, function), function


def test_no_other_app_writes_an_employee() -> None:
    """Outside the registry nothing writes through the employee model's manager or the
    registry's bulk table (what other apps do with an employee they hold is checked by the
    registry's own services refusing unknown fields)."""
    sites = set()
    for rel, tree in _sources():
        if rel.startswith("people/"):
            continue
        for function in _functions(tree):
            for node in ast.walk(function):
                if isinstance(node, ast.Name) and node.id == "EmployeeTable":
                    sites.add((rel, function.name))
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in WRITES
                    and {"Employee", "objects"} <= _names(node.func.value)
                ):
                    sites.add((rel, function.name))
    assert sites == set(), sites


def test_every_move_in_the_tree_is_announced() -> None:
    for rel, tree in _sources():
        for function in _functions(tree):
            writes_path = any(
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Attribute) and t.attr == "path" for t in node.targets)
                for node in ast.walk(function)
            )
            if writes_path and rel.startswith("core/"):
                assert (rel, function.name) in {
                    ("core/org/services.py", "unit_create"),  # a new unit: nobody in it yet
                    ("core/org/services.py", "unit_move"),
                }, (rel, function.name)
    assert "publish" in _calls("core/org/services.py", "unit_move")


def test_the_ledger_listens() -> None:
    assert on_placements in placements._listeners
    assert unit_moved in units._listeners
