"""What the survey app (garda.service.skm) adds here: the SKM index and each of its nine
elements as measures, and the SKM grade as a column of the province view. Innovation reads
skm; skm never imports innovation (import-linter contract "skm-not-innovation")."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from garda.core.errors import NotFound
from garda.service.innovation.measures import Figure, Measure, Observations, measure_register
from garda.service.innovation.selectors.province import EXTRA_COLUMNS
from garda.service.skm.editions import ELEMENTS_2017
from garda.service.skm.selectors import skm_observations, skm_results

INDEX = _("indeks (25-100)")


def _source(element: str | None) -> object:
    def observations(unit_id: int, start: dt.date, end: dt.date) -> Observations:
        try:
            found = skm_observations(unit_id=unit_id, start=start, end=end, element=element)
        except NotFound:
            return []
        return [(o.answered_on, float(o.value)) for o in found]

    return observations


def _measure(key: str, label: object, element: str | None) -> Measure:
    return Measure(
        key=key,
        label=label,  # type: ignore[arg-type]  # a lazy string
        description=_("Jawaban survei kepuasan masyarakat (PermenPANRB 14/2017), skala 25-100."),
        source=_source(element),  # type: ignore[arg-type]  # the closure above
        figures=(Figure("mean", _("Nilai rata-rata"), "mean", INDEX, lower_is_better=False),),
        weekly=False,
    )


def _grade(unit_ids: list[int]) -> str:
    """SKM grade of an area this year so far (its instansi's subtree)."""
    if not unit_ids:
        return ""
    today = timezone.localdate()
    try:
        result = skm_results(unit_id=unit_ids[0], start=dt.date(today.year, 1, 1), end=today)
    except NotFound:
        return ""
    if not result.respondents or result.ikm_converted is None:
        return "—"
    return f"{result.grade} ({result.ikm_converted})"


def register() -> None:
    measure_register(_measure("skm_index", _("Indeks Kepuasan Masyarakat (SKM)"), None))
    for code, name, *_rest in ELEMENTS_2017:
        measure_register(_measure(f"skm_{code}", f"SKM {code}: {name}", code))
    EXTRA_COLUMNS["skm"] = (_("Mutu layanan SKM"), _grade)
