"""This app's viewsets on the project's /api/v1/ router (called from garda/api_urls.py)."""

from rest_framework.routers import DefaultRouter

from garda.talent import api, api_editions


def register(router: DefaultRouter) -> None:
    # Before "ip-asn" (which has no detail route), so "editions" is never read as an id.
    router.register("ip-asn/editions", api_editions.IpEditionViewSet, basename="ip-asn-edition")
    router.register("ip-asn", api.IpAsnViewSet, basename="ip-asn")
