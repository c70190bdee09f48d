from django.urls import path

from garda.transparency.opendata import views

app_name = "opendata"

urlpatterns = [
    path("data/", views.catalog, name="catalog"),
    path("data.json", views.data_json, name="data_json"),
    path("catalog.jsonld", views.catalog_jsonld, name="catalog_jsonld"),
    path("data/<slug:slug>/", views.dataset_detail, name="dataset"),
    path("data/<slug:slug>/<int:version>.csv", views.version_download, name="version"),
    path("data/<slug:slug>/datapackage.json", views.datapackage_json, name="datapackage"),
]
