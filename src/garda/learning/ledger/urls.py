from django.urls import URLPattern, URLResolver, path

from garda.learning.ledger import views, views_dashboard, views_import, views_rules, views_siasn

app_name = "ledger"

urlpatterns: list[URLPattern | URLResolver] = [
    path("jp/saya/", views.my_jp, name="my_jp"),
    path("jp/saya/ajukan/", views.external_new, name="external_new"),
    path("jp/saya/riwayat-diklat.pdf", views.my_history_pdf, name="my_history_pdf"),
    path("jp/bukti/<int:pk>/", views.evidence, name="evidence"),
    path("jp/pegawai/<int:pk>/", views.employee_jp, name="employee_jp"),
    path(
        "jp/pegawai/<int:pk>/riwayat-diklat.pdf",
        views.employee_history_pdf,
        name="employee_history_pdf",
    ),
    path("jp/verifikasi/", views.verify_list, name="verify_list"),
    path("jp/verifikasi/<int:pk>/", views.verify_detail, name="verify_detail"),
    path("jp/verifikasi/<int:pk>/putuskan/", views.verify_decide, name="verify_decide"),
    path("jp/kepatuhan/", views_dashboard.dashboard, name="dashboard"),
    path("jp/kepatuhan/data.json", views_dashboard.dashboard_data, name="dashboard_data"),
    path(
        "jp/kepatuhan/unduh.<str:fmt>",
        views_dashboard.dashboard_export,
        name="dashboard_export",
    ),
    path(
        "jp/kepatuhan/nominasi/<int:pk>/",
        views_dashboard.nomination_options,
        name="nomination_options",
    ),
    path("jp/kepatuhan/nominasi/<int:pk>/kirim/", views_dashboard.nominate, name="nominate"),
    path("jp/aturan/", views_rules.rules, name="rules"),
    path("jp/aturan/target/", views_rules.target_set, name="target_set"),
    path("jp/aturan/<int:pk>/", views_rules.rule_edit, name="rule_edit"),
    path("jp/impor/", views_import.import_upload, name="import_upload"),
    path("jp/siasn/", views_siasn.siasn_page, name="siasn"),
    path("jp/siasn/kirim/", views_siasn.siasn_send, name="siasn_send"),
]
