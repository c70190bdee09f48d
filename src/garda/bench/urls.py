"""Mounted by garda.urls only when GARDA_BENCH_VIEWS is on."""

from django.urls import URLPattern, path

from garda.bench.views_ceiling import bare_insert, bare_json
from garda.bench.views_jp import sql_compliance

urlpatterns: list[URLPattern] = [
    path("_bench/bare/", bare_json),
    path("_bench/insert/", bare_insert),
    path("_bench/jp-sql/", sql_compliance, name="bench_sql"),
]
