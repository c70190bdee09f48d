"""Mobile JKN calls /mobilejkn/<facility code>/… (V2) or /mobilejkn/<facility code>/v1/… (V1
status answers); paths are matched with or without a trailing slash, since deployed clients
differ. Admin pages live under /jembatan-jkn/."""

from django.urls import URLPattern, URLResolver, path, re_path

from garda.queueing.mobilejkn import views, views_ws

app_name = "mobilejkn"

_CODE = r"(?P<code>[A-Za-z0-9_.-]+)"
_WS = (
    ("auth", r"auth", views_ws.auth),
    ("status", r"antrean/status/(?P<kodepoli>[^/]+)/(?P<tanggal>[^/]+)", views_ws.antrean_status),
    (
        "sisapeserta",
        r"antrean/sisapeserta/(?P<nomorkartu>[^/]+)/(?P<kodepoli>[^/]+)/(?P<tanggal>[^/]+)",
        views_ws.sisa_peserta,
    ),
    ("batal", r"antrean/batal", views_ws.antrean_batal),
    ("antrean", r"antrean", views_ws.antrean_take),
    ("peserta", r"peserta", views_ws.peserta),
)

# The WS endpoints: also the whole URLconf of the lean machine path (machine_urls.py).
ws_urlpatterns: list[URLPattern | URLResolver] = [
    re_path(
        rf"^mobilejkn/{_CODE}/{_prefix}{pattern}/?$",
        view,
        kwargs={"version": _version},
        name=f"ws_{name}{_suffix}",
    )
    for _prefix, _version, _suffix in (("", 2, ""), ("v1/", 1, "_v1"))
    for name, pattern, view in _WS
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("jembatan-jkn/", views.bridge_list, name="bridge_list"),
    path("jembatan-jkn/kiriman/", views.outbox_page, name="outbox"),
    path("jembatan-jkn/kiriman/<int:pk>/ulang/", views.outbox_retry_view, name="outbox_retry"),
    path("jembatan-jkn/<str:code>/", views.bridge_edit, name="bridge_edit"),
    *ws_urlpatterns,
]
