"""docs/security.md names, for each threat, the test that proves its control. A renamed or
deleted test would leave the document pointing at nothing: every name it gives must exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1]
DOC = SOURCE.parents[1] / "docs" / "security.md"
# `path/test_file.py::test_name`, or `::test_name` for another test of the file named before.
REFERENCE = re.compile(r"`((?:[\w/]+/)?test_\w+\.py)?::(test_\w+)`")


def _references(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    current = ""
    for match in REFERENCE.finditer(text):
        current = match.group(1) or current
        found.append((current, match.group(2)))
    return found


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_every_test_the_security_document_names_exists() -> None:
    references = _references(DOC.read_text(encoding="utf-8"))
    assert len(references) >= 40, "the table lost its proofs"
    missing = [
        f"{file}::{name}"
        for file, name in references
        if not (SOURCE / file).is_file() or name not in _test_names(SOURCE / file)
    ]
    assert not missing, f"docs/security.md names tests that do not exist: {missing}"


def test_the_reference_pattern_reads_both_forms() -> None:
    text = "`a/test_x.py::test_one`, `::test_two`; `b/test_y.py::test_three`"
    assert _references(text) == [
        ("a/test_x.py", "test_one"),
        ("a/test_x.py", "test_two"),
        ("b/test_y.py", "test_three"),
    ]
