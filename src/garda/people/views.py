from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from garda.core.permissions import SIGNED_IN, require_access
from garda.people import selectors
from garda.people.filters import UnitFilter


@require_access(SIGNED_IN)
def unit_tree(request: HttpRequest) -> HttpResponse:
    units = UnitFilter(request.GET, queryset=selectors.unit_list(user=request.user))
    return render(request, "people/unit_tree.html", {"filter": units, "units": units.qs[:500]})
