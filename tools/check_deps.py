"""Every third-party package Garda uses is declared, and every declared package is used.

`pip install .` installs [project.dependencies] only; the dev extras (pytest, hypothesis, ...)
pull in more, so a package that is used but not declared passes every test and breaks the
production install. Run by `make lint` in the development venv, where every declared package
is installed, so `importlib.metadata` can tell which distribution provides which import name.

A distribution is *used* when the code (not its tests) needs it at run time, in one of three
ways, each of which is also required to be declared:

1. an import (at module level or inside a function; `if TYPE_CHECKING:` blocks never run and
   are skipped);
2. a name Django imports from `settings.py`: an entry of INSTALLED_APPS, or a dotted path such
   as "csp.middleware.CSPMiddleware" or "django_tasks_db.DatabaseBackend". A database engine
   string stands for the driver Django loads for it (DRIVERS below), which nothing imports by
   name;
3. a console tool started as a subprocess (granian): a string in the code equal to one of the
   distribution's `console_scripts`. The tool is named, so it counts as used; it is not a
   requirement that every tool string be declared (that would flag "git" or "pg_dump").

Not checked: test files (tests/ folders, test_*.py, conftest.py, testing.py), which run only
with the dev extras. A package declared ahead of the code that will use it goes in
[tool.garda.check-deps] pending in pyproject.toml; the check fails once the code uses it, so
the entry cannot outlive its reason.

Usage: python tools/check_deps.py [--root DIR] [--package garda]   (exit 1 on any problem)
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

# Django imports these drivers itself for the engine named in settings.
DRIVERS: dict[str, str] = {
    "django.db.backends.postgresql": "psycopg",
    "django.db.backends.postgis": "psycopg",
}
TEST_FILE_NAMES = {"conftest.py", "testing.py"}
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA_MARKER = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")
_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")


def normalize(name: str) -> str:
    """PEP 503 name: "Django" and "django_tasks-db" compare as "django", "django-tasks-db"."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(text: str) -> tuple[str, frozenset[str]]:
    match = _REQUIREMENT.match(text)
    if match is None:
        raise ValueError(f"unreadable requirement: {text!r}")
    extras = frozenset(e.strip() for e in (match.group(2) or "").split(",") if e.strip())
    return normalize(match.group(1)), extras


def extra_distributions(dist: str, extras: frozenset[str]) -> set[str]:
    """Distributions a requirement's extras bring in ("psycopg[pool]" gives psycopg-pool)."""
    if not extras:
        return set()
    try:
        requires = metadata.requires(dist) or []
    except metadata.PackageNotFoundError:
        return set()
    found = set()
    for line in requires:
        marker = _EXTRA_MARKER.search(line)
        if marker and marker.group(1) in extras:
            found.add(parse_requirement(line)[0])
    return found


def is_test_file(path: Path, package_root: Path) -> bool:
    parts = path.relative_to(package_root).parts
    return "tests" in parts[:-1] or path.name.startswith("test_") or path.name in TEST_FILE_NAMES


def source_files(package_root: Path) -> Iterator[Path]:
    for path in sorted(package_root.rglob("*.py")):
        if not is_test_file(path, package_root):
            yield path


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def runtime_imports(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """Top-level names of absolute imports that run, with their line."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno
        stack.extend(ast.iter_child_nodes(node))


def string_constants(tree: ast.AST) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value, node.lineno


def settings_imports(tree: ast.AST) -> Iterator[tuple[str, int, bool]]:
    """What Django imports by name from settings: INSTALLED_APPS entries, which must resolve,
    and dotted paths, which count only when they name an installed package (a file name such
    as "audit_ed25519.key" or a model label such as "core.User" is also dotted)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "INSTALLED_APPS" for t in node.targets
        ):
            for value, line in string_constants(node.value):
                yield value, line, True
    for value, line in string_constants(tree):
        if _DOTTED.match(value):
            yield DRIVERS.get(value, value), line, False


@dataclass
class Report:
    undeclared: dict[str, list[str]] = field(default_factory=dict)
    unresolved: dict[str, list[str]] = field(default_factory=dict)
    unused: list[str] = field(default_factory=list)
    stale_pending: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        lines = []
        for dist, where in sorted(self.undeclared.items()):
            lines.append(f"used but not in [project.dependencies]: {dist} ({', '.join(where)})")
        for name, where in sorted(self.unresolved.items()):
            lines.append(
                f"no installed distribution provides {name!r} ({', '.join(where)}): "
                "install the development environment, or declare it"
            )
        for dist in self.unused:
            lines.append(f"declared but never used: {dist} (remove it, or see tools/check_deps.py)")
        for dist in self.stale_pending:
            lines.append(f"{dist} is used now: remove it from [tool.garda.check-deps] pending")
        return lines


def _distributions_by_import() -> dict[str, set[str]]:
    return {
        name: {normalize(d) for d in dists}
        for name, dists in metadata.packages_distributions().items()
    }


def _console_scripts(dist: str) -> set[str]:
    try:
        entry_points = metadata.distribution(dist).entry_points
    except metadata.PackageNotFoundError:
        return set()
    return {ep.name for ep in entry_points if ep.group == "console_scripts"}


def check(root: Path, package: str = "garda") -> Report:
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    declared: dict[str, frozenset[str]] = dict(
        parse_requirement(r) for r in pyproject["project"].get("dependencies", [])
    )
    pending = {
        normalize(p)
        for p in pyproject.get("tool", {}).get("garda", {}).get("check-deps", {}).get("pending", [])
    }
    allowed = set(declared)
    for dist, extras in declared.items():
        allowed |= extra_distributions(dist, extras)

    package_root = root / "src" / package
    names: dict[str, list[str]] = {}  # import name -> where; each must resolve
    maybe: dict[str, list[str]] = {}  # dotted settings strings; count only if they resolve
    strings: set[str] = set()
    for path in source_files(package_root):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(root).as_posix()
        for name, line in runtime_imports(tree):
            names.setdefault(name, []).append(f"{where}:{line}")
        if path == package_root / "settings.py":
            for value, line, strict in settings_imports(tree):
                target = names if strict else maybe
                target.setdefault(value.split(".")[0], []).append(f"{where}:{line}")
        strings.update(value for value, _line in string_constants(tree))

    by_import = _distributions_by_import()
    stdlib = set(sys.stdlib_module_names)
    report = Report()
    used: set[str] = set()
    for name, places in [*names.items(), *maybe.items()]:
        if name == package or name in stdlib:
            continue
        dists = by_import.get(name)
        if not dists:
            if name in names:
                report.unresolved[name] = names[name]
            continue
        used |= dists
        if not dists & allowed:
            report.undeclared.setdefault(" or ".join(sorted(dists)), []).extend(places)
    for dist in sorted(declared):
        if dist in used or _console_scripts(dist) & strings:
            if dist in pending:
                report.stale_pending.append(dist)
        elif dist not in pending:
            report.unused.append(dist)
    return report


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--package", default="garda")
    args = parser.parse_args(list(argv) if argv is not None else None)
    problems = check(args.root, args.package).problems()
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print("dependencies: every import declared, every declaration used")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
