"""This app's viewsets on the project's /api/v1/ router (called from garda/api_urls.py)."""

from rest_framework.routers import DefaultRouter

from garda.service.innovation.api import InnovationViewSet


def register(router: DefaultRouter) -> None:
    router.register("innovations", InnovationViewSet, basename="innovation")
