"""What would raise an ASN's IP ASN: each indicator not yet earned, what it takes, and how
many points it adds under the edition's tables (ipasn.Rules), most points first."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from garda.talent.ipasn import ZERO, Rules, Score
from garda.talent.models_ipasn import Dimension, Indicator, JabatanGroup
from garda.talent.vocabulary import PREDIKAT_RANK, Predikat


@dataclass(frozen=True)
class Option:
    indicator: str
    text: str
    gain: Decimal
    new_total: Decimal
    new_category: str
    form_codes: list[str] = field(default_factory=list)  # forms whose open batches would do it


def shown(value: Decimal) -> str:
    """22.50 -> "22,5", 15.00 -> "15" (in the active language's number format)."""
    text = format(value.normalize(), "f")
    return number_format(Decimal(text))


class _Options:
    def __init__(self, result: Score, rules: Rules) -> None:
        self.result, self.rules = result, rules
        self.found: list[Option] = []

    def add(self, indicator: str, text: str, gain: Decimal, forms: list[str] | None = None) -> None:
        if gain > 0:
            total = self.result.total + gain
            category = self.rules.category(total)
            self.found.append(Option(indicator, text, gain, total, category, forms or []))

    def kompetensi(self) -> None:
        inputs, group, rules = self.result.inputs, self.result.group, self.rules
        full = rules.point(Dimension.KOMPETENSI, f"{group}.{Indicator.TEKNIS}")
        needed = rules.edition.technical_min_jp - inputs.technical_jp
        gain = full - self.result.parts.get(Indicator.TEKNIS, ZERO)
        if needed > 0:
            text = (
                _("Pelatihan teknis %(jp)s JP tahun ini menambah %(points)s poin")
                if inputs.technical_jp == 0
                else _("Pelatihan teknis %(jp)s JP lagi tahun ini menambah %(points)s poin")
            )
            values = {"jp": shown(needed), "points": shown(gain)}
            self.add(Indicator.TEKNIS, text % values, gain, rules.forms_of(Indicator.TEKNIS))
        if not inputs.seminar:
            gain = rules.point(Dimension.KOMPETENSI, f"{group}.{Indicator.SEMINAR}")
            text = _("Seminar, workshop, kursus atau magang tahun ini menambah %(points)s poin")
            forms = rules.forms_of(Indicator.SEMINAR)
            self.add(Indicator.SEMINAR, text % {"points": shown(gain)}, gain, forms)
        if group == JabatanGroup.STRUKTURAL and not self.result.parts.get(Indicator.KEPEMIMPINAN):
            _group, leadership = rules.group_of(inputs.jabatan_kind)
            gain = rules.point(Dimension.KOMPETENSI, f"{group}.{Indicator.KEPEMIMPINAN}")
            text = _("Pelatihan kepemimpinan %(form)s menambah %(points)s poin")
            values = {"form": leadership.upper(), "points": shown(gain)}
            forms = [leadership] if leadership else []
            self.add(Indicator.KEPEMIMPINAN, text % values, gain, forms)
        if group == JabatanGroup.FUNGSIONAL and not self.result.parts.get(Indicator.FUNGSIONAL):
            gain = rules.point(Dimension.KOMPETENSI, f"{group}.{Indicator.FUNGSIONAL}")
            text = _("Pelatihan fungsional jabatan Anda menambah %(points)s poin")
            forms = rules.forms_of(Indicator.FUNGSIONAL)
            self.add(Indicator.FUNGSIONAL, text % {"points": shown(gain)}, gain, forms)

    def kinerja(self) -> None:
        top = max(PREDIKAT_RANK.values())
        best = next(p for p in Predikat if PREDIKAT_RANK[p] == top)
        if self.result.inputs.predikat == best:
            return
        gain = self.rules.point(Dimension.KINERJA, best) - self.result.kinerja
        text = _("SKP dengan predikat %(predikat)s menambah %(points)s poin")
        self.add(Dimension.KINERJA, text % {"predikat": best.label, "points": shown(gain)}, gain)

    def kualifikasi(self) -> None:
        current = self.result.kualifikasi
        higher = sorted(
            (points, key)
            for (dimension, key), points in self.rules.points.items()
            if dimension == Dimension.KUALIFIKASI and points > current
        )
        if higher:
            points, level = higher[0]
            text = _("Pendidikan %(level)s (tugas belajar atau izin belajar) menambah %(points)s "
                     "poin")  # fmt: skip
            gain = points - current
            self.add(Dimension.KUALIFIKASI, text % {"level": level, "points": shown(gain)}, gain)


def raise_options(result: Score, rules: Rules) -> list[Option]:
    options = _Options(result, rules)
    options.kompetensi()
    options.kinerja()
    options.kualifikasi()
    return sorted(options.found, key=lambda option: -option.gain)
