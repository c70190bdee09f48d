"""The competency rules, each in one function: how a jabatan name is matched, the gap, the
JPM and its band (capacity.md §1). Pages, API, commands and the heat map call these."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

_NOT_WORD = re.compile(r"[^0-9a-z]+")
HUNDRED = Decimal("100")


def jabatan_key(name: str) -> str:
    """ "  Kepala  Bidang-Umum " -> "kepala bidang umum": the registry keeps jabatan names as
    free text, so standards and employees meet on this form."""
    return _NOT_WORD.sub(" ", name.casefold()).strip()


def gap_of(achieved: int, standard: int | None) -> int | None:
    """Achieved - standard; None when the jabatan has no standard for the competency."""
    return None if standard is None else achieved - standard


def jpm_of(pairs: Iterable[tuple[int, int | None]], *, capped: bool) -> Decimal | None:
    """Σ achieved / Σ standard x 100 over the competencies that have both (two decimals);
    None when none has. `capped` (a setting, default off) stops it at 100."""
    achieved = standard = 0
    for got, needed in pairs:
        if needed:
            achieved += got
            standard += needed
    if not standard:
        return None
    value = (Decimal(achieved) * HUNDRED / Decimal(standard)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return min(value, HUNDRED) if capped else value


def band_of(jpm: Decimal | None, bands: Sequence[tuple[str, str, Decimal]]) -> tuple[str, str]:
    """The (code, label) of the highest band whose lower bound `jpm` reaches; `bands` are
    (code, label, lowest JPM) of one scheme."""
    if jpm is None:
        return "", ""
    for code, label, lowest in sorted(bands, key=lambda band: band[2], reverse=True):
        if jpm >= lowest:
            return code, label
    return "", ""
