"""The IP ASN dashboard: distribution over categories, each dimension's mean and share, and
per instansi/OPD, for the viewer's scope (cached under it)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from garda.core.cache import cached, viewer_scope
from garda.core.models import Unit
from garda.core.permissions import require_access, signed_in_user
from garda.talent import policy, stamp
from garda.talent.models_ipasn import Dimension
from garda.talent.selectors.ipasn import SUMMARY_VERSIONS, ip_asn_summary_cached
from garda.talent.views import root_from, year_from
from garda.talent.vocabulary import category_label


@require_access(policy.DASHBOARD)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = year_from(request)
    root = root_from(request, user)  # refuses a unit outside the scope
    # The page's body is rendered once per viewer scope, language, year, unit and data
    # versions (the summary's own key), so a warm page renders only the signed-in layout.
    body = cached(
        viewer_scope(user),
        ["ip-asn-dashboard-body", year, root.pk if root is not None else "all"],
        lambda: _body(ip_asn_summary_cached(user=user, year=year, root=root), year, root),
        timeout=stamp.CACHE_SECONDS,
        versions=SUMMARY_VERSIONS,
    )
    return render(request, "talent/ip_dashboard.html", {"body": mark_safe(body)})  # noqa: S308  # our own template's output


def _body(summary: dict[str, Any], year: int, root: Unit | None) -> str:
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
    return render_to_string(
        "talent/_ip_dashboard_body.html",
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
