"""`garda import_asn FILE`: import ASN from .xlsx/.csv (Garda template or SIASN export)."""

from __future__ import annotations

from typing import Any

from garda.core.import_command import SpreadsheetImportCommand
from garda.people.services.asn_import import employee_import


class Command(SpreadsheetImportCommand):
    help = (
        "Impor data ASN dari .xlsx/.csv (templat Garda atau ekspor SIASN). Keluar dengan kode 0 "
        "hanya bila semua baris terimpor. / Import ASN records; exit 0 only if every row was "
        "imported."
    )

    def run_import(self, **kwargs: Any) -> Any:
        return employee_import(**kwargs)

    def extra_lines(self, report: Any, lang: str, options: dict[str, Any]) -> list[str]:
        rate = report.total / report.seconds if report.seconds else 0.0
        lines = [
            f"{report.seconds:.1f} s ({rate:,.0f} rows/s)."
            if lang == "en"
            else f"{report.seconds:.1f} detik ({rate:,.0f} baris/detik).".replace(",", ".")
        ]
        if options["verbosity"] >= 2 and report.timings:
            phases = ", ".join(f"{name}={sec:.2f}s" for name, sec in report.timings.items())
            lines.append(f"Fase: {phases}")
        return lines
