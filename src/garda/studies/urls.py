from django.urls import path

from garda.studies import views, views_admin, views_rules

app_name = "studies"

urlpatterns = [
    path("studi/", views.home, name="home"),
    path("studi/cek-syarat/", views.check, name="check"),
    path("studi/ajukan/", views.apply, name="apply"),
    path("studi/<int:pk>/", views.assignment, name="assignment"),
    path("studi/<int:pk>/dokumen/", views.document_upload, name="document_upload"),
    path("studi/<int:pk>/putuskan/", views.decide, name="decide"),
    path("studi/<int:pk>/laporan/", views.report_submit, name="report_submit"),
    path("studi/laporan/<int:pk>/periksa/", views.report_decide, name="report_decide"),
    path("studi/<int:pk>/lulus/", views.graduate, name="graduate"),
    path("studi/<int:pk>/kembali/", views.study_return, name="return"),
    path("studi/<int:pk>/perpanjang/", views.extend, name="extend"),
    path("studi/<int:pk>/batal/", views.cancel, name="cancel"),
    path("studi/<int:pk>/sk.pdf", views.decree_pdf, name="decree_pdf"),
    path("studi/ikatan/<int:pk>/pelanggaran/", views.bond_breach, name="bond_breach"),
    path("studi/verifikasi/<str:code>/", views.verify, name="verify"),
    path("studi/penawaran/", views_admin.offer_list, name="offers"),
    path("studi/penawaran/<int:pk>/", views_admin.offer_detail, name="offer"),
    path("studi/penawaran/<int:pk>/umumkan/", views_admin.offer_publish, name="offer_publish"),
    path("studi/penawaran/<int:pk>/peringkat/", views_admin.offer_rank, name="offer_rank"),
    path("studi/penawaran/<int:pk>/calon/", views_admin.candidate_add, name="candidate_add"),
    path("studi/izin-pelatihan/", views_admin.permit_list, name="permits"),
    path(
        "studi/izin-pelatihan/<int:pk>/putuskan/", views_admin.permit_decide, name="permit_decide"
    ),
    path("studi/izin-pelatihan/<int:pk>/laporan/", views_admin.permit_report, name="permit_report"),
    path("studi/dasbor/", views_admin.dashboard, name="dashboard"),
    path("studi/ekspor.<str:fmt>", views_admin.export, name="export"),
    path("studi/publik/", views_admin.public, name="public"),
    path("studi/aturan/", views_rules.rule_list, name="rules"),
    path("studi/aturan/syarat/<int:pk>/", views_rules.rule_edit, name="rule_edit"),
    path("studi/aturan/sumber-dana/<int:pk>/", views_rules.funding_edit, name="funding_edit"),
    path("studi/aturan/pangkat/<int:pk>/", views_rules.pangkat_edit, name="pangkat_edit"),
]
