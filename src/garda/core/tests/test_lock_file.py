"""requirements/production.txt, the lock a production install uses with --require-hashes,
cannot drift from pyproject.toml: it pins exactly the declared production dependencies (each
within its declared range) and what they need, every pin has hashes, and nothing of the dev
extras rides along. Update it as README "Dependencies" says."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[4]
LOCK = REPO / "requirements" / "production.txt"
PROJECT = "garda (pyproject.toml)"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")
_HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


@dataclass
class Pin:
    version: Version
    hashes: int = 0
    via: set[str] = field(default_factory=set)


def read_lock(text: str) -> dict[str, Pin]:
    """pip-compile's output: `name==version \\`, its `--hash=` lines, then `# via` lines naming
    what required it (one on the same line, or one per following `#   name` line)."""
    pins: dict[str, Pin] = {}
    current: Pin | None = None
    in_via = False
    for line in text.splitlines():
        stripped = line.strip()
        match = _PIN.match(line)
        if match:
            current = Pin(Version(match.group(2)))
            pins[canonicalize_name(match.group(1))] = current
            in_via = False
        elif current is None or not stripped:
            continue
        elif _HASH.search(stripped):
            current.hashes += 1
        elif stripped.startswith("# via"):
            rest = stripped.removeprefix("# via").strip()
            in_via = not rest
            if rest:
                current.via.add(rest)
        elif in_via and stripped.startswith("#   "):
            current.via.add(stripped.removeprefix("#").strip())
        else:
            in_via = False
    return {name: _canonical_via(pin) for name, pin in pins.items()}


def _canonical_via(pin: Pin) -> Pin:
    pin.via = {via if via == PROJECT else canonicalize_name(via) for via in pin.via}
    return pin


def _project() -> dict[str, Any]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        project: dict[str, Any] = tomllib.load(handle)["project"]
    return project


def declared() -> dict[str, Requirement]:
    requirements = [Requirement(text) for text in _project()["dependencies"]]
    return {canonicalize_name(req.name): req for req in requirements}


def dev_only() -> set[str]:
    extras = _project()["optional-dependencies"]
    names = {canonicalize_name(Requirement(t).name) for ts in extras.values() for t in ts}
    return names - set(declared())


def test_the_lock_pins_exactly_the_declared_dependencies_within_their_ranges() -> None:
    pins = read_lock(LOCK.read_text(encoding="utf-8"))
    wanted = declared()
    missing = sorted(set(wanted) - set(pins))
    assert not missing, f"declared in pyproject.toml but not locked: {missing}"
    outside = {
        name: f"{pins[name].version} not in {req.specifier}"
        for name, req in wanted.items()
        if not req.specifier.contains(pins[name].version, prereleases=True)
    }
    assert not outside, f"locked outside the declared range: {outside}"
    # pip-compile marks what pyproject.toml asked for itself: exactly the declared names
    direct = {name for name, pin in pins.items() if PROJECT in pin.via}
    assert direct == set(wanted), (
        f"locked as direct but not declared: {sorted(direct - set(wanted))}; "
        f"declared but not locked as direct: {sorted(set(wanted) - direct)}"
    )


def test_every_locked_package_is_needed_by_production_and_hashed() -> None:
    pins = read_lock(LOCK.read_text(encoding="utf-8"))
    needed = {PROJECT}
    grew = True
    while grew:
        more = {name for name, pin in pins.items() if pin.via & needed} - needed
        needed |= more
        grew = bool(more)
    stray = sorted(set(pins) - needed)
    assert not stray, f"locked but required by no production dependency: {stray}"
    assert not set(pins) & dev_only(), "a dev extra is in the production lock"
    unhashed = sorted(name for name, pin in pins.items() if not pin.hashes)
    assert not unhashed, f"pins without a hash (--require-hashes would refuse): {unhashed}"


def test_the_reader_sees_what_pip_compile_writes() -> None:
    """The parser above on a small lock in pip-compile's layout: a wrong reader would make the
    two tests above pass on anything."""
    sample = (
        "django==5.2.1 \\\n    --hash=sha256:" + "a" * 64 + "\n"
        "    # via\n    #   garda (pyproject.toml)\n    #   django-otp\n"
        "django-otp==1.5.0 \\\n    --hash=sha256:" + "b" * 64 + " \\\n"
        "    --hash=sha256:" + "c" * 64 + "\n    # via garda (pyproject.toml)\n"
        "sqlparse==0.5.0\n    # via django\n"
    )
    pins = read_lock(sample)
    assert pins["django"].via == {PROJECT, "django-otp"}
    assert pins["django"].version == Version("5.2.1")
    assert pins["django-otp"].hashes == 2
    assert pins["sqlparse"].via == {"django"}
    assert pins["sqlparse"].hashes == 0
