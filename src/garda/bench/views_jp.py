"""The ceiling the JP bench compares the dashboard with: the same compliance figures (share
compliant and the distribution buckets) from one
hand-written SQL aggregate, uncached, no ORM, no template. Served only when
GARDA_BENCH_VIEWS is on (bench/jp_bench.py)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, JsonResponse

from garda.core.models import Unit
from garda.core.params import id_from
from garda.core.permissions import access_for, require_access
from garda.core.roles import PUBLIC
from garda.learning.ledger.rules import targets_for_year

SQL = """
SELECT COUNT(*),
       COUNT(*) FILTER (WHERE jp >= target),
       COUNT(*) FILTER (WHERE jp = 0),
       COUNT(*) FILTER (WHERE jp > 0 AND jp < target * 0.25),
       COUNT(*) FILTER (WHERE jp >= target * 0.25 AND jp < target * 0.5),
       COUNT(*) FILTER (WHERE jp >= target * 0.5 AND jp < target * 0.75),
       COUNT(*) FILTER (WHERE jp >= target * 0.75 AND jp < target)
FROM (SELECT COALESCE(t.total_jp, 0) AS jp,
             CASE e.kind WHEN 'pppk' THEN %s ELSE %s END AS target
      FROM people_employee e
      LEFT JOIN ledger_jpyeartotal t ON t.employee_id = e.id AND t.year = %s
      WHERE e.status NOT IN ('pensiun', 'berhenti', 'meninggal', 'diberhentikan_sementara')
            {where}) AS x
"""


@require_access(access_for(PUBLIC))
def sql_compliance(request: HttpRequest) -> JsonResponse:
    year = int(request.GET.get("tahun", "2026"))
    targets = targets_for_year(year)
    # Numbers, not Decimals: SQLite would compare the text Django binds a Decimal as.
    params: list[Any] = [float(targets.get("pppk", 24)), float(targets.get("pns", 20)), year]
    where = ""
    unit_id = id_from(request.GET.get("unit"))
    if unit_id is not None:
        root = Unit.objects.get(pk=unit_id)
        where = "AND e.unit_id IN (SELECT id FROM people_unit WHERE path LIKE %s)"
        params.append(root.path + "%")
    with connection.cursor() as cursor:
        cursor.execute(SQL.format(where=where), params)
        employees, compliant, *buckets = cursor.fetchone()
    return JsonResponse(
        {"employees": employees, "compliant": compliant, "buckets": buckets, "year": year}
    )
