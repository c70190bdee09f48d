"""The one report of a spreadsheet import (ASN registry, budget and realisasi, JP history).

It counts rows, keeps every row error and every warning (imported, but flagged), says whether
anything was written (imports are all-or-nothing unless told to skip bad rows), and renders
itself for a command (`text`, `summary`, `problems`), a job or the API (`as_dict`). What the
counted things are called differs per import, so each import describes them once in a
`Wording`; the sentences around them are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from garda.core.spreadsheets.errors import RowError

Pair = tuple[str, str]  # (Indonesian, English); "{n}" is replaced by a count


@dataclass(frozen=True)
class Wording:
    """How one import names its counts. A count whose pair is None is not mentioned."""

    subject: Pair | None = None  # "sub kegiatan" -> "f.csv: 3 baris data; sub kegiatan: ..."
    created: Pair = ("{n} baru", "{n} created")
    updated: Pair | None = ("{n} diubah", "{n} updated")
    unchanged: Pair = ("{n} tidak berubah", "{n} unchanged")
    skipped: Pair = ("{n} baris bermasalah dilewati", "{n} rows with problems were skipped")
    flagged: Pair | None = None  # e.g. realisasi above pagu
    show_format: bool = False  # "f.csv (format SIASN): ..."


@dataclass
class ImportReport:
    filename: str
    wording: Wording = field(default_factory=Wording)
    kind: str = ""  # which import, when one service reads several kinds of file
    format: str = ""  # which layout the file turned out to have (ASN: garda or siasn)
    total: int = 0  # data rows in the file
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)  # imported, but flagged
    written: bool = False  # whether anything was saved
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase, for benches

    @property
    def ok(self) -> bool:
        """Every row was imported (a command's exit status 0)."""
        return not self.errors

    @property
    def invalid_rows(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def nothing_saved(self) -> bool:
        """Rows were refused and none was taken (all-or-nothing, or every row bad)."""
        return bool(self.errors) and not self.written and not self.imported

    def summary(self, lang: str = "id") -> str:
        en = lang.startswith("en")
        words = self.wording
        title = self.filename
        if words.show_format:
            shown = "SIASN" if self.format == "siasn" else "Garda"
            title += f" ({shown} format)" if en else f" (format {shown})"
        counts = [
            _say(pair, n, en)
            for pair, n in (
                (words.created, self.created),
                (words.updated, self.updated),
                (words.unchanged, self.unchanged),
            )
            if pair is not None
        ]
        subject = f"{_pick(words.subject, en)}: " if words.subject else ""
        rows = "data rows" if en else "baris data"
        head = f"{title}: {self.total} {rows}; {subject}{', '.join(counts)}"
        if self.nothing_saved:
            tail = (
                f". Nothing was saved: {self.invalid_rows} rows have problems."
                if en
                else f". Tidak ada yang disimpan: {self.invalid_rows} baris bermasalah."
            )
        elif self.errors:
            tail = f"; {_say(words.skipped, self.invalid_rows, en)}."
        else:
            tail = "."
        if self.warnings and words.flagged is not None:
            tail += f" {_say(words.flagged, len(self.warnings), en)}."
        return head + tail

    def problems(self, lang: str = "id", limit: int | None = None) -> list[str]:
        """Every row error as "Baris N, kolom X: ...", in row order; past `limit`, a count."""
        ordered = sorted(self.errors, key=lambda error: error.row)
        shown = ordered if limit is None else ordered[:limit]
        lines = [error.text(lang) for error in shown]
        if limit is not None and len(ordered) > limit:
            more = len(ordered) - limit
            lines.append(
                f"… and {more} more problems."
                if lang.startswith("en")
                else f"… dan {more} masalah lainnya."
            )
        return lines

    def flags(self, lang: str = "id") -> list[str]:
        return [warning.text(lang) for warning in sorted(self.warnings, key=lambda w: w.row)]

    def text(self, lang: str = "id") -> str:
        """What a command prints: the problems, the flags, then the summary."""
        return "\n".join([*self.problems(lang), *self.flags(lang), self.summary(lang)])

    def as_dict(self, *, lang: str = "id", limit: int = 500) -> dict[str, Any]:
        """The report for a job's result or an API answer; lists cut at `limit`."""
        return {
            "filename": self.filename,
            "kind": self.kind,
            "format": self.format,
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "invalid_rows": self.invalid_rows,
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "written": self.written,
            "ok": self.ok,
            "seconds": round(self.seconds, 2),
            "timings": {name: round(value, 2) for name, value in self.timings.items()},
            "summary": self.summary(lang),
            "problems": self.problems(lang, limit),
            "flags": self.flags(lang)[:limit],
            "errors": [error.as_dict() for error in self.errors[:limit]],
        }


def _pick(pair: Pair | None, en: bool) -> str:
    if pair is None:
        return ""
    return pair[1] if en else pair[0]


def _say(pair: Pair, n: int, en: bool) -> str:
    return _pick(pair, en).replace("{n}", str(n))
