from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView

urlpatterns: list[URLPattern | URLResolver] = [
    # Browsers ask for /favicon.ico whatever the page says; answer with the real icon.
    path("favicon.ico", RedirectView.as_view(url="/static/garda/favicon.svg", permanent=True)),
    # Prefixed includes first: Django tries patterns in order, and an API call placed after
    # the apps' unprefixed pages was tested against ~290 of them first (a fifth of `/me/`).
    # No app page starts with these prefixes (tests/test_url_order.py).
    path("api/v1/", include(("garda.api_urls", "api"), namespace="api")),
    path("kalender/", include("garda.core.calendar.views")),
    path("audit/publik/", include(("garda.core.audit.urls", "public_audit"))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("skm/", include("garda.service.skm.urls")),
    path("", include("garda.core.urls")),
    path("", include("garda.people.urls")),
    path("", include("garda.transparency.urls")),
    path("", include("garda.competency.urls")),
    path("", include("garda.learning.urls")),
    path("", include("garda.learning.ledger.urls")),
    path("", include("garda.queueing.urls")),
    path("", include("garda.queueing.mobilejkn.urls")),
    path("", include("garda.service.innovation.urls")),
    path("", include("garda.talent.urls")),
    path("", include("garda.studies.urls")),
]

if settings.GARDA_BENCH_VIEWS:
    urlpatterns.append(path("", include("garda.bench.urls")))

handler400 = "garda.core.views.error_400"
handler403 = "garda.core.views.error_403"
handler404 = "garda.core.views.error_404"
handler500 = "garda.core.views.error_500"
