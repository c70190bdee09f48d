"""The IP ASN dashboard: distribution over categories, each dimension's mean and share, and
per instansi/OPD, for the viewer's scope (cached under it)."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from garda.core.permissions import require_access, signed_in_user
from garda.talent import policy
from garda.talent.models_ipasn import Dimension
from garda.talent.selectors.ipasn import ip_asn_summary_cached
from garda.talent.views import root_from, year_from
from garda.talent.vocabulary import category_label


@require_access(policy.DASHBOARD)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = year_from(request)
    root = root_from(request, user)
    summary = ip_asn_summary_cached(user=user, year=year, root=root)
    categories = [(category_label(c["code"]), c["count"]) for c in summary["categories"]]
    dimensions = [(str(Dimension(d["code"]).label), d) for d in summary["dimensions"]]
    chart = json.dumps(
        {
            "type": "bar",
            "unit": "number",
            "labels": [label for label, _count in categories],
            "series": [
                {"label": _("Jumlah ASN"), "kind": "bar",
                 "values": [count for _label, count in categories]}
            ],
        }
    )  # fmt: skip
    return render(
        request,
        "talent/ip_dashboard.html",
        {
            "year": year,
            "root": root,
            "summary": summary,
            "categories": categories,
            "dimensions": dimensions,
            "chart": chart,
        },
    )


@require_access(policy.DASHBOARD)
def dashboard_data(request: HttpRequest) -> JsonResponse:
    """The dashboard's figures as JSON (numbers as numbers)."""
    user = signed_in_user(request)
    year = year_from(request)
    root = root_from(request, user)
    summary = ip_asn_summary_cached(user=user, year=year, root=root)
    return JsonResponse({**summary, "unit": root.pk if root else None})
