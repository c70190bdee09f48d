from django.urls import path

from garda.people import views

app_name = "people"

urlpatterns = [
    path("", views.unit_tree, name="unit_tree"),
]
