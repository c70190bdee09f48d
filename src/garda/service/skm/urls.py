from django.urls import path

from garda.service.skm import views_public, views_staff

app_name = "skm"

# Included under "skm/" among garda/urls.py's prefixed includes: a phone's answer (issue 15's
# hot path) was otherwise tried against ~170 page patterns of the apps listed before it.

urlpatterns = [
    # Public: the questionnaire and the published results.
    path("isi/<str:token>/", views_public.answer, name="answer"),
    path("survei/<int:pk>/isi/", views_public.answer_open, name="answer_open"),
    path("terima-kasih/", views_public.thanks, name="thanks"),
    path("hasil/", views_public.public_index, name="public_index"),
    path("hasil/<int:pk>/", views_public.public_survey, name="public_survey"),
    path("hasil/<int:pk>/pdf/", views_public.public_pdf, name="public_pdf"),
    path("unit/<int:unit_id>/", views_public.public_unit, name="public_unit"),
    # Staff.
    path("kelola/", views_staff.survey_list, name="surveys"),
    path("kelola/<int:pk>/", views_staff.survey_detail, name="survey_detail"),
    path("kelola/<int:pk>/ubah/", views_staff.survey_edit, name="survey_edit"),
    path("kelola/<int:pk>/umumkan/", views_staff.survey_publish, name="survey_publish"),
    path("kelola/<int:pk>/unsur/", views_staff.extra_add, name="extra_add"),
    path("kelola/<int:pk>/rtl/", views_staff.action_add, name="action_add"),
    path("kelola/rtl/<int:pk>/status/", views_staff.action_status, name="action_status"),
    path("kelola/<int:pk>/kertas/", views_staff.paper_entry, name="survey_paper"),
    path("kelola/impor/", views_staff.import_upload, name="import_upload"),
    path("kelola/<int:pk>/poster/", views_staff.poster, name="poster"),
    path("kelola/<int:pk>/pdf/", views_staff.survey_pdf, name="survey_pdf"),
    path("saran/", views_staff.suggestion_list, name="suggestions"),
    path("saran/<int:pk>/", views_staff.suggestion_detail, name="suggestion_detail"),
]
