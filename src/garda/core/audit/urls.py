"""Public audit pages and proof endpoints, mounted at /audit/publik/ (namespace
"public_audit"). Importing this module also puts "Audit Publik" in everyone's menu."""

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from garda.core import navigation
from garda.core.audit import public_views as views

navigation.register(
    navigation.NavItem(
        _("Audit Publik"),
        "public_audit:index",
        views.PUBLIC_ACCESS,
        group=navigation.OPENNESS,
        order=750,
    )
)

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
