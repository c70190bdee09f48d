from django.urls import URLPattern, URLResolver, path

from garda.queueing import views_analytics, views_console, views_manage, views_public

app_name = "queueing"

urlpatterns: list[URLPattern | URLResolver] = [
    # Public, no account
    path("antrean/", views_public.index, name="index"),
    path("antrean/cari-tiket/", views_public.find_ticket, name="find_ticket"),
    path("antrean/tiket/<str:booking_code>/", views_public.ticket_page, name="ticket"),
    path(
        "antrean/tiket/<str:booking_code>/status/",
        views_public.ticket_status_fragment,
        name="ticket_status",
    ),
    path(
        "antrean/tiket/<str:booking_code>/batal/", views_public.ticket_cancel, name="ticket_cancel"
    ),
    # Staff (before the facility pages, whose first segment is a facility code)
    path("antrean/petugas/", views_console.console_home, name="console_home"),
    path("antrean/petugas/<str:code>/", views_console.console_facility, name="console_facility"),
    path(
        "antrean/petugas/<str:code>/loket/<int:counter_id>/",
        views_console.console_counter,
        name="console_counter",
    ),
    path(
        "antrean/petugas/<str:code>/loket/<int:counter_id>/daftar/",
        views_console.console_counter_fragment,
        name="console_counter_fragment",
    ),
    path(
        "antrean/petugas/<str:code>/loket/<int:counter_id>/<str:action>/",
        views_console.console_action,
        name="console_action",
    ),
    path(
        "antrean/petugas/<str:code>/hadir/", views_console.console_check_in, name="console_check_in"
    ),
    path("antrean/petugas/<str:code>/daftar/", views_console.console_issue, name="console_issue"),
    # Set-up (admins)
    path("antrean/kelola/", views_manage.manage_list, name="manage_list"),
    path("antrean/kelola/baru/", views_manage.facility_new, name="manage_facility_new"),
    path(
        "antrean/kelola/parameter/<str:key>/",
        views_manage.manage_parameter,
        name="manage_parameter",
    ),
    path("antrean/kelola/<str:code>/", views_manage.manage_facility, name="manage_facility"),
    path("antrean/kelola/<str:code>/jam/", views_manage.manage_hours, name="manage_hours"),
    path("antrean/kelola/<str:code>/pemberitahuan/", views_manage.manage_rule, name="manage_rule"),
    path(
        "antrean/kelola/<str:code>/<str:kind>/baru/",
        views_manage.manage_part,
        name="manage_part_new",
    ),
    path(
        "antrean/kelola/<str:code>/<str:kind>/<int:pk>/",
        views_manage.manage_part,
        name="manage_part",
    ),
    path(
        "antrean/kelola/<str:code>/<str:kind>/<int:pk>/hapus/",
        views_manage.manage_part_delete,
        name="manage_part_delete",
    ),
    # Analytics
    path("antrean/analitik/", views_analytics.province, name="analytics"),
    path("antrean/analitik/excel/", views_analytics.province_excel, name="analytics_excel"),
    path("antrean/analitik/<str:code>/", views_analytics.facility, name="analytics_facility"),
    path(
        "antrean/analitik/<str:code>/excel/",
        views_analytics.facility_excel,
        name="analytics_facility_excel",
    ),
    # One puskesmas
    path("antrean/<str:code>/", views_public.facility_page, name="facility"),
    path("antrean/<str:code>/papan/", views_public.facility_board_fragment, name="facility_board"),
    path("antrean/<str:code>/daftar/", views_public.book, name="book"),
    path("antrean/<str:code>/anjungan/", views_public.kiosk, name="kiosk"),
    path("antrean/<str:code>/anjungan/hadir/", views_public.kiosk_check_in, name="kiosk_check_in"),
    path("antrean/<str:code>/anjungan/ambil/", views_public.kiosk_walk_in, name="kiosk_walk_in"),
    path(
        "antrean/<str:code>/anjungan/tiket/<str:booking_code>/",
        views_public.kiosk_receipt,
        name="kiosk_receipt",
    ),
    path("antrean/<str:code>/layar/", views_public.display, name="display"),
    path("antrean/<str:code>/layar.json", views_public.display_feed, name="display_feed"),
]
