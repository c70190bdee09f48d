"""Shared by `import_budget` and `import_realisasi`: over-realisation flags after the rows."""

from __future__ import annotations

from typing import Any

from garda.core.import_command import SpreadsheetImportCommand


class BudgetImportCommand(SpreadsheetImportCommand):
    def extra_lines(self, report: Any, lang: str, options: dict[str, Any]) -> list[str]:
        return list(report.flags(lang))
