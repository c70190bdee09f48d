"""The starting tables of ../shared/domain/capacity.md §2-3, loaded by migration 0003 and
editable afterwards (new editions are new rows). Nothing reads these lists at run time."""

from __future__ import annotations

# --- Indeks Profesionalitas ASN (PermenPANRB 38/2018, Peraturan BKN 8/2019) -------------------

IP_EDITION = {
    "code": "permenpanrb-38-2018",
    "name": "PermenPANRB 38/2018 dan Peraturan BKN 8/2019",
    "first_year": 2018,
    "technical_min_jp": "20",
    "technical_partial": False,
    "seminar_years": 2,
}

# (dimension, key, points). Kualifikasi keys are the registry's education level codes;
# kompetensi keys are "<jabatan group>.<indicator>"; kinerja keys the SKP predikat codes;
# disiplin keys the sanction level, "tanpa" for none.
IP_POINTS: list[tuple[str, str, str]] = [
    ("kualifikasi", "S3", "25"),
    ("kualifikasi", "S2", "20"),
    ("kualifikasi", "S1", "15"),
    ("kualifikasi", "D4", "15"),
    ("kualifikasi", "D3", "10"),
    ("kualifikasi", "D2", "5"),
    ("kualifikasi", "D1", "5"),
    ("kualifikasi", "SMA", "5"),
    ("kualifikasi", "SMP", "1"),
    ("kualifikasi", "SD", "1"),
    ("kompetensi", "struktural.kepemimpinan", "15"),
    ("kompetensi", "struktural.teknis", "15"),
    ("kompetensi", "struktural.seminar", "10"),
    ("kompetensi", "fungsional.fungsional", "15"),
    ("kompetensi", "fungsional.teknis", "15"),
    ("kompetensi", "fungsional.seminar", "10"),
    ("kompetensi", "pelaksana.teknis", "22.5"),
    ("kompetensi", "pelaksana.seminar", "17.5"),
    ("kinerja", "sangat_baik", "30"),
    ("kinerja", "baik", "25"),
    ("kinerja", "butuh_perbaikan", "15"),
    ("kinerja", "cukup", "15"),
    ("kinerja", "kurang", "10"),
    ("kinerja", "sangat_kurang", "5"),
    ("kinerja", "buruk", "5"),
    ("disiplin", "tanpa", "5"),
    ("disiplin", "ringan", "3"),
    ("disiplin", "sedang", "2"),
    ("disiplin", "berat", "1"),
]

# (code, lowest total)
IP_CATEGORIES: list[tuple[str, str]] = [
    ("sangat_tinggi", "91"),
    ("tinggi", "81"),
    ("sedang", "71"),
    ("rendah", "61"),
    ("sangat_rendah", "0"),
]

# Ledger form code -> indicator (issue 13 item 7).
IP_FORM_INDICATORS: list[tuple[str, str]] = [
    ("teknis", "teknis"),
    ("bimtek", "teknis"),
    ("pjj", "teknis"),
    ("e-learning", "teknis"),
    ("seminar", "seminar"),
    ("workshop", "seminar"),
    ("kursus", "seminar"),
    ("magang", "seminar"),
    ("sosialisasi", "seminar"),
    ("penataran", "seminar"),
    ("pkn", "kepemimpinan"),
    ("pka", "kepemimpinan"),
    ("pkp", "kepemimpinan"),
    ("fungsional", "fungsional"),
]

# Registry jabatan kind -> (group, leadership training form of the post's level).
IP_JABATAN_RULES: list[tuple[str, str, str]] = [
    ("jpt_utama", "struktural", "pkn"),
    ("jpt_madya", "struktural", "pkn"),
    ("jpt_pratama", "struktural", "pkn"),
    ("administrator", "struktural", "pka"),
    ("pengawas", "struktural", "pkp"),
    ("fungsional_ahli_utama", "fungsional", ""),
    ("fungsional_ahli_madya", "fungsional", ""),
    ("fungsional_ahli_muda", "fungsional", ""),
    ("fungsional_ahli_pertama", "fungsional", ""),
    ("fungsional_penyelia", "fungsional", ""),
    ("fungsional_mahir", "fungsional", ""),
    ("fungsional_terampil", "fungsional", ""),
    ("fungsional_pemula", "fungsional", ""),
    ("pelaksana", "pelaksana", ""),
]

# --- Talent 9-box (PermenPANRB 3/2020) --------------------------------------------------------

NINEBOX_EDITION = {"code": "permenpanrb-3-2020", "name": "PermenPANRB 3/2020"}

# Default kinerja axis: SKP predikat -> kinerja level (an instansi may set its own per year).
KINERJA_DEFAULT: list[tuple[str, str]] = [
    ("sangat_baik", "di_atas"),
    ("baik", "sesuai"),
    ("butuh_perbaikan", "di_bawah"),
    ("cukup", "di_bawah"),
    ("kurang", "di_bawah"),
    ("sangat_kurang", "di_bawah"),
    ("buruk", "di_bawah"),
]

# Default potential axis for ASN without an imported potential: the lowest JPM of each level.
# No national rule was found (capacity.md §2 marks the cut-offs local [?]); these follow the
# mapping bands of §1 (>= 90 optimal, >= 80 close to it) and are Garda's local default, which
# each instansi replaces per year on /talenta/batas-potensial/.
POTENSIAL_DEFAULT_BASIS = "Default lokal Garda (capacity.md §2 [?]); ubah per instansi dan tahun"
POTENSIAL_DEFAULT: list[tuple[str, str]] = [
    ("tinggi", "90"),
    ("menengah", "80"),
    ("rendah", "0"),
]

# (kinerja, potensial, box, recommendation, in succession pools, offered tugas belajar)
NINEBOX_CELLS: list[tuple[str, str, int, str, bool, bool]] = [
    ("di_atas", "tinggi", 9, "Promosi, masuk kelompok rencana suksesi, penghargaan", True, False),
    ("sesuai", "tinggi", 8, "Dipertahankan, kelompok rencana suksesi, rotasi", True, False),
    ("di_atas", "menengah", 7,
     "Dipertahankan, kelompok rencana suksesi, pengayaan jabatan, pengembangan kompetensi, "
     "tugas belajar", True, True),
    ("di_bawah", "tinggi", 6,
     "Penempatan yang sesuai, bimbingan kinerja, konseling kinerja", False, False),
    ("sesuai", "menengah", 5,
     "Penempatan yang sesuai, bimbingan kinerja, pengembangan kompetensi", False, False),
    ("di_atas", "rendah", 4, "Rotasi, pengembangan kompetensi", False, False),
    ("di_bawah", "menengah", 3,
     "Bimbingan kinerja, konseling kinerja, pengembangan kompetensi, penempatan yang sesuai",
     False, False),
    ("sesuai", "rendah", 2,
     "Bimbingan kinerja, pengembangan kompetensi, penempatan yang sesuai", False, False),
    ("di_bawah", "rendah", 1, "Diproses sesuai ketentuan peraturan perundang-undangan",
     False, False),
]  # fmt: skip
