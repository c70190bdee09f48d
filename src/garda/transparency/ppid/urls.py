from django.urls import path

from garda.transparency.ppid import views, views_console

app_name = "ppid"

urlpatterns = [
    # Public
    path("", views.home, name="home"),
    path("permohonan/baru/", views.request_new, name="request_new"),
    path("informasi/<int:pk>/dokumen/", views.item_document, name="item_document"),
    path("lacak/", views.track, name="track"),
    path("lacak/<str:code>/", views.track_detail, name="track_detail"),
    path("lacak/<str:code>/lampiran/", views.track_attachment, name="track_attachment"),
    path("lacak/<str:code>/keberatan/", views.objection_new, name="objection_new"),
    path("statistik/", views.statistics, name="statistics"),
    path("laporan/<int:year>.pdf", views.report_pdf, name="report_pdf"),
    # Officers
    path("petugas/", views_console.console, name="console"),
    path("petugas/kertas/", views_console.paper_new, name="paper_new"),
    path("petugas/<int:pk>/", views_console.console_detail, name="console_detail"),
    path("petugas/<int:pk>/proses/", views_console.request_process, name="process"),
    path("petugas/<int:pk>/perpanjang/", views_console.request_extend, name="extend"),
    path("petugas/<int:pk>/putuskan/", views_console.request_decide, name="decide"),
    path("petugas/<int:pk>/keberatan/", views_console.objection_decide, name="objection_decide"),
    path("petugas/informasi/", views_console.item_list, name="item_list"),
    path("petugas/informasi/baru/", views_console.item_new, name="item_new"),
    path("petugas/informasi/<int:pk>/", views_console.item_edit, name="item_edit"),
    path("petugas/parameter/", views_console.parameters, name="parameters"),
]
