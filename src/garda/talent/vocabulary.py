"""The words of SKP, discipline and potential as files and people write them, and the
canonical codes Garda stores. What each word is worth (IP ASN points, 9-box axes) is data per
edition elsewhere; here is only what the words mean and how they compare."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Predikat(models.TextChoices):
    """SKP predikat: the five of PermenPANRB 6/2022 and the older Cukup and Buruk (PP 46/2011)."""

    SANGAT_BAIK = "sangat_baik", _("Sangat Baik")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    CUKUP = "cukup", _("Cukup")
    KURANG = "kurang", _("Kurang")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")
    BURUK = "buruk", _("Buruk")


# Order of merit, best first; the older words rank beside their successors (cukup beside butuh
# perbaikan, buruk beside sangat kurang), as the IP ASN tables score them.
PREDIKAT_RANK: dict[str, int] = {
    Predikat.SANGAT_BAIK: 5,
    Predikat.BAIK: 4,
    Predikat.BUTUH_PERBAIKAN: 3,
    Predikat.CUKUP: 3,
    Predikat.KURANG: 2,
    Predikat.SANGAT_KURANG: 1,
    Predikat.BURUK: 1,
}


class Tingkat(models.TextChoices):
    """Level of a discipline sanction (PP 94/2021)."""

    RINGAN = "ringan", _("Ringan")
    SEDANG = "sedang", _("Sedang")
    BERAT = "berat", _("Berat")


TINGKAT_WEIGHT: dict[str, int] = {Tingkat.RINGAN: 1, Tingkat.SEDANG: 2, Tingkat.BERAT: 3}


class Potensial(models.TextChoices):
    RENDAH = "rendah", _("Rendah")
    MENENGAH = "menengah", _("Menengah")
    TINGGI = "tinggi", _("Tinggi")


_SEPARATORS = re.compile(r"[\s_\-]+")


def word_key(text: str) -> str:
    """`" Sangat  BAIK"` / `"sangat_baik"` / `"Sangat-Baik"` -> `"sangat_baik"`."""
    return _SEPARATORS.sub("_", text.strip().casefold()).strip("_")


def predikat_code(text: str) -> str | None:
    key = word_key(text)
    return key if key in Predikat.values else None


def tingkat_code(text: str) -> str | None:
    key = word_key(text)
    return key if key in Tingkat.values else None


def potensial_code(text: str) -> str | None:
    key = word_key(text)
    return key if key in Potensial.values else None


# IP ASN category codes (rows of each edition) as people read them.
CATEGORY_LABELS = {
    "sangat_tinggi": _("Sangat tinggi"),
    "tinggi": _("Tinggi"),
    "sedang": _("Sedang"),
    "rendah": _("Rendah"),
    "sangat_rendah": _("Sangat rendah"),
}


def category_label(code: str) -> str:
    return str(CATEGORY_LABELS.get(code, code.replace("_", " ")))


def at_least_baik(predikat: str) -> bool:
    rank = PREDIKAT_RANK.get(predikat)
    return rank is not None and rank >= PREDIKAT_RANK[Predikat.BAIK]


def heaviest(tingkats: list[str]) -> str | None:
    """The heaviest of several sanction levels, or None for none."""
    return max(tingkats, key=lambda t: TINGKAT_WEIGHT[t]) if tingkats else None
