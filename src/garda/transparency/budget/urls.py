from django.urls import path

from garda.transparency.budget import views, views_import

app_name = "budget"

urlpatterns = [
    path("", views.index, name="index"),
    path("impor/", views_import.import_upload, name="import"),
    path("<int:year>/", views.year_overview, name="year"),
    path("<int:year>/unit/<str:code>/", views.unit_overview, name="unit"),
    path("<int:year>/rincian/", views.line_table, name="lines"),
    path("<int:year>/sub-kegiatan/<int:pk>/", views.line_detail, name="line"),
    path("<int:year>/unduh/<str:table>.<str:fmt>", views.download, name="download"),
]
