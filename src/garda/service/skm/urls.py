from django.urls import path

from garda.service.skm import views_public, views_staff

app_name = "skm"

urlpatterns = [
    # Public: the questionnaire and the published results.
    path("skm/isi/<str:token>/", views_public.answer, name="answer"),
    path("skm/survei/<int:pk>/isi/", views_public.answer_open, name="answer_open"),
    path("skm/terima-kasih/", views_public.thanks, name="thanks"),
    path("skm/hasil/", views_public.public_index, name="public_index"),
    path("skm/hasil/<int:pk>/", views_public.public_survey, name="public_survey"),
    path("skm/hasil/<int:pk>/pdf/", views_public.public_pdf, name="public_pdf"),
    path("skm/unit/<int:unit_id>/", views_public.public_unit, name="public_unit"),
    # Staff.
    path("skm/kelola/", views_staff.survey_list, name="surveys"),
    path("skm/kelola/<int:pk>/", views_staff.survey_detail, name="survey_detail"),
    path("skm/kelola/<int:pk>/ubah/", views_staff.survey_edit, name="survey_edit"),
    path("skm/kelola/<int:pk>/umumkan/", views_staff.survey_publish, name="survey_publish"),
    path("skm/kelola/<int:pk>/unsur/", views_staff.extra_add, name="extra_add"),
    path("skm/kelola/<int:pk>/rtl/", views_staff.action_add, name="action_add"),
    path("skm/kelola/rtl/<int:pk>/status/", views_staff.action_status, name="action_status"),
    path("skm/kelola/<int:pk>/kertas/", views_staff.paper_entry, name="survey_paper"),
    path("skm/kelola/impor/", views_staff.import_upload, name="import_upload"),
    path("skm/kelola/<int:pk>/poster/", views_staff.poster, name="poster"),
    path("skm/kelola/<int:pk>/pdf/", views_staff.survey_pdf, name="survey_pdf"),
    path("skm/saran/", views_staff.suggestion_list, name="suggestions"),
    path("skm/saran/<int:pk>/", views_staff.suggestion_detail, name="suggestion_detail"),
]
