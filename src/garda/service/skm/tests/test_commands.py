"""`garda import_skm` and `garda skm_report`: documents on stdout, exit codes, all-or-nothing."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from garda.service.skm.models import Answer, Survey
from garda.service.skm.testing import make_unit

pytestmark = pytest.mark.django_db
HEADER = "Tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9,Jenis Kelamin,Usia\n"


def _report(unit_code: str, start: str, end: str, fmt: str = "json") -> str:
    out = StringIO()
    call_command("skm_report", unit=unit_code, start=start, end=end, format=fmt, stdout=out)
    return out.getvalue()


def test_import_creates_a_survey_and_the_report_reads_it(tmp_path: Path) -> None:
    unit = make_unit()
    path = tmp_path / "skm.csv"
    path.write_text(
        HEADER
        + "2026-02-03,4,3,3,4,3,4,4,2,3,P,30-39\n"
        + "03-02-2026,3,3,2,4,3,3,4,2,2,laki-laki,\n"
        + "2026-02-04,4,4,4,4,4,4,4,3,4,,\n",
        encoding="utf-8",
    )
    call_command("import_skm", str(path), unit=unit.code, stdout=StringIO(), stderr=StringIO())
    survey = Survey.objects.get(unit=unit)
    assert (survey.period_kind, survey.year) == ("year", 2026)
    assert survey.answers.count() == 3
    assert set(Answer.objects.values_list("sex", flat=True)) == {"P", "L", ""}
    document = json.loads(_report(unit.code, "2026-02-03", "2026-02-04"))
    assert document["respondents"] == 3
    assert document["nrr"]["U1"] == 3.6667
    assert document["ikm"] == 3.3704
    assert document["ikm_converted"] == 84.26
    assert document["grade"] == "B"
    raw = _report(unit.code, "2026-02-03", "2026-02-04")
    assert '"U2": 3.3333' in raw
    assert '"ikm_converted": 84.26' in raw
    assert '"U4": 4.0000' in raw  # four decimals as published
    only_first_day = json.loads(_report(unit.code, "2026-02-03", "2026-02-03"))
    assert only_first_day["respondents"] == 2
    csv_text = _report(unit.code, "2026-02-03", "2026-02-04", "csv")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("unit,from,to,respondents,U1")
    assert lines[1].endswith("3.3704,84.26,B")


def test_import_is_all_or_nothing(tmp_path: Path) -> None:
    unit = make_unit()
    path = tmp_path / "skm.csv"
    path.write_text(HEADER + "2026-02-03,4,3,3,4,3,4,4,2,3,,\n2026-02-03,5,3,3,4,3,4,4,2,3,,\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_skm", str(path), unit=unit.code, stdout=StringIO(), stderr=err)
    assert "Baris 3, kolom U1" in err.getvalue()
    assert not Answer.objects.exists()
    assert not Survey.objects.exists()


def test_skip_invalid_keeps_the_good_rows(tmp_path: Path) -> None:
    unit = make_unit()
    path = tmp_path / "skm.csv"
    path.write_text(HEADER + "2026-02-03,4,3,3,4,3,4,4,2,3,,\n2026-02-03,5,3,3,4,3,4,4,2,3,,\n")
    with pytest.raises(CommandError):  # exit non-zero: a row was not imported
        call_command(
            "import_skm", str(path), "--skip-invalid", unit=unit.code, stdout=StringIO(),
            stderr=StringIO(),
        )  # fmt: skip
    assert Answer.objects.count() == 1


def test_unknown_unit_and_bad_dates_fail() -> None:
    with pytest.raises(CommandError):
        _report("NOPE", "2026-01-01", "2026-12-31")
    unit = make_unit()
    with pytest.raises(CommandError):
        _report(unit.code, "2026-13-01", "2026-12-31")
    with pytest.raises(CommandError):
        _report(unit.code, "2026-12-31", "2026-01-01")


def test_report_of_nobody_is_a_result() -> None:
    unit = make_unit()
    document = json.loads(_report(unit.code, "2026-01-01", "2026-12-31"))
    assert document["respondents"] == 0
    assert document["ikm"] is None
    assert document["grade"] is None
