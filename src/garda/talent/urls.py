from django.urls import path

from garda.talent import views, views_admin, views_editions, views_imports, views_ipasn

app_name = "talent"

urlpatterns = [
    path("talenta/saya/", views.my_talent, name="my_talent"),
    path("talenta/kotak/", views.grid, name="grid"),
    path("talenta/ip-asn/", views_ipasn.dashboard, name="ip_dashboard"),
    path("talenta/ip-asn/edisi/", views_editions.editions, name="ip_editions"),
    path("talenta/ip-asn/data/", views_ipasn.dashboard_data, name="ip_dashboard_data"),
    path("talenta/kalibrasi/", views_admin.calibration_list, name="calibration_list"),
    path("talenta/kalibrasi/<int:pk>/", views_admin.calibration_detail, name="calibration_detail"),
    path(
        "talenta/kalibrasi/<int:pk>/ubah/",
        views_admin.calibration_change,
        name="calibration_change",
    ),
    path(
        "talenta/kalibrasi/<int:pk>/kunci/", views_admin.calibration_lock, name="calibration_lock"
    ),
    path("talenta/suksesi/", views_admin.succession, name="succession"),
    path("talenta/batas-kinerja/", views_admin.cutoffs, name="cutoffs"),
    path("talenta/batas-potensial/", views_admin.potensial_cutoffs, name="potensial_cutoffs"),
    path("talenta/disiplin/", views_admin.sanctions, name="sanctions"),
    path("talenta/skp/impor/", views_imports.skp_upload, name="skp_import"),
    path("talenta/potensial/impor/", views_imports.potensial_upload, name="potensial_import"),
    path("talenta/disiplin/impor/", views_imports.disiplin_upload, name="disiplin_import"),
]
