"""The project's URLs plus the routes PPID brings that the project does not mount yet (the API
viewset and the /kalender/ page). Tests use it with `pytest.mark.urls`; once api_urls.py and
core's URLconf mount them, it is the project's URLconf unchanged."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from garda import api_urls
from garda import urls as project_urls
from garda.transparency.ppid.api import InformationRequestViewSet

router = DefaultRouter()
for prefix, viewset, basename in api_urls.router.registry:
    router.register(prefix, viewset, basename=basename)
if not any(prefix == "information-requests" for prefix, _v, _b in api_urls.router.registry):
    router.register(
        "information-requests", InformationRequestViewSet, basename="information-request"
    )

_plain: list[URLPattern | URLResolver] = [
    p for p in api_urls.urlpatterns if isinstance(p, URLPattern)
]
_api: list[URLPattern | URLResolver] = [*_plain, path("", include(router.urls))]
_mounted_calendar = any(
    isinstance(p, URLResolver) and str(p.pattern) == "kalender/" for p in project_urls.urlpatterns
)

urlpatterns: list[URLPattern | URLResolver] = [
    *[p for p in project_urls.urlpatterns if str(p.pattern) != "api/v1/"],
    path("api/v1/", include((_api, "api"), namespace="api")),
]
if not _mounted_calendar:
    urlpatterns.append(path("kalender/", include("garda.core.calendar")))

handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500
