"""The editions as first published (../shared/domain/capacity.md §6), loaded by migration
0002; admins edit the rows afterwards. Items marked [?] were not found in a source and are
Garda's assumption until an admin corrects them."""

from __future__ import annotations

# (code, name): weight in the 2026 edition (software only). The 2023 edition's weights were
# not found [?]: the same list and weights are loaded for it.
SID_INDICATORS: list[tuple[str, str, int]] = [
    ("regulasi", "Regulasi inovasi daerah", 3),
    ("sdm", "Ketersediaan SDM terhadap inovasi daerah", 2),
    ("anggaran", "Dukungan anggaran", 2),
    ("alat_kerja", "Alat kerja", 2),
    ("bimtek", "Bimtek inovasi", 1),
    ("rkpd", "Program inovasi terintegrasi dalam RKPD", 2),
    ("aktor", "Keterlibatan aktor inovasi", 1),
    ("pelaksana", "Pelaksana inovasi daerah", 1),
    ("jejaring", "Jejaring inovasi", 1),
    ("sosialisasi", "Sosialisasi inovasi daerah", 1),
    ("pedoman_teknis", "Pedoman teknis", 1),
    ("kemudahan_informasi", "Kemudahan informasi layanan", 1),
    ("kemudahan_proses", "Kemudahan proses inovasi yang dihasilkan", 2),
    ("pengaduan", "Penyelesaian layanan pengaduan", 1),
    ("layanan_terintegrasi", "Layanan terintegrasi", 2),
    ("replikasi", "Replikasi", 3),
    ("kecepatan", "Kecepatan penciptaan inovasi", 2),
    ("kemanfaatan", "Kemanfaatan inovasi", 3),
    ("monev", "Monitoring dan evaluasi inovasi daerah", 2),
    ("video", "Video inovasi", 4),
]
# The region's own indicators [?]: a short list an admin replaces with the edition's own.
SPD_INDICATORS: list[tuple[str, str, int]] = [
    ("spd_visi_misi", "Visi, misi dan RPJMD memuat inovasi daerah", 2),
    ("spd_regulasi", "Peraturan kepala daerah tentang inovasi daerah", 2),
    ("spd_anggaran", "Anggaran inovasi daerah dalam APBD", 2),
    ("spd_kelembagaan", "Kelembagaan riset dan inovasi daerah", 1),
    ("spd_sakip", "Nilai SAKIP", 1),
    ("spd_opini_bpk", "Opini BPK atas laporan keuangan", 1),
    ("spd_ipp", "Indeks pelayanan publik", 1),
    ("spd_ipm", "Indeks pembangunan manusia", 1),
]
# code: (name, source, k, SPD %, SID %, count % [?], sangat inovatif from, inovatif from, current)
EDITIONS = {
    "2023": (
        "Indeks Inovasi Daerah 2023",
        "Kemendagri/BSKDN, pedoman pengukuran IID 2023",
        10,
        "25",
        "70",
        "5",
        "60.01",
        "35",
        False,
    ),
    "2026": (
        "Indeks Inovasi Daerah 2026 (aplikasi)",
        "Kemendagri/BSKDN, aplikasi IID 2026 [C]",
        12,
        "25",
        "70",
        "5",
        "65.01",
        "40.01",
        True,
    ),
}
# KIPP 2025 (PermenPANRB 4/2025): criteria; per-criterion weights not found [?].
KIPP_CRITERIA: list[tuple[str, str, str]] = [
    (
        "kebaruan",
        "Kebaruan",
        "Apa yang baru dari inovasi ini dibanding cara sebelumnya atau inovasi serupa?",
    ),
    ("efektif", "Efektif", "Bukti bahwa inovasi mencapai tujuannya: capaian sebelum dan sesudah."),
    (
        "bermanfaat",
        "Bermanfaat",
        "Siapa yang merasakan manfaatnya, berapa banyak, dan seperti apa?",
    ),
    (
        "dapat_direplikasi",
        "Dapat direplikasi",
        "Unit lain yang sudah atau dapat menerapkan, dan syaratnya.",
    ),
    (
        "berkelanjutan",
        "Berkelanjutan",
        "Dukungan regulasi, anggaran, SDM dan kelembagaan yang menjaga inovasi tetap berjalan.",
    ),
]
KIPP_EDITION = "2025"
KIPP_PASSING_GRADE = 85
KIPP_MINIMUM_DAYS = 365
