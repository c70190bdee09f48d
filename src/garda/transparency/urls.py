from django.urls import include, path

app_name = "transparency"

urlpatterns = [
    path("anggaran/", include("garda.transparency.budget.urls")),
    path("", include("garda.transparency.opendata.urls")),
    path("ppid/", include("garda.transparency.ppid.urls")),
]
