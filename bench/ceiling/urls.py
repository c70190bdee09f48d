from django.urls import path

from ceiling import views

urlpatterns = [
    path("_bench/bare/", views.bare_json),
    path("_bench/insert/", views.bare_insert),
]
