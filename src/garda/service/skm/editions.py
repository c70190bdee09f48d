"""The 2017 edition as the data migration seeds it (PermenPANRB 14/2017, Lampiran): nine
elements in the order of the regulation's questionnaire, answer texts 1 (worst) to 4 (best;
for cost 4 = free), and the grade bands of mutu pelayanan. Admins edit the rows afterwards;
a new regulation is a new Edition, not an edit of this file."""

from __future__ import annotations

from typing import Any

EDITION_2017: dict[str, Any] = {
    "code": "permenpanrb-14-2017",
    "name": "SKM PermenPANRB 14/2017",
    "regulation": "Peraturan Menteri PANRB Nomor 14 Tahun 2017",
    "sample_chi_square": "3.841",
    "sample_proportion": "0.500",
    "sample_margin": "0.050",
    "conversion_factor": "25.00",
}

# (code, name, question, answers 1..4)
ELEMENTS_2017: list[tuple[str, str, str, tuple[str, str, str, str]]] = [
    ("U1", "Persyaratan",
     "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
     "pelayanannya?", ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    ("U2", "Sistem, mekanisme, dan prosedur",
     "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
     ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah")),
    ("U3", "Waktu penyelesaian",
     "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
     ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
    ("U4", "Biaya/tarif",
     "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
     ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    ("U5", "Produk spesifikasi jenis pelayanan",
     "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
     "dalam standar pelayanan dengan hasil yang diberikan?",
     ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    ("U6", "Kompetensi pelaksana",
     "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
     ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten")),
    ("U7", "Perilaku pelaksana",
     "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
     "dan keramahan?",
     ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah",
      "Sangat sopan dan ramah")),
    ("U8", "Penanganan pengaduan, saran dan masukan",
     "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
     ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
      "Dikelola dengan baik")),
    ("U9", "Sarana dan prasarana",
     "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
     ("Buruk", "Cukup", "Baik", "Sangat baik")),
]  # fmt: skip

# (grade, minimum converted value, kinerja unit pelayanan)
GRADES_2017: list[tuple[str, str, str]] = [
    ("A", "88.31", "Sangat Baik"),
    ("B", "76.61", "Baik"),
    ("C", "65.00", "Kurang Baik"),
    ("D", "25.00", "Tidak Baik"),
]
