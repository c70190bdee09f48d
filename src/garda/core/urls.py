from django.urls import path

from garda.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("cek-sertifikat/", views.certificate_lookup, name="certificate_lookup"),
    path("akun/masuk/", views.LoginView.as_view(), name="login"),
    path("akun/keluar/", views.logout, name="logout"),
    path("akun/2fa/", views.two_factor, name="two_factor"),
    path("akun/2fa/pasang/<str:token>/", views.two_factor_enrol, name="two_factor_enrol"),
    path("akun/profil/", views.profile, name="profile"),
    path("akun/ubah-sandi/", views.password_change, name="password_change"),
    path("akun/lupa-sandi/", views.password_reset, name="password_reset"),
    path("akun/lupa-sandi/terkirim/", views.password_reset_done, name="password_reset_done"),
    path(
        "akun/atur-sandi/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("akun/atur-sandi/selesai/", views.password_reset_complete, name="password_reset_complete"),
    path("pekerjaan/<int:job_id>/", views.job_detail, name="job"),
    path("audit/", views.audit_log, name="audit_log"),
    path("audit/verifikasi/", views.audit_verify_start, name="audit_verify"),
]
