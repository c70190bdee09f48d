"""The one decision on eligibility for tugas belajar or izin belajar, and the fixed Indonesian
wording of every reason. `decide` is pure: it reads a person's facts (gathered for many people
at once by `selectors.eligibility`) and a rule row, so the page, the API, the command, the
offer's shortlist and the bench all meet the same function through that selector.

Reasons name the rule they apply, e.g. "usia 38 tahun melebihi batas 37 tahun untuk S2"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from garda.core.formatting import long_date  # Indonesian whatever the page language
from garda.studies.models import AccreditedProgram, EligibilityRule, StudyKind

SKP_MIN = "Baik"


@dataclass(frozen=True)
class Sanction:
    tingkat: str  # ringan, sedang, berat
    until: dt.date | None


@dataclass
class PersonFacts:
    """What the registry and the records say about one ASN, for one date."""

    employee_id: int
    kind: str  # pns / pppk
    birth_date: dt.date
    tmt_cpns: dt.date | None
    status: str
    # None: the discipline or SKP records were not available (listed as not checked).
    sanctions: list[Sanction] | None = None
    skp: dict[int, str | None] | None = None  # year -> predikat (None: no SKP that year)
    skp_ok: dict[int, bool] = field(default_factory=dict)


@dataclass
class Decision:
    eligible: bool
    reasons: list[str]
    not_checked: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"eligible": self.eligible, "reasons": self.reasons, "not_checked": self.not_checked}


def completed_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def completed_months(start: dt.date, on: dt.date) -> int:
    months = (on.year - start.year) * 12 + on.month - start.month
    return months - (on.day < start.day)


def service_text(months: int) -> str:
    years, rest = divmod(max(months, 0), 12)
    if years and rest:
        return f"{years} tahun {rest} bulan"
    return f"{years} tahun" if years else f"{rest} bulan"


STATUS_WORDS = {
    "cuti": "cuti",
    "tugas_belajar": "sedang tugas belajar",
    "diberhentikan_sementara": "diberhentikan sementara",
    "pensiun": "pensiun",
    "berhenti": "berhenti",
    "meninggal": "meninggal dunia",
}
NOT_CHECKED_PROGRAM = "akreditasi program studi (perlu program studi yang dituju)"
NOT_CHECKED_RELEVANCE = "kesesuaian studi dengan jabatan (diputuskan atasan saat persetujuan)"
NOT_CHECKED_APPROVALS = "persetujuan atasan, kepala OPD dan BKD (tahap pengajuan)"
NOT_CHECKED_SANCTIONS = "hukuman disiplin (data disiplin belum tersedia)"
NOT_CHECKED_SKP = "predikat SKP (data SKP belum tersedia)"


def decide(
    facts: PersonFacts,
    rule: EligibilityRule,
    on: dt.date,
    *,
    program: AccreditedProgram | None = None,
    grade_names: dict[int, str] | None = None,
    exception_3t: bool = False,
) -> Decision:
    """Eligible or not on `on`, with every reason; checks that need an application are listed
    as not checked and never refuse."""
    reasons: list[str] = []
    not_checked: list[str] = []
    kind_word = "tugas belajar" if rule.kind == StudyKind.TUGAS else "izin belajar"
    if facts.kind != "pns":
        reasons.append(f"{kind_word} hanya untuk PNS, bukan PPPK")
    if facts.status == "diberhentikan_sementara" and rule.refuses_suspended:
        reasons.append(f"sedang diberhentikan sementara; {kind_word} tidak dapat diberikan")
    elif facts.status not in {"aktif", "diberhentikan_sementara"}:
        word = STATUS_WORDS.get(facts.status, facts.status)
        reasons.append(f"status kepegawaian {word}, harus aktif")
    limit = rule.max_age_exception if exception_3t else rule.max_age
    if limit is not None:
        age = completed_years(facts.birth_date, on)
        if age > limit:
            where = " (daerah 3T/jabatan langka)" if exception_3t else ""
            reasons.append(
                f"usia {age} tahun melebihi batas {limit} tahun untuk {rule.level}{where}"
            )
    if facts.tmt_cpns is not None and rule.min_service_years:
        months = completed_months(facts.tmt_cpns, on)
        if months < rule.min_service_years * 12:
            reasons.append(
                f"masa kerja {service_text(months)}, paling sedikit {rule.min_service_years} tahun"
            )
    if facts.sanctions is None:
        not_checked.append(NOT_CHECKED_SANCTIONS)
    else:
        refused = rule.refused_levels
        for sanction in facts.sanctions:
            if sanction.tingkat in refused:
                until = f" sampai {long_date(sanction.until)}" if sanction.until else ""
                reasons.append(
                    f"sedang menjalani hukuman disiplin tingkat {sanction.tingkat}{until}"
                )
    if rule.skp_years:
        if facts.skp is None:
            not_checked.append(NOT_CHECKED_SKP)
        else:
            for year in range(on.year - rule.skp_years, on.year):
                predikat = facts.skp.get(year)
                if predikat is None:
                    reasons.append(
                        f"SKP tahun {year} tidak tercatat; {kind_word} mensyaratkan predikat "
                        f"paling rendah {SKP_MIN} dalam {rule.skp_years} tahun terakhir"
                    )
                elif not facts.skp_ok.get(year, False):
                    reasons.append(
                        f"predikat SKP tahun {year} {predikat}, paling rendah {SKP_MIN} untuk "
                        f"{kind_word}"
                    )
    if rule.min_accreditation_rank is not None:
        if program is None:
            not_checked.append(NOT_CHECKED_PROGRAM)
        else:
            reasons.extend(_program_reasons(program, rule, on, grade_names or {}))
    if rule.kind == StudyKind.IZIN:
        not_checked.append(NOT_CHECKED_RELEVANCE)
    not_checked.append(NOT_CHECKED_APPROVALS)
    return Decision(eligible=not reasons, reasons=reasons, not_checked=not_checked)


def _program_reasons(
    program: AccreditedProgram, rule: EligibilityRule, on: dt.date, grade_names: dict[int, str]
) -> list[str]:
    found: list[str] = []
    label = f"program studi {program.name} ({program.institution})"
    if program.level != rule.level:
        found.append(f"{label} berjenjang {program.level}, bukan {rule.level}")
    rank = program.grade.rank
    minimum = rule.min_accreditation_rank
    if minimum is not None and rank > minimum:
        least = grade_names.get(minimum, str(minimum))
        found.append(f"{label} terakreditasi {program.grade.name}, paling rendah {least}")
    if program.valid_until is not None and program.valid_until < on:
        found.append(f"akreditasi {label} berakhir {long_date(program.valid_until)}")
    return found
