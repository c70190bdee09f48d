"""The one eligibility decision, through the selector and the command: ages in completed
years against the level's limit (and the 3T exception), years as PNS from the NIP's TMT CPNS,
accreditation only with a programme, and fixed reasons naming the rule."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from garda.studies.models import EligibilityRule
from garda.studies.selectors.eligibility import study_check
from garda.studies.testing import ensure_rules, sample_employee, sample_program
from garda.talent.models import Sanction, SkpResult

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 12, 7)  # the SKP helpers write 2024 and 2025 (two years before now)


@pytest.fixture(autouse=True)
def _rules() -> None:
    ensure_rules()


def _check(employee, **kwargs):  # type: ignore[no-untyped-def]
    values = {"kind": "tugas", "level": "S2", "on": ON}
    values.update(kwargs)
    return study_check(employee=employee, **values)


def test_age_counts_completed_years_and_the_limit_is_inclusive() -> None:
    born_37 = sample_employee(born=dt.date(1989, 12, 8))  # 36 on ON, 37 tomorrow
    assert _check(born_37).reasons == []
    exactly = sample_employee(born=dt.date(1989, 12, 7))  # 37 today: not above the limit
    assert _check(exactly).eligible
    older = sample_employee(born=dt.date(1988, 6, 1))  # 38
    decision = _check(older)
    assert not decision.eligible
    assert decision.reasons == ["usia 38 tahun melebihi batas 37 tahun untuk S2"]


def test_the_3t_exception_raises_the_limit() -> None:
    older = sample_employee(born=dt.date(1984, 6, 1))  # 42
    assert _check(older, exception_3t=True).eligible
    assert (
        "batas 42 tahun"
        in _check(sample_employee(born=dt.date(1983, 6, 1)), exception_3t=True).reasons[0]
    )


def test_years_as_pns_from_nip_digits() -> None:
    fresh = sample_employee(tmt=(2026, 4))
    assert _check(fresh).reasons == ["masa kerja 8 bulan, paling sedikit 1 tahun"]
    assert _check(sample_employee(tmt=(2025, 12))).eligible


def test_rule_numbers_are_data() -> None:
    EligibilityRule.objects.filter(kind="tugas", level="S2").update(max_age=30)
    decision = _check(sample_employee(born=dt.date(1990, 1, 1)))
    assert decision.reasons == ["usia 36 tahun melebihi batas 30 tahun untuk S2"]


def test_accreditation_only_with_a_programme() -> None:
    employee = sample_employee()
    without = _check(employee)
    assert any("akreditasi" in item for item in without.not_checked)
    weak = sample_program(grade="baik")
    decision = _check(employee, program=weak)
    assert not decision.eligible
    assert decision.reasons == [
        f"program studi Magister Administrasi Publik ({weak.institution}) terakreditasi Baik, "
        "paling rendah Baik Sekali/B"
    ]
    assert _check(employee, program=sample_program(grade="unggul")).eligible


def test_pppk_and_suspension_refuse() -> None:
    suspended = sample_employee(status="diberhentikan_sementara")
    decision = _check(suspended, kind="izin")
    assert decision.reasons == [
        "sedang diberhentikan sementara; izin belajar tidak dapat diberikan"
    ]


def test_command_prints_json_and_exits_zero_for_refusal() -> None:
    older = sample_employee(born=dt.date(1988, 6, 1), tmt=(2026, 4))
    out = StringIO()
    call_command(
        "study_check",
        older.nip,
        "--kind",
        "tugas",
        "--level",
        "S2",
        "--on",
        "2026-12-07",
        "--json",
        stdout=out,
    )
    answer = json.loads(out.getvalue())
    assert answer["eligible"] is False
    assert answer["reasons"] == [
        "usia 38 tahun melebihi batas 37 tahun untuk S2",
        "masa kerja 8 bulan, paling sedikit 1 tahun",
    ]
    assert answer["not_checked"]
    good = sample_employee()
    out = StringIO()
    program = sample_program()
    call_command(
        "study_check",
        good.nip,
        "--kind",
        "tugas",
        "--level",
        "S2",
        "--on",
        "2026-12-07",
        "--program",
        str(program.pk),
        "--json",
        stdout=out,
    )
    answer = json.loads(out.getvalue())
    assert answer["eligible"] is True
    assert answer["reasons"] == []
    assert not any("akreditasi" in item for item in answer["not_checked"])


def test_command_refuses_unknown_nip_and_bad_date() -> None:
    with pytest.raises(CommandError):
        call_command(
            "study_check",
            "199001012015031001",
            "--kind",
            "tugas",
            "--level",
            "S2",
            "--on",
            "2026-12-07",
        )
    employee = sample_employee()
    with pytest.raises(CommandError):
        call_command(
            "study_check", employee.nip, "--kind", "tugas", "--level", "S2", "--on", "07-12-2026"
        )


def test_sanction_in_force_refuses_with_its_end_date() -> None:
    employee = sample_employee(skp=None)
    Sanction.objects.create(
        employee=employee,
        tingkat="sedang",
        jenis_hukuman="Penundaan KGB",
        tmt=dt.date(2026, 6, 1),
        tanggal_selesai=dt.date(2027, 5, 31),
    )
    Sanction.objects.create(
        employee=employee, tingkat="ringan", jenis_hukuman="Teguran lisan", tmt=dt.date(2026, 6, 1)
    )
    _skp(employee, "baik", "baik")
    decision = _check(employee)
    assert decision.reasons == [
        "sedang menjalani hukuman disiplin tingkat sedang sampai 31 Mei 2027"
    ]
    assert _check(employee, on=dt.date(2027, 6, 1)).reasons != decision.reasons


def _skp(employee, first: str | None, second: str | None) -> None:  # type: ignore[no-untyped-def]
    for year, predikat in ((2024, first), (2025, second)):
        if predikat:
            SkpResult.objects.create(employee=employee, year=year, predikat=predikat)


def test_skp_of_the_two_years_before_each_at_least_baik() -> None:
    good = sample_employee(skp=None)
    _skp(good, "sangat_baik", "baik")
    assert _check(good).eligible
    weak = sample_employee(skp=None)
    _skp(weak, "baik", "butuh_perbaikan")
    assert _check(weak).reasons == [
        "predikat SKP tahun 2025 Butuh Perbaikan, paling rendah Baik untuk tugas belajar"
    ]
    missing = sample_employee(skp=None)
    _skp(missing, None, "baik")
    assert _check(missing).reasons == [
        "SKP tahun 2024 tidak tercatat; tugas belajar mensyaratkan predikat paling rendah Baik "
        "dalam 2 tahun terakhir"
    ]
    # Izin belajar does not ask for SKP.
    assert _check(missing, kind="izin").eligible
