"""One innovation out to the national systems, so a unit enters it once: the IID portal's
indicator sheet (.xlsx through the spreadsheet kit), the SINOVIK/JIPPNas fields (CSV, JSON),
and the KIPP proposal package (PDF)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from garda.core.documents import pdf_from_html
from garda.core.spreadsheets.export import Sheet, csv_bytes, xlsx_bytes
from garda.service.innovation.editions_data import KIPP_EDITION
from garda.service.innovation.models import IidEdition, Innovation, KippCriterion
from garda.service.innovation.selectors.iid import innovation_answers, innovation_raw
from garda.service.innovation.selectors.impact import impacts_of

IID_HEADER = [
    "No",
    "Kode indikator",
    "Indikator",
    "Bobot",
    "Parameter (1-3)",
    "Nilai",
    "Keterangan bukti",
    "Tautan bukti",
]


def iid_sheet(innovation: Innovation, edition: IidEdition) -> bytes:
    rows: list[list[Any]] = []
    for number, (indicator, score) in enumerate(innovation_answers(innovation, edition), 1):
        parameter = score.parameter if score else 0
        rows.append(
            [
                number,
                indicator.code,
                indicator.name,
                indicator.weight,
                parameter or "",
                indicator.weight * parameter,
                score.evidence_note if score else "",
                score.evidence_url if score else "",
            ]
        )
    raw, most = innovation_raw(edition, innovation)
    rows.append(["", "", "Jumlah", "", "", raw, f"dari paling banyak {most}", ""])
    facts = [
        ["Nama inovasi", innovation.title],
        ["Pemerintah daerah", innovation.instansi.name],
        ["Perangkat daerah/unit", innovation.unit.name],
        ["Tahapan", str(innovation.get_stage_display())],
        ["Jenis", str(innovation.get_kind_display())],
        ["Bentuk", str(innovation.get_form_display())],
        ["Urusan", str(innovation.get_sector_display())],
        ["Edisi", edition.name],
    ]
    return xlsx_bytes(
        [
            Sheet("Profil", ["Isian", "Nilai"], facts, widths={0: 24, 1: 60}),
            Sheet(
                "Indikator",
                IID_HEADER,
                rows,
                text_columns=frozenset({1}),
                widths={0: 5, 1: 22, 2: 44, 6: 40, 7: 40},
            ),
        ]
    )


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def national_record(innovation: Innovation) -> dict[str, Any]:
    """Fields SINOVIK (KemenPANRB) and JIPPNas ask of an innovation, in their order."""
    return {
        "nama_inovasi": innovation.title,
        "instansi": innovation.instansi.name,
        "kode_instansi": innovation.instansi.code,
        "unit_penyelenggara": innovation.unit.name,
        "kode_unit": innovation.unit.code,
        "tahapan": innovation.stage,
        "tanggal_inisiatif": _date(innovation.initiated_on),
        "tanggal_uji_coba": _date(innovation.trial_on),
        "tanggal_penerapan": _date(innovation.applied_on),
        "urusan": innovation.sector,
        "jenis": innovation.kind,
        "bentuk": innovation.form,
        "latar_belakang_masalah": innovation.problem,
        "gagasan": innovation.idea,
        "perubahan": innovation.change,
        "penerima_manfaat": innovation.beneficiaries,
        "jumlah_penerima_manfaat": innovation.beneficiary_count,
        "anggaran_rupiah": innovation.cost,
        "tautan_video": innovation.video_url,
        "jumlah_replikasi": innovation.replications.count(),
        "tim": "; ".join(
            f"{m.name} ({m.role})" if m.role else m.name for m in innovation.team.all()
        ),
    }


def national_csv(innovation: Innovation) -> bytes:
    record = national_record(innovation)
    return csv_bytes(list(record), [list(record.values())])


def national_json(innovation: Innovation) -> bytes:
    return json.dumps(national_record(innovation), ensure_ascii=False, indent=2).encode()


@dataclass(frozen=True)
class KippEligibility:
    operating_since: dt.date | None
    days: int
    minimum_days: int

    @property
    def eligible(self) -> bool:
        return self.operating_since is not None and self.days >= self.minimum_days


def kipp_criteria() -> list[KippCriterion]:
    return list(KippCriterion.objects.filter(edition=KIPP_EDITION).order_by("position"))


def kipp_eligibility(innovation: Innovation, *, today: dt.date | None = None) -> KippEligibility:
    """At least a year in operation, counted from application (or trial when not applied)."""
    today = today or timezone.localdate()
    since = innovation.applied_on or innovation.trial_on
    minimum = max((c.minimum_operating_days for c in kipp_criteria()), default=365)
    return KippEligibility(since, (today - since).days if since else 0, minimum)


def kipp_context(innovation: Innovation) -> dict[str, Any]:
    narratives = {n.criterion_id: n for n in innovation.kipp_narratives.all()}
    criteria = kipp_criteria()
    return {
        "innovation": innovation,
        "criteria": [(c, narratives.get(c.pk)) for c in criteria],
        "complete": all(c.pk in narratives for c in criteria),
        "eligibility": kipp_eligibility(innovation),
        "passing_grade": criteria[0].passing_grade if criteria else None,
        "evidence": list(innovation.evidence.all()),
        "impacts": impacts_of(innovation),
        "generated_at": timezone.localtime(),
    }


def kipp_pdf(innovation: Innovation) -> bytes:
    html = render_to_string("innovation/kipp_pdf.html", kipp_context(innovation))
    return pdf_from_html(html)
