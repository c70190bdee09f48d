from django.urls import path

from garda.people import views, views_import

app_name = "people"

urlpatterns = [
    path("pegawai/", views.employee_list, name="employee_list"),
    path("pegawai/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("pegawai/<int:pk>/ubah/", views.employee_edit, name="employee_edit"),
    path("pegawai/impor/", views_import.import_upload, name="employee_import"),
    path("pegawai/impor/templat.<str:fmt>", views_import.import_template, name="import_template"),
    path("pegawai/ekspor.<str:fmt>", views_import.export, name="employee_export"),
    path("profil-asn/", views.self_profile, name="self_profile"),
    path("unit/", views.unit_tree, name="unit_tree"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
]
