"""Every path that writes a ledger entry goes through `services.ledger_entries_record`, the one
function that applies the JP conversion rule: found by reading the source, so a new path that
writes an entry another way fails here before it can skip the rule.

A write site is any of these, anywhere under src/garda (tests and migrations aside: migrations
run against historical models, tests set up data):
- `LedgerEntry(...)`: an instance exists only to be saved;
- a write method (save, delete, create, bulk_create, update, bulk_update, update_or_create,
  get_or_create) on an expression that involves `LedgerEntry`, a name bound in the same
  function to such an expression or annotated with it, or a name that says it holds entries
  (`entry`, `entries`, `jp_entries`, `….entry`) — in a module that uses the ledger;
- raw SQL on the ledger's table (`LedgerEntry._meta.db_table` or its literal name)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import garda

SRC = Path(garda.__file__).parent
WRITE_METHODS = frozenset({
    "save", "delete", "create", "bulk_create", "update", "bulk_update", "update_or_create",
    "get_or_create",
})  # fmt: skip
ENTRY_NAME = re.compile(r"(^|_)(entry|entries|jp_entries)$")
TABLE = "ledger_ledgerentry"
WRITER = ("learning/ledger/services/entries.py", "ledger_entries_record")
# Its private steps, which only the writer may call (checked below).
WRITER_STEPS = {
    ("learning/ledger/services/entries.py", "_new_entry"),
    ("learning/ledger/services/entries.py", "_save"),
}
# Writes that do not set JP, each with the check that keeps it so.
EXCEPTIONS = {
    # Status and reason only: revoking takes the JP out of the total, it never sets JP.
    ("learning/ledger/services/entries.py", "ledger_revoke"): "status-only save",
    # 600,000 demo rows by COPY; `_rows` computes each row's JP with rules.apply_rule.
    ("learning/ledger/demo.py", "_seed_bulk"): "demo rows computed by the rule",
    # Reads: the yearly totals recounted from the ledger by `garda jp_totals_rebuild`.
    ("learning/ledger/services/tallies.py", "_ledger_sums"): "SELECT only",
    ("learning/ledger/services/tallies.py", "year_totals_differences"): "SELECT only",
}


@dataclass(frozen=True)
class Site:
    path: str
    function: str
    line: int
    what: str


def _names(node: ast.AST) -> set[str]:
    found: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            found.add(child.id)
        elif isinstance(child, ast.Attribute):
            found.add(child.attr)
    return found


def _mentions_entry(node: ast.AST, bound: set[str]) -> bool:
    names = _names(node)
    return "LedgerEntry" in names or bool(names & bound) or any(ENTRY_NAME.search(n) for n in names)


class _Finder(ast.NodeVisitor):
    def __init__(self, path: str, uses_ledger: bool) -> None:
        self.path = path
        self.uses_ledger = uses_ledger
        self.stack: list[str] = ["<module>"]
        self.bound: list[set[str]] = [set()]
        self.sites: list[Site] = []

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        bound: set[str] = set()
        for arg in [*node.args.args, *node.args.kwonlyargs]:
            if arg.annotation is not None and "LedgerEntry" in _names(arg.annotation):
                bound.add(arg.arg)
        for child in ast.walk(node):
            targets: list[ast.AST] = []
            value: ast.AST | None = None
            if isinstance(child, ast.Assign):
                targets, value = list(child.targets), child.value
            elif isinstance(child, ast.AnnAssign):
                targets, value = [child.target], child.annotation
            elif isinstance(child, ast.For | ast.comprehension):
                targets, value = [child.target], child.iter
            if value is not None and "LedgerEntry" in _names(value):
                bound |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        self.stack.append(node.name)
        self.bound.append(bound)
        self.generic_visit(node)
        self.stack.pop()
        self.bound.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    def _site(self, node: ast.AST, what: str) -> None:
        self.sites.append(Site(self.path, self.stack[-1], getattr(node, "lineno", 0), what))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id == "LedgerEntry":
            self._site(node, "LedgerEntry(...)")
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in WRITE_METHODS
            and self.uses_ledger
            and _mentions_entry(func.value, self.bound[-1])
        ):
            self._site(node, f".{func.attr}(...)")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr == "db_table" and "LedgerEntry" in _names(node.value):
            self._site(node, "raw SQL on the ledger table")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and TABLE in node.value:
            self._site(node, "raw SQL on the ledger table")


def write_sites(source: str, path: str) -> list[Site]:
    tree = ast.parse(source)
    uses_ledger = "LedgerEntry" in source or "garda.learning.ledger" in source
    finder = _Finder(path, uses_ledger)
    finder.visit(tree)
    return finder.sites


def _sources() -> list[tuple[str, str]]:
    found = []
    for file in sorted(SRC.rglob("*.py")):
        rel = file.relative_to(SRC).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in f"/{rel}":
            continue
        found.append((rel, file.read_text(encoding="utf-8")))
    return found


def test_every_ledger_entry_write_is_inside_the_one_write_function() -> None:
    sites = [site for rel, source in _sources() for site in write_sites(source, rel)]
    allowed = {WRITER, *WRITER_STEPS, *EXCEPTIONS}
    stray = [s for s in sites if (s.path, s.function) not in allowed]
    assert not stray, (
        "Ledger entries written outside services.ledger_entries_record (the JP rule would be "
        "skipped): " + "; ".join(f"{s.path}:{s.line} in {s.function}: {s.what}" for s in stray)
    )
    # The write function really writes (inserts and updates), so the scan can see writes.
    kinds = {s.what for s in sites if (s.path, s.function) in WRITER_STEPS}
    assert {"LedgerEntry(...)", ".bulk_create(...)", ".bulk_update(...)", ".save(...)"} <= kinds


def test_the_write_functions_steps_are_called_by_it_alone() -> None:
    for rel, source in _sources():
        tree = ast.parse(source)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for call in ast.walk(function):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and (rel, call.func.id) in WRITER_STEPS
                ):
                    assert (rel, function.name) == WRITER, (rel, function.name, call.func.id)


def _function(rel: str, name: str) -> ast.FunctionDef:
    tree = ast.parse((SRC / rel).read_text(encoding="utf-8"))
    return next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name)


def test_the_exceptions_do_not_set_jp_another_way() -> None:
    revoke = _function("learning/ledger/services/entries.py", "ledger_revoke")
    saves = [
        call for call in ast.walk(revoke)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
        and call.func.attr == "save"
    ]  # fmt: skip
    assert saves
    for call in saves:
        fields = next(k.value for k in call.keywords if k.arg == "update_fields")
        assert isinstance(fields, ast.List)
        values = {e.value for e in fields.elts if isinstance(e, ast.Constant)}
        assert "jp" not in values
        assert "stated_jp" not in values
    assert "apply_rule" in _names(_function("learning/ledger/demo.py", "_rows"))
    for name in ("_ledger_sums", "year_totals_differences"):
        text = ast.unparse(_function("learning/ledger/services/tallies.py", name)).upper()
        assert "SELECT" in text
        assert not any(verb in text for verb in ("UPDATE ", "INSERT ", "DELETE "))


def test_every_path_reaches_the_write_function() -> None:
    """Training completion, external approval and the history import (page and command share
    the service) all call it, through `create_entry` or directly."""
    callers = {
        ("learning/ledger/services/entries.py", "create_entry"): "ledger_entries_record",
        ("learning/ledger/services/entries.py", "ledger_record_training"): "create_entry",
        ("learning/ledger/services/external.py", "external_approve"): "create_entry",
        ("learning/ledger/services/importing.py", "learning_import"): "ledger_entries_record",
        ("learning/ledger/services/recompute.py", "ledger_recompute_employees"): (
            "ledger_entries_record"
        ),
        ("learning/services/certificates.py", "_ledger_record"): "ledger_record_training",
        ("learning/ledger/views_import.py", "import_upload"): "start_learning_import",
        ("learning/ledger/tasks.py", "import_learning_file"): "learning_import",
        ("learning/ledger/management/commands/import_learning.py", "run_import"): (
            "learning_import"
        ),
    }
    for (rel, name), callee in callers.items():
        assert callee in _names(_function(rel, name)), f"{rel}:{name} does not call {callee}"


def test_the_scan_finds_a_write_that_skips_the_rule() -> None:
    """The detector itself: each way of writing around the rule is reported."""
    rogue = """
from garda.learning.ledger.models import LedgerEntry

def sneaky_import(rows, employee):
    LedgerEntry.objects.bulk_create([LedgerEntry(jp=row.jp) for row in rows])
    LedgerEntry.objects.filter(pk=1).update(jp=10)
    found = LedgerEntry.objects.get(pk=1)
    found.jp = 10
    found.save()
    employee.jp_entries.create(jp=10)

def via_submission(submission):
    submission.entry.jp = 10
    submission.entry.save(update_fields=["jp"])

def raw(cursor):
    cursor.execute("UPDATE ledger_ledgerentry SET jp = 10")
"""
    sites = write_sites(rogue, "rogue.py")
    by_function = {(s.function, s.what) for s in sites}
    assert ("sneaky_import", ".bulk_create(...)") in by_function
    assert ("sneaky_import", "LedgerEntry(...)") in by_function
    assert ("sneaky_import", ".update(...)") in by_function
    assert ("sneaky_import", ".save(...)") in by_function
    assert ("sneaky_import", ".create(...)") in by_function
    assert ("via_submission", ".save(...)") in by_function
    assert ("raw", "raw SQL on the ledger table") in by_function
    # Other models' writes in the same module are not mistaken for ledger writes.
    assert not write_sites(
        "from garda.learning.ledger import x\n\ndef f(job):\n    job.save()\n", "ok.py"
    )
