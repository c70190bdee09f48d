"""The import-linter contracts in pyproject.toml forbid the arrows the floor issue names; `make
lint` runs `lint-imports`, which enforces them on the code. This test guards the contracts
themselves, so that loosening one (to let a wrong import through) fails too."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"

FORBIDDEN = [
    ("garda.core", "garda.people"),
    ("garda.core", "garda.learning"),
    ("garda.core", "garda.queueing"),
    ("garda.core", "garda.transparency"),
    ("garda.core", "garda.bench"),
    ("garda.people", "garda.learning"),
    ("garda.people", "garda.queueing"),
    ("garda.people", "garda.transparency"),
    ("garda.learning", "garda.transparency"),
    ("garda.learning", "garda.queueing"),
    ("garda.queueing", "garda.learning"),
    ("garda.queueing", "garda.people"),
    # The next apps sit above everything they build on.
    ("garda.learning", "garda.competency"),
    ("garda.people", "garda.studies"),
    ("garda.queueing", "garda.service"),
    ("garda.transparency", "garda.service"),
]


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _layer_of(module: str, layers: list[str]) -> tuple[int, set[str]]:
    """Index (0 = top) of the layer holding `module`, and its siblings on that layer."""
    for index, layer in enumerate(layers):
        names = {name.strip().strip("()") for name in layer.split("|")}
        if module in names:
            return index, names - {module}
    raise AssertionError(f"{module} is in no layer")


def _forbids(source: str, target: str) -> bool:
    for contract in _contracts():
        if contract["type"] == "layers":
            layers = [str(layer) for layer in contract["layers"]]  # type: ignore[attr-defined]
            source_at, siblings = _layer_of(source, layers)
            target_at, _ = _layer_of(target, layers)
            if target_at < source_at or target in siblings:
                return True
        if contract["type"] == "forbidden":
            sources = [str(name) for name in contract["source_modules"]]  # type: ignore[attr-defined]
            targets = [str(name) for name in contract["forbidden_modules"]]  # type: ignore[attr-defined]
            if source in sources and target in targets:
                return True
    return False


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_the_contracts_forbid(source: str, target: str) -> None:
    assert _forbids(source, target), f"{source} -> {target} must be forbidden"


def test_the_contracts_still_allow_the_arrows_garda_needs() -> None:
    for source, target in [("garda.transparency", "garda.learning"),
                           ("garda.learning", "garda.people"),
                           ("garda.queueing", "garda.core"),
                           ("garda.bench", "garda.learning")]:  # fmt: skip
        assert not _forbids(source, target), f"{source} -> {target} is a needed arrow"
