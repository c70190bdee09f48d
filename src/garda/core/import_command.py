"""The shape every spreadsheet import command shares: FILE, --skip-invalid, --lang, --actor,
every bad row on stderr, a summary, exit 0 only when every row was imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.errors import GardaError
from garda.core.models import User
from garda.core.spreadsheets.report import ImportReport


def actor_option(username: str | None, *, lang: str = "id") -> User | None:
    """The user a command's `--actor USERNAME` names (recorded in the audit log), or None
    when the option is not given; an unknown name stops the command with a clear message."""
    if not username:
        return None
    actor = User.objects.filter(username=username).first()
    if actor is None:
        raise CommandError(
            f"No user {username!r}." if lang == "en" else f"Pengguna {username!r} tidak ada."
        )
    return actor


class SpreadsheetImportCommand(BaseCommand):
    """Subclasses implement `run_import` (the service call, answering the spreadsheet kit's
    ImportReport) and may add `extra_lines`."""

    def run_import(self, **kwargs: Any) -> ImportReport:
        raise NotImplementedError

    def extra_lines(self, report: ImportReport, lang: str, options: dict[str, Any]) -> list[str]:
        return []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="berkas .xlsx atau .csv")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="impor baris yang valid dan laporkan sisanya / import the good rows",
        )
        parser.add_argument("--lang", choices=["id", "en"], default="id")
        parser.add_argument(
            "--actor",
            metavar="USERNAME",
            help="pengguna yang tercatat di audit; wewenangnya membatasi unit kerja",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lang: str = options["lang"]
        english = lang == "en"
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(
                f"File not found: {path}" if english else f"Berkas tidak ada: {path}"
            )
        actor = actor_option(options["actor"], lang=lang)
        try:
            report = self.run_import(
                actor=actor, source=path, filename=path.name, skip_invalid=options["skip_invalid"]
            )
        except GardaError as error:
            raise CommandError(error.message_en if english else error.message_id) from error
        for line in report.problems(lang):
            self.stderr.write(line)
        for line in self.extra_lines(report, lang, options):
            self.stdout.write(line)
        self.stdout.write(report.summary(lang))
        if not report.ok:
            raise CommandError(
                f"{report.invalid_rows} rows were not imported."
                if english
                else f"{report.invalid_rows} baris tidak terimpor.",
                returncode=1,
            )
