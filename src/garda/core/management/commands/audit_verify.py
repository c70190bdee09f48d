from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from garda.core.audit.tree import audit_verify


class Command(BaseCommand):
    help = "Periksa seluruh log audit: hash tiap entri, urutan, dan kepala pohon bertanda tangan."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_verify()
        if report.ok:
            self.stdout.write(
                f"OK: {report.entries} entri dan {report.heads} kepala pohon bertanda tangan utuh."
            )
            return
        for problem in report.problems:
            self.stderr.write(problem)
        first = f"entri pertama yang rusak: #{report.first_bad_seq}" if report.first_bad_seq else ""
        raise CommandError(
            f"Log audit TIDAK utuh ({len(report.problems)} masalah). {first}".strip()
        )
