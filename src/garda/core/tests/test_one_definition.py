"""Each rule of decision 0010 has one definition; this scan fails CI when a second one appears.

It reads every non-test, non-migration module of Garda and looks for the shapes a copy of
each rule takes: an identity-number regex or length check (core.identity), a call to the
OS's randomness (core.codes), a weekday or holiday-package test (core.calendar). An entry in
ALLOWED needs its reason written beside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # src/garda

RULES: dict[str, tuple[str, re.Pattern[str]]] = {
    "identity": (
        "core/identity.py",
        re.compile(
            r"(\\d|\[0-9\])\{1[368]\}"  # r"\d{16}", "[0-9]{18}", ...
            r"|len\([^)]*\)\s*[!=]=\s*1[368]\b"  # len(nip) != 18
        ),
    ),
    "random": (
        "core/codes.py",
        re.compile(
            r"\bimport secrets\b|\bsecrets\.|token_hex|token_urlsafe|randbits|os\.urandom"
            r"|SystemRandom|get_random_string"
        ),
    ),
    "calendar": (
        "core/calendar/days.py",
        re.compile(
            r"weekday\(\)\s*(<|<=|>|>=)\s*\d|\bSATURDAY\b|\bimport holidays\b"
            r"|country_holidays|package_days\("
        ),
    ),
}

ALLOWED: dict[tuple[str, str], str] = {
    ("identity", "people/models.py"): "the database's own CHECK that a NIP is 18 digits, a last "
    "guard under core.identity for rows written by hand",
    ("identity", "transparency/ppid/forms.py"): "an HTML pattern attribute: a browser hint, the "
    "service still calls core.identity",
    ("identity", "people/imports/rows.py"): "decides only whether to call parse_nip for the "
    "reason a cell is wrong; the rule itself is core.identity's",
    ("random", "core/audit/remote.py"): "SystemRandom picks which audit entries to re-check "
    "(a sample, not a code); callers pass a seeded one in tests",
    ("calendar", "core/management/commands/calendar_seed.py"): "core's command that copies the "
    "package's days into core's calendar table",
    ("calendar", "core/calendar/services.py"): "the calendar's own write that copies the "
    "package's days of a year into the table (core/calendar/days.py reads them)",
    ("calendar", "queueing/demo.py"): "demo history walks the demo puskesmas' Monday-to-"
    "Saturday hours, not working days",
}


def _modules() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_is_defined_in_one_module(rule: str) -> None:
    home, pattern = RULES[rule]
    found: list[str] = []
    for path in _modules():
        name = path.relative_to(ROOT).as_posix()
        if name == home or (rule, name) in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == [], f"a second definition of the {rule} rule; call {home} instead"


def test_the_scan_sees_a_copy_when_there_is_one() -> None:
    """The patterns catch the copies this decision removed (so an empty scan means something)."""
    removed = {
        "identity": ['_NIK = re.compile(r"^\\d{16}$")', "if not nip.isdigit() or len(nip) != 18:"],
        "random": ["value = secrets.randbits(5 * CODE_LENGTH)", "return secrets.token_hex(8)"],
        "calendar": [
            "return day.weekday() < 5 and day not in closed",
            "package_days(year).items()",
        ],
    }
    for rule, lines in removed.items():
        for line in lines:
            assert RULES[rule][1].search(line), (rule, line)


def test_every_allowance_is_still_needed() -> None:
    for (rule, name), reason in ALLOWED.items():
        text = (ROOT / name).read_text(encoding="utf-8")
        assert RULES[rule][1].search(text), f"{name} no longer needs its {rule} allowance"
        assert len(reason) > 20
