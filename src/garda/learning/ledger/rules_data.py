"""Defaults seeded by migration 0004 (Peraturan LAN 10/2018 annex as cited in asn.md; PP
11/2017 art. 203(4) as amended by PP 17/2020). Admins edit the rows afterwards.

CONVERSION: form code -> (unit, JP per unit, cap JP per day, cap sessions per month).
Every form not listed counts the JP stated on its certificate, without a cap."""

from __future__ import annotations

CONVERSION: dict[str, tuple[str, str | None, str | None, int | None]] = {
    "tugas-belajar": ("semester", "20", None, None),
    "izin-belajar": ("semester", "20", None, None),
    "seminar": ("day", "4", None, None),
    "sosialisasi": ("day", "4", None, None),
    "workshop": ("day", "5", None, None),
    "coaching": ("session", "2", None, 2),
    "mentoring": ("session", "2", None, 2),
    "e-learning": ("stated", None, "3", None),
    "detasering": ("activity", "20", None, None),
    "magang": ("activity", "20", None, None),
    "pertukaran": ("activity", "20", None, None),
    "patok-banding": ("activity", "10", None, None),
    "belajar-mandiri": ("stated", None, "2", None),
    "komunitas-belajar": ("stated", None, "2", None),
}
ABROAD_BONUS_PERCENT = "20"

# (employee kind, valid from year, target JP, at most JP, basis)
TARGETS: list[tuple[str, int, str, str | None, str]] = [
    ("pns", 2017, "20", None, "PP 11/2017 ps. 203 ayat (4) jo. PP 17/2020"),
    # PPPK: at most 24 JP per contract year; taken as their yearly target too.
    ("pppk", 2018, "24", "24", "PP 49/2018 (paling banyak 24 JP per tahun masa perjanjian kerja)"),
]
