"""The province view's figures as an open dataset in transparency's catalog: per
kabupaten/kota, innovations by stage, measured and improved impacts, the IID estimate.
Aggregates only; registered through `dataset_source_register`, not by editing transparency."""

from __future__ import annotations

from typing import Any

from garda.service.innovation.models import Innovation
from garda.service.innovation.models.registry import Status
from garda.transparency.opendata.generators import Field, Generated
from garda.transparency.opendata.models import Periodicity
from garda.transparency.opendata.services import (
    PRODUSEN,
    Definition,
    dataset_source_register,
)

KIND = "innovation_area"
SLUG = "inovasi-per-kabupaten-kota"
FIELDS = [
    Field("tahun", "integer", "Tahun"),
    Field("kode_wilayah", "string", "Kode instansi (wilayah)"),
    Field("nama_wilayah", "string", "Nama instansi"),
    Field("inisiatif", "integer", "Inovasi tahap inisiatif"),
    Field("uji_coba", "integer", "Inovasi tahap uji coba"),
    Field("penerapan", "integer", "Inovasi tahap penerapan"),
    Field("jumlah", "integer", "Jumlah inovasi"),
    Field("dampak_diukur", "integer", "Ukuran dampak yang dihitung"),
    Field("dampak_membaik", "integer", "Ukuran dampak yang membaik (selang 95% tidak memuat nol)"),
    Field("iid_total", "string", "Perkiraan Indeks Inovasi Daerah (kosong bila SPD belum lengkap)"),
    Field("iid_predikat", "string", "Predikat IID"),
]


def generate(params: dict[str, Any]) -> Generated:
    # The province view imports this module's neighbours; loaded when a dataset is generated.
    from garda.service.innovation.selectors.province import province_view

    view = province_view()
    rows = [
        [
            view["year"],
            row.code,
            row.name,
            row.stages.get("inisiatif", 0),
            row.stages.get("uji_coba", 0),
            row.stages.get("penerapan", 0),
            row.total,
            row.measured,
            row.improved,
            row.iid_total,
            str(row.iid_predikat),
        ]
        for row in view["areas"]
    ]
    return Generated(FIELDS, rows)


def definitions() -> list[Definition]:
    # Like the budget datasets, it is called for by the live data: none until an innovation
    # is published.
    if not Innovation.objects.filter(status=Status.PUBLISHED).exists():
        return []
    return [
        Definition(
            SLUG,
            KIND,
            {},
            {
                "title": "Inovasi pelayanan publik per kabupaten/kota",
                "description": (
                    "Jumlah inovasi ASN dan unit kerja se-Provinsi Jambi per kabupaten/kota "
                    "menurut tahapan (inisiatif, uji coba, penerapan), dampak yang diukur dari "
                    "data Garda, dan perkiraan Indeks Inovasi Daerah. Agregat saja."
                ),
                "keywords": ["inovasi", "pelayanan publik", "IID", "kabupaten/kota"],
                "produsen": f"{PRODUSEN} (BAPPEDA/BRIDA)",
                "konsep": "Inovasi daerah menurut PP 38/2017.",
                "definisi": (
                    "Inovasi yang tercatat di Garda; dampak membaik bila selang bootstrap 95% "
                    "selisih sebelum/sesudah tidak memuat nol ke arah yang lebih baik."
                ),
                "satuan": "Inovasi",
                "klasifikasi": "Kabupaten/kota; tahapan inovasi",
                "rumus": "IID = bobot SPD x SPD% + bobot SID x SID% + bobot jumlah x min(1, n/k)",
                "periode": Periodicity.MONTHLY,
                "tahun": None,
                "metodologi": "Rekap registri inovasi Garda dan data layanan Garda.",
                "urusan": "Penelitian dan pengembangan",
            },
        )
    ]


def register() -> None:
    dataset_source_register(
        kind=KIND,
        generate=generate,
        definitions=definitions,
        fields=FIELDS,
        primary_key=["tahun", "kode_wilayah"],
        themes=("GOVE", "SOCI"),
    )
