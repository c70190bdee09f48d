"""Public audit pages and proof endpoints, mounted at /audit/publik/ (namespace
"public_audit"). Its menu entry is in core/nav.py."""

from django.urls import URLPattern, path

from garda.core.audit import public_views as views

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("sth.json", views.sth_latest, name="sth_latest"),
    path("sth/", views.sth_list, name="sth_list"),
    path("sth.csv", views.sth_csv, name="sth_csv"),
    path("kunci-publik.pem", views.public_key, name="public_key"),
    path("bukti-inklusi/<int:seq>/", views.inclusion, name="inclusion"),
    path("bukti-konsistensi/", views.consistency, name="consistency"),
    path("entri/<int:seq>.json", views.entry, name="entry"),
]
