"""The URLconf of the lean machine path (garda.core.machine): the WS Antrean endpoints first,
so requests under /mobilejkn/ resolve at once without Garda's session, CSRF, locale and OTP
middleware (each view checks the bridge's own token), then the site's own patterns, so that
`reverse()` from anything these requests run (a notice's link) finds every page as usual."""

from django.urls import URLPattern, URLResolver

from garda import urls as site
from garda.queueing.mobilejkn.urls import ws_urlpatterns

urlpatterns: list[URLPattern | URLResolver] = [*ws_urlpatterns, *site.urlpatterns]

handler400 = site.handler400
handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500
