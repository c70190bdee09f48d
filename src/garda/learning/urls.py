from django.urls import URLPattern, URLResolver, path

from garda.learning import (
    views_admin,
    views_attendance,
    views_certificates,
    views_participant,
    views_public,
    views_results,
)

app_name = "learning"

urlpatterns: list[URLPattern | URLResolver] = [
    # Public
    path("pelatihan/", views_public.catalog, name="catalog"),
    path("pelatihan/program/<int:pk>/", views_public.program_detail, name="program_detail"),
    path("pelatihan/angkatan/<int:pk>/", views_public.batch_detail, name="batch_detail"),
    path("pelatihan/verifikasi/<str:code>/", views_certificates.verify, name="verify"),
    # did:web:<host>:pelatihan:lencana resolves here (docs/decisions/0016).
    path("pelatihan/lencana/did.json", views_certificates.badge_did, name="badge_did"),
    path(
        "pelatihan/lencana/status/<int:number>/",
        views_certificates.badge_status_list,
        name="badge_status_list",
    ),
    path(
        "pelatihan/kalender/<str:token>.ics", views_certificates.calendar_ics, name="calendar_ics"
    ),
    # Participants
    path("pelatihan/saya/", views_participant.my_trainings, name="my"),
    path("pelatihan/saya/kalender/", views_certificates.calendar_page, name="calendar"),
    path("pelatihan/angkatan/<int:pk>/daftar/", views_participant.register, name="register"),
    path("pelatihan/pendaftaran/<int:pk>/", views_participant.enrollment_detail, name="enrollment"),
    path(
        "pelatihan/pendaftaran/<int:pk>/batal/", views_participant.enrollment_cancel, name="cancel"
    ),
    path(
        "pelatihan/pendaftaran/<int:pk>/dokumen/",
        views_participant.document_upload,
        name="document_upload",
    ),
    path("pelatihan/pendaftaran/<int:pk>/tes/<str:kind>/", views_results.take_test, name="test"),
    path("pelatihan/pendaftaran/<int:pk>/survei/", views_results.survey, name="survey"),
    path(
        "pelatihan/pendaftaran/<int:pk>/aksi-perubahan/",
        views_results.change_project,
        name="change_project",
    ),
    path(
        "pelatihan/pendaftaran/<int:pk>/sertifikat.pdf",
        views_certificates.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "pelatihan/pendaftaran/<int:pk>/open-badge.json",
        views_certificates.certificate_badge,
        name="certificate_badge",
    ),
    path("pelatihan/evaluasi/<int:pk>/", views_results.followup, name="followup"),
    path(
        "pelatihan/hadir/<int:session_pk>/<int:slot>/<str:token>/",
        views_attendance.checkin,
        name="checkin",
    ),
    # Approvers
    path("pelatihan/persetujuan/", views_participant.approvals, name="approvals"),
    path("pelatihan/pendaftaran/<int:pk>/setujui/", views_participant.approve, name="approve"),
    path("pelatihan/pendaftaran/<int:pk>/tolak/", views_participant.refuse, name="refuse"),
    path(
        "pelatihan/dokumen/<int:pk>/periksa/",
        views_participant.document_check,
        name="document_check",
    ),
    # Organisers
    path("pelatihan/kelola/", views_admin.manage, name="manage"),
    path("pelatihan/kelola/parameter/", views_admin.parameters, name="parameters"),
    path(
        "pelatihan/kelola/penandatangan/",
        views_certificates.signatory_page,
        name="signatories",
    ),
    path("pelatihan/kelola/program/baru/", views_admin.program_edit, name="program_new"),
    path("pelatihan/kelola/program/<int:pk>/", views_admin.program_edit, name="program_edit"),
    path("pelatihan/kelola/program/<int:pk>/soal/", views_results.questions, name="questions"),
    path("pelatihan/kelola/angkatan/baru/", views_admin.batch_edit, name="batch_new"),
    path("pelatihan/kelola/angkatan/<int:pk>/", views_admin.batch_manage, name="batch_manage"),
    path("pelatihan/kelola/angkatan/<int:pk>/ubah/", views_admin.batch_edit, name="batch_edit"),
    path(
        "pelatihan/kelola/angkatan/<int:pk>/kuota/", views_admin.batch_quotas, name="batch_quotas"
    ),
    path(
        "pelatihan/kelola/angkatan/<int:pk>/usulkan/",
        views_admin.batch_nominate,
        name="batch_nominate",
    ),
    path(
        "pelatihan/kelola/angkatan/<int:pk>/sertifikat/",
        views_certificates.batch_certificates,
        name="batch_certificates",
    ),
    path(
        "pelatihan/kelola/angkatan/<int:batch_pk>/sesi/baru/",
        views_admin.session_edit,
        name="session_new",
    ),
    path(
        "pelatihan/kelola/angkatan/<int:batch_pk>/sesi/<int:pk>/",
        views_admin.session_edit,
        name="session_edit",
    ),
    path(
        "pelatihan/kelola/sesi/<int:pk>/presensi/",
        views_attendance.session_attendance,
        name="session_attendance",
    ),
    path("pelatihan/kelola/sesi/<int:pk>/qr/", views_attendance.session_qr, name="session_qr"),
    path(
        "pelatihan/kelola/sesi/<int:pk>/langsung/",
        views_attendance.session_live,
        name="session_live",
    ),
    path(
        "pelatihan/kelola/sesi/<int:pk>/tandai/", views_attendance.session_mark, name="session_mark"
    ),
    path(
        "pelatihan/kelola/sesi/<int:pk>/impor/",
        views_attendance.session_import,
        name="session_import",
    ),
    path(
        "pelatihan/kelola/sertifikat/<int:pk>/cabut/",
        views_certificates.certificate_revoke,
        name="certificate_revoke",
    ),
]
