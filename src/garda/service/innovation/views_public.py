"""Public pages: the showcase (search, filters, the map) and each published innovation with
its measured before/after. Aggregates and the innovation's own public facts only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from garda.core.permissions import access_for, require_access
from garda.core.roles import PUBLIC
from garda.service.innovation import boundaries
from garda.service.innovation.forms import ShowcaseForm
from garda.service.innovation.selectors import registry as selectors
from garda.service.innovation.selectors.impact import impacts_of

PUBLIC_ACCESS = access_for(PUBLIC)


@require_access(PUBLIC_ACCESS)
def showcase(request: HttpRequest) -> HttpResponse:
    regions = selectors.regions()
    form = ShowcaseForm(request.GET or None, regions=regions)
    query = selectors.ShowcaseQuery()
    if form.is_valid():
        data = form.cleaned_data
        query = selectors.ShowcaseQuery(
            text=data["q"].strip(),
            instansi_id=data["wilayah"].pk if data["wilayah"] else None,
            sector=data["urusan"],
            stage=data["tahap"],
        )
    counts = selectors.published_counts_by_region()
    by_code = {r.code: r for r in regions}
    shapes = []
    for shape in boundaries.regions():
        unit = by_code.get(shape.code)
        count = counts.get(unit.pk, 0) if unit else 0
        shapes.append(
            {
                "shape": shape,
                "unit": unit,
                "count": count,
                "selected": unit is not None and unit.pk == query.instansi_id,
                "shade": min(4, count),
            }
        )
    return render(
        request,
        "innovation/showcase.html",
        {
            "form": form,
            "innovations": selectors.showcase(query)[:200],
            "shapes": shapes,
            "width": boundaries.WIDTH,
            "height": boundaries.HEIGHT,
        },
    )


@require_access(PUBLIC_ACCESS)
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = selectors.published_get(innovation_id=pk)
    return render(
        request,
        "innovation/public_detail.html",
        {
            "innovation": innovation,
            "impacts": impacts_of(innovation),
            "replications": innovation.replications.select_related("unit"),
            "evidence": innovation.evidence.exclude(url=""),
        },
    )
